"""The schedule editor and access: provisions edited in the session form, kept by drafts made
before the access column existed, and a move into a room that cannot serve the people booked
warned of (never refused)."""

import pytest

from events.bookings.services import book_place
from events.importing import import_programme
from events.models import PendingChange, Session
from events.schedule_editor.selectors import drafts_of, published_row
from events.schedule_editor.services import publish_drafts, save_session_edit, version_of
from tests.factories import UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(import_setting, programme_csv):
    """S01 in a step-free Hall with BSL and a content note; the Studio has steps."""
    import_setting.hall.access = ["step-free"]
    import_setting.hall.save()
    import_programme(festival=import_setting.festival, content=programme_csv({}))
    Session.objects.filter(ref="S01").update(access=["bsl"], content_note="Strobe lighting")
    return import_setting


def session(ref: str) -> Session:
    return Session.objects.select_related("festival", "event", "room").get(ref=ref)


def edit(setting, ref, publish=False, **cells):
    chosen = session(ref)
    return save_session_edit(
        festival=setting.festival,
        session=chosen,
        row=published_row(chosen) | cells,
        started_from=version_of(chosen, None),
        by=setting.organiser,
        publish=publish,
    )


def test_the_published_row_carries_access_and_content_note(programme):
    row = published_row(session("S01"))

    assert (row["access"], row["content_note"]) == ("bsl", "Strobe lighting")


def test_an_edit_of_the_provisions_is_published_through_the_import(programme):
    edit(programme, "S01", publish=True, access="bsl; captions", content_note="")

    assert (session("S01").access, session("S01").content_note) == (["bsl", "captions"], "")


def test_a_draft_without_an_access_key_keeps_the_sessions_provisions_on_publish(programme):
    edit(programme, "S01", title="Renamed")
    draft = PendingChange.objects.get()
    draft.row = {
        column: value
        for column, value in draft.row.items()
        if column not in ("access", "content_note")
    }
    draft.save()

    publish_drafts(festival=programme.festival, by=programme.organiser)

    published = session("S01")
    assert (published.title, published.access, published.content_note) == (
        "Renamed",
        ["bsl"],
        "Strobe lighting",
    )
    assert drafts_of(festival=programme.festival) == []


def test_a_move_to_a_room_without_what_people_need_is_saved_with_a_warning(programme):
    for needs in (["step-free"], ["step-free"], []):
        book_place(user=UserFactory(access_need_codes=needs), session=session("S01"))

    saved = edit(programme, "S01", room="Studio")

    assert (saved.changed, saved.published) == (True, False)
    assert saved.warnings == ["Studio has no step-free access; 2 people booked need it."]
    assert drafts_of(festival=programme.festival)[0].row["room"] == "Studio"


def test_a_move_within_what_people_need_has_no_warning(programme):
    programme.studio.access = ["step-free"]
    programme.studio.save()
    book_place(user=UserFactory(access_need_codes=["step-free"]), session=session("S01"))

    assert edit(programme, "S01", room="Studio").warnings == []


def test_the_session_form_has_labelled_provision_tick_boxes_and_saves_them(client, programme):
    client.force_login(programme.organiser)
    url = "/organise/nacpf/sessions/session-1/edit/"
    chosen = session("S01")

    page = client.get(url)
    html = page.content.decode()
    response = client.post(
        url,
        {
            **{k: v for k, v in published_row(chosen).items() if k not in ("ref", "speakers")},
            "access": ["bsl", "captions"],
            "content_note": "Strobe lighting",
            "version": version_of(chosen, None),
            "action": "publish",
        },
    )

    assert "<legend>Access provisions the organisers arrange</legend>" in html
    assert 'value="bsl" id="id_access_2" checked' in html
    assert response.status_code == 302
    assert session("S01").access == ["bsl", "captions"]


def test_the_move_page_warns_and_still_moves(client, programme):
    book_place(user=UserFactory(access_need_codes=["step-free"]), session=session("S01"))
    client.force_login(programme.organiser)
    chosen = session("S01")

    response = client.post(
        "/organise/nacpf/sessions/session-1/move/",
        {
            "room": "Studio",
            "date": "2027-07-05",
            "start": "10:00",
            "end": "",
            "version": version_of(chosen, None),
            "action": "publish",
        },
        follow=True,
    )

    assert texts(response, "p.message-warning") == [
        "Studio has no step-free access; 1 person booked needs it."
    ]
    assert session("S01").room.name == "Studio"
