"""The schedule editor's pages: events/schedule_editor/views.py."""

import re
from datetime import datetime

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from events.enums import AttendanceStatus
from events.importing import import_programme, plan_import
from events.models import Attendance, PendingChange, Session
from events.schedule_editor.selectors import published_row
from events.schedule_editor.services import version_of
from tests.factories import LONDON, SessionFactory, UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(import_setting, programme_csv):
    """Two sessions in the Hall on Mon 5 July: S01 10:00-11:00 (10 places), S02 11:30-12:30."""
    import_programme(
        festival=import_setting.festival,
        content=programme_csv(
            {"capacity": "10", "title": "Opening circle"},
            {"start": "11:30", "end": "12:30", "title": "Zine making"},
        ),
    )
    return import_setting


@pytest.fixture
def organiser_client(client, programme):
    client.force_login(programme.organiser)
    return client


def session(ref: str) -> Session:
    return Session.objects.select_related("festival", "event", "room").get(ref=ref)


def form_data(ref: str, **cells) -> dict[str, str]:
    """What the session form posts for the session with `ref`, with `cells` changed."""
    chosen = session(ref)
    row = published_row(chosen)
    data = {column: value for column, value in row.items() if column not in ("ref", "speakers")}
    data |= {
        "new_speakers": row["speakers"],
        "version": version_of(chosen, None),
        "action": "draft",
    }
    return data | cells


def editor(festival_slug: str, day: str = "2027-07-05") -> str:
    return reverse("organise-schedule", args=[festival_slug]) + f"?day={day}"


# Every page and action: (name, args after the festival, method).
PAGES = [
    ("organise-schedule", [], "get"),
    ("organise-publish", [], "get"),
    ("organise-publish", [], "post"),
    ("organise-publish-mode", [], "post"),
    ("organise-session-new", [], "get"),
    ("organise-session-new", [], "post"),
    ("organise-session-edit", ["opening-circle"], "get"),
    ("organise-session-edit", ["opening-circle"], "post"),
    ("organise-session-move", ["opening-circle"], "post"),
    ("organise-session-cancel", ["opening-circle"], "post"),
    ("organise-session-restore", ["opening-circle"], "post"),
    ("organise-session-delete", ["opening-circle"], "get"),
    ("organise-session-delete", ["opening-circle"], "post"),
    ("organise-draft-edit", ["web-000000"], "get"),
    ("organise-draft-move", ["web-000000"], "post"),
]


@pytest.mark.parametrize(("name", "args", "method"), PAGES)
def test_only_the_festivals_organisers_reach_the_editor(client, programme, name, args, method):
    url = reverse(name, args=[programme.festival.slug, *args])

    anonymous = getattr(client, method)(url)
    client.force_login(UserFactory())
    stranger = getattr(client, method)(url)
    other_organiser = UserFactory()
    other_organiser.organised_festivals.add(
        type(programme.festival).objects.create(
            name="Other",
            slug="other",
            start_date=programme.festival.start_date,
            end_date=programme.festival.end_date,
        )
    )
    client.force_login(other_organiser)
    organiser_of_another = getattr(client, method)(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(f"{resolve_url(settings.LOGIN_URL)}?next=")
    assert (stranger.status_code, organiser_of_another.status_code) == (403, 403)
    assert PendingChange.objects.count() == 0
    assert session("S01").title == "Opening circle"


def test_the_editor_shows_the_day_with_rooms_times_and_drafts_marked(organiser_client, programme):
    organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "zine-making"]),
        form_data("S02", room="Garden"),
    )

    response = organiser_client.get(editor("nacpf"))

    assert response.status_code == 200
    assert texts(response, "p.editor-drafts") == [
        "1 unpublished change: only organisers see it. Review and publish"
    ]
    assert [name.strip() for name in texts(response, "span.editor-room-name")] == [
        "Hall",
        "Studio",
        "Garden",
    ]
    assert texts(response, "p.editor-card-meta") == ["10:00–11:00, Hall", "11:30–12:30, Garden"]
    assert texts(response, "p.editor-badge") == ["Draft: moved"]


def test_saving_a_draft_redirects_to_the_day_and_changes_nothing_public(
    organiser_client, programme
):
    response = organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]),
        form_data("S01", start="15:00", end="16:00", title="Opening circle, later"),
    )

    assert response.status_code == 302
    assert response["Location"] == editor("nacpf")
    assert session("S01").title == "Opening circle"
    visitor = Client()
    public = visitor.get(reverse("session-detail", args=["nacpf", "opening-circle"]))
    assert "Opening circle" in public.content.decode()
    assert "later" not in public.content.decode()
    for name in (
        "festival-programme",
        "festival-calendar",
        "festival-schedule-xml",
        "festival-schedule-json",
    ):
        body = visitor.get(reverse(name, args=["nacpf"])).content.decode()
        assert "later" not in body, name


def test_publishing_from_the_publish_page_applies_the_drafts_with_the_note(
    organiser_client, programme
):
    organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]),
        form_data("S01", start="15:00", end="16:00"),
    )
    listing = organiser_client.get(reverse("organise-publish", args=["nacpf"]))

    response = organiser_client.post(
        reverse("organise-publish", args=["nacpf"]), {"action": "publish", "note": "Rain."}
    )

    assert texts(listing, "td")[:4] == [
        "Moved",
        "Opening circle",
        "2027-07-05 10:00–11:00, Hall",
        "2027-07-05 15:00–16:00, Hall",
    ]
    assert response.status_code == 302
    assert (session("S01").start, session("S01").sequence) == (
        datetime(2027, 7, 5, 15, 0, tzinfo=LONDON),
        1,
    )
    changes = organiser_client.get(reverse("festival-changes", args=["nacpf"]))
    assert "Rain." in changes.content.decode()


# The import's rules, from the one place: the same bad cells give the same words on the form
# as on a CSV row (capitalised, and without the file's own references), and nothing is written.
BAD_CELLS = [
    (
        {"start": "12:00", "end": "11:00"},
        "The session ends at 11:00, which is not after its start at 12:00. The file has one "
        "date column, so a session must end on the day it starts: split one that runs past "
        "midnight into a row per day.",
    ),
    (
        {"date": "2027-07-09"},
        "Fri 9 Jul 10:00–11:00 is outside Main programme, which runs Mon 5 Jul 09:00 – Tue 6 "
        "Jul 18:00.",
    ),
    (
        {"format": "lecture"},
        "Format “lecture” is not one of: talk, workshop, conversation, happening, performance, "
        "break.",
    ),
    (
        {"room": "Ballroom"},
        "No room “Ballroom” at Museum of Science and Industry, where Main programme is held. "
        "Rooms there: Hall, Studio, Garden.",
    ),
    (
        {"capacity": "lots"},
        "Capacity “lots” is not a whole number of places (0 or more). Leave it blank for a "
        "drop-in session.",
    ),
    ({"title": ""}, "Title is empty."),
    ({"speakers": "Mel Parks <mel@>"}, None),
    (
        {"start": "11:45", "end": "12:15"},
        "Hall is double-booked on Mon 5 Jul: “Opening circle” (11:45–12:15) overlaps “Zine "
        "making” (11:30–12:30, ref S02).",
    ),
]


@pytest.mark.parametrize(("cells", "expected"), BAD_CELLS)
def test_a_bad_form_is_refused_with_the_imports_own_words_and_writes_nothing(
    organiser_client, programme, programme_csv, cells, expected
):
    row = {"ref": "S01", "capacity": "10", "title": "Opening circle", **cells}
    [import_problem] = plan_import(festival=programme.festival, content=programme_csv(row)).errors
    form_cells = dict(cells)
    if "speakers" in form_cells:
        form_cells["new_speakers"] = form_cells.pop("speakers")

    response = organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]),
        form_data("S01", **form_cells),
    )

    import_words = import_problem.message.replace(
        ", which is in the programme and not in this file", ""
    )
    import_words = import_words[:1].upper() + import_words[1:]
    assert response.status_code == 400
    assert texts(response, "ul.problem-list") == [import_words]
    if expected is not None:
        assert import_words == expected
    assert PendingChange.objects.count() == 0
    assert session("S01").title == "Opening circle"


def test_capacity_below_the_places_taken_is_refused(organiser_client, programme):
    for _number in range(3):
        Attendance.objects.create(
            user=UserFactory(), session=session("S01"), status=AttendanceStatus.GOING
        )

    response = organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]),
        form_data("S01", capacity="2"),
    )

    assert response.status_code == 400
    assert texts(response, "ul.problem-list") == [
        "Capacity 2 is below the 3 places already booked: write at least 3, or leave it blank "
        "for a drop-in."
    ]


def test_a_stale_form_is_refused_showing_both_versions(organiser_client, programme):
    stale = form_data("S01", room="Garden")
    organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]),
        form_data("S01", title="Welcome circle"),
    )

    response = organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]), stale
    )

    assert response.status_code == 409
    assert texts(response, "div.problem-summary")[0].startswith(
        f"This session was changed by {programme.organiser.name} at "
    )
    assert texts(response, "tr.is-different") == [
        "room Hall Garden",
        "title Welcome circle Opening circle",
    ]
    assert PendingChange.objects.get().row["title"] == "Welcome circle"


def test_a_new_session_from_an_empty_slot_comes_prefilled(organiser_client, programme):
    response = organiser_client.get(
        reverse("organise-session-new", args=["nacpf"]) + "?date=2027-07-06&start=14:00&room=Garden"
    )

    form = response.context["form"]
    assert (form["date"].value(), form["start"].value(), form["room"].value()) == (
        "2027-07-06",
        "14:00",
        "Garden",
    )


def test_moving_from_the_editor_keeps_the_length_and_publishes_at_once(organiser_client, programme):
    card = session("S02")
    response = organiser_client.post(
        reverse("organise-session-move", args=["nacpf", card.slug]),
        {
            "room": "Studio",
            "date": "2027-07-06",
            "start": "09:30",
            "end": "",
            "version": version_of(card, None),
            "action": "publish",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == editor("nacpf", "2027-07-06")
    moved = session("S02")
    assert (moved.room.name, moved.start, moved.end, moved.sequence) == (
        "Studio",
        datetime(2027, 7, 6, 9, 30, tzinfo=LONDON),
        datetime(2027, 7, 6, 10, 30, tzinfo=LONDON),
        1,
    )


def test_a_move_into_a_taken_room_is_refused_and_says_why(organiser_client, programme):
    card = session("S02")
    response = organiser_client.post(
        reverse("organise-session-move", args=["nacpf", card.slug]),
        {
            "room": "Hall",
            "date": "2027-07-05",
            "start": "10:30",
            "version": version_of(card, None),
            "action": "draft",
        },
        follow=True,
    )

    assert texts(response, "p.message-error") == [
        "Not moved: Hall is double-booked on Mon 5 Jul: “Zine making” (10:30–11:30) overlaps "
        "“Opening circle” (10:00–11:00, ref S01)."
    ]
    assert PendingChange.objects.count() == 0


def test_a_booked_session_cannot_be_deleted_from_its_page(organiser_client, programme):
    Attendance.objects.create(
        user=UserFactory(), session=session("S01"), status=AttendanceStatus.GOING
    )

    response = organiser_client.post(
        reverse("organise-session-delete", args=["nacpf", "opening-circle"]), follow=True
    )

    assert texts(response, "p.message-error") == [
        "1 person has a place on “Opening circle” or wait for one: cancel the session instead, "
        "so that they hear of it."
    ]
    assert Session.objects.filter(ref="S01").exists()


def test_the_editor_page_reads_a_fixed_number_of_queries(
    organiser_client, programme, django_assert_num_queries
):
    organiser_client.get(editor("nacpf"))  # warm the session and the user
    with django_assert_num_queries(6) as few:
        organiser_client.get(editor("nacpf"))
    for number in range(3):
        SessionFactory(
            event=programme.event,
            room=programme.studio,
            ref=f"X{number}",
            start=datetime(2027, 7, 5, 13 + number, 0, tzinfo=LONDON),
            end=datetime(2027, 7, 5, 13 + number, 45, tzinfo=LONDON),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = organiser_client.get(editor("nacpf"))
    assert len(texts(response, "article.editor-card")) == 5


def test_undo_puts_back_the_last_move_and_only_once(organiser_client, programme):
    card = session("S02")
    organiser_client.post(
        reverse("organise-session-move", args=["nacpf", card.slug]),
        {
            "room": "Garden",
            "date": "2027-07-05",
            "start": "14:00",
            "version": version_of(card, None),
            "action": "publish",
        },
    )
    page = organiser_client.get(editor("nacpf"))

    response = organiser_client.post(
        reverse("organise-schedule-undo", args=["nacpf"]), {"back": editor("nacpf")}, follow=True
    )
    again = organiser_client.post(reverse("organise-schedule-undo", args=["nacpf"]), follow=True)

    assert texts(page, "form.editor-undo") == [
        "Your last change: “Zine making” (published). Undo it"
    ]
    assert texts(response, "p.message-success") == ["Undone: “Zine making” is back as it was."]
    assert (session("S02").room.name, session("S02").start, session("S02").sequence) == (
        "Hall",
        datetime(2027, 7, 5, 11, 30, tzinfo=LONDON),
        2,
    )
    assert texts(again, "p.message-info") == ["There is no change of yours to undo."]


def test_undo_after_another_organiser_changed_the_session_is_refused(
    organiser_client, programme, client
):
    card = session("S02")
    organiser_client.post(
        reverse("organise-session-move", args=["nacpf", card.slug]),
        {
            "room": "Garden",
            "date": "2027-07-05",
            "start": "14:00",
            "version": version_of(card, None),
            "action": "draft",
        },
    )
    other = Client()
    colleague = UserFactory(name="Ade Okoro")
    programme.festival.organisers.add(colleague)
    other.force_login(colleague)
    draft = PendingChange.objects.get()
    other.post(
        reverse("organise-session-move", args=["nacpf", card.slug]),
        {
            "room": "Studio",
            "date": "2027-07-05",
            "start": "14:00",
            "version": version_of(card, draft),
            "action": "draft",
        },
    )

    response = organiser_client.post(reverse("organise-schedule-undo", args=["nacpf"]), follow=True)

    [message] = texts(response, "p.message-error")
    assert message.startswith("Not undone: This session was changed by Ade Okoro at ")
    assert PendingChange.objects.get().row["room"] == "Studio"


def test_a_new_session_saved_without_a_place_shows_in_the_tray_not_on_the_publish_page(
    organiser_client, programme
):
    response = organiser_client.post(
        reverse("organise-session-new", args=["nacpf"]),
        {
            "event": "main",
            "title": "Pop-up: open mic",
            "format": "happening",
            "date": "",
            "start": "",
            "end": "",
            "room": "",
            "version": "new",
            "action": "draft",
        },
    )
    page = organiser_client.get(editor("nacpf"))
    publish = organiser_client.get(reverse("organise-publish", args=["nacpf"]))

    assert response.status_code == 302
    assert texts(page, "li.editor-tray-item") == ["⠿ Pop-up: open mic Place Pop-up: open mic"]
    assert texts(page, "p.editor-drafts") == ["Everything here is published."]
    assert texts(publish, "main")[0].count("Pop-up: open mic") == 1
    assert "There are no unpublished changes" in publish.content.decode()


def test_a_form_posted_without_its_version_saves_nothing_and_says_so(organiser_client, programme):
    data = form_data("S01", room="Garden")
    del data["version"]

    response = organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]), data
    )

    assert response.status_code == 400
    assert texts(response, "ul.problem-list") == [
        "The form arrived incomplete: nothing was saved. Check it and save again."
    ]
    assert response.content.decode().count('role="alert"') == 1  # one summary, not two
    assert PendingChange.objects.count() == 0


def test_an_editor_day_outside_the_festival_is_not_found(organiser_client, programme):
    assert organiser_client.get(editor("nacpf", "2030-01-01")).status_code == 404
    assert organiser_client.get(editor("nacpf", "yesterday")).status_code == 404


@pytest.mark.parametrize(
    ("cells", "field_id"),
    [
        ({"title": ""}, "id_title"),
        ({"date": "2027-07-09"}, "id_date"),
        ({"format": "lecture"}, "id_format"),
        ({"room": "Ballroom"}, "id_room"),
        ({"capacity": "lots"}, "id_capacity"),
        ({"start": "11:45", "end": "12:15"}, "id_room"),
    ],
)
def test_each_problem_links_to_the_field_it_is_about(organiser_client, programme, cells, field_id):
    response = organiser_client.post(
        reverse("organise-session-edit", args=["nacpf", "opening-circle"]),
        form_data("S01", **cells),
    )

    html = response.content.decode()
    summary = html.split('<ul class="problem-list">')[1].split("</ul>")[0]
    assert re.findall(r'<a href="#([^"]+)">', summary) == [field_id]
    assert html.count(f'id="{field_id}"') == 1
