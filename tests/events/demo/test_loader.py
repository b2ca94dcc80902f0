from datetime import date, datetime, timedelta
from io import StringIO
from itertools import combinations

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import slugify

from events.demo import content, programme
from events.enums import ChangeKind, SessionFormat
from events.models import Event, ScheduleChange, Session, WriteUp
from festival.models import Festival, OutboxMessage, Room, Speaker, Story, User
from tests.factories import LONDON, UserFactory
from tests.html import texts

# A Monday; the first Tuesday three weeks on is 24 March 2026, and the last Tuesday 5 July
# before it is in 2022.
TODAY = datetime(2026, 3, 2, 12, 0, tzinfo=LONDON)
UPCOMING_START = date(2026, 3, 24)
PAST_DAY = date(2022, 7, 5)


def load_demo(now: datetime = TODAY, *, reset: bool = False) -> str:
    out = StringIO()
    with time_machine.travel(now, tick=False):
        call_command("load_demo", *(["--reset"] if reset else []), stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, every field included (updated_at and sequence too)."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def upcoming() -> Festival:
    return Festival.objects.get(slug="not-another-co-production-festival")


def past() -> Festival:
    return Festival.objects.get(slug="courage-in-co-production-day")


def local(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def overlapping(first, second) -> bool:
    return first.start < second.end and second.start < first.end


@pytest.mark.django_db
def test_load_demo_creates_an_upcoming_festival_three_weeks_from_today():
    load_demo()

    festival = upcoming()
    assert (
        festival.name,
        festival.timezone,
        festival.start_date,
        festival.end_date,
        festival.is_published,
    ) == (
        "Not Another Co-Production Festival",
        "Europe/London",
        UPCOMING_START,
        date(2026, 3, 25),
        True,
    )
    events = [(event.title, event.start, event.end) for event in festival.events.all()]
    assert events == [
        (
            "Day one: Courage in co-production",
            datetime(2026, 3, 24, 9, 30, tzinfo=LONDON),
            datetime(2026, 3, 24, 17, 30, tzinfo=LONDON),
        ),
        (
            "Day two: Trust first",
            datetime(2026, 3, 25, 9, 30, tzinfo=LONDON),
            datetime(2026, 3, 25, 17, 0, tzinfo=LONDON),
        ),
    ]


@pytest.mark.django_db
def test_load_demo_uses_the_museum_and_four_rooms():
    load_demo()

    venues = {event.venue for event in Event.objects.select_related("venue")}
    assert [(venue.name, venue.address) for venue in venues] == [
        ("Museum of Science and Industry", "Liverpool Road, Manchester M3 4FP")
    ]
    venue = venues.pop()
    assert venue.accessibility_notes != ""
    assert venue.map_url.startswith("https://www.openstreetmap.org/")
    assert [room.name for room in venue.rooms.order_by("position")] == [
        "Main Hall",
        "Warehouse Room",
        "Workshop Room",
        "Quiet Room",
    ]


@pytest.mark.django_db
def test_load_demo_programme_covers_every_format_with_small_and_drop_in_sessions():
    load_demo()

    sessions = list(upcoming().sessions.all())
    assert len(sessions) == 26
    assert {session.format for session in sessions} == set(SessionFormat.values)
    assert [session.ref for session in sessions if not session.ref.startswith("NACP-")] == []
    assert len({session.ref for session in sessions}) == len(sessions)
    assert min(s.capacity for s in sessions if s.capacity is not None) == 8
    assert len([session for session in sessions if session.capacity is None]) > 0
    assert all(session.description for session in sessions)


@pytest.mark.django_db
def test_load_demo_books_no_room_twice():
    load_demo()

    sessions = Session.objects.select_related("room")
    clashes = [
        (first.ref, second.ref)
        for first, second in combinations(sessions, 2)
        if first.room_id == second.room_id and overlapping(first, second)
    ]
    assert clashes == []


@pytest.mark.django_db
def test_load_demo_puts_no_speaker_in_two_places_at_once():
    load_demo()

    sessions = Session.objects.prefetch_related("speakers")
    clashes = [
        (speaker.name, first.ref, second.ref)
        for first, second in combinations(sessions, 2)
        if overlapping(first, second)
        for speaker in set(first.speakers.all()) & set(second.speakers.all())
    ]
    assert clashes == []
    talks = {speaker.name: speaker.sessions.count() for speaker in upcoming().speakers.all()}
    assert [name for name, count in talks.items() if count >= 2] != []


@pytest.mark.django_db
def test_load_demo_keeps_every_session_inside_its_event_and_venue():
    load_demo()

    outside = [
        session.ref
        for session in Session.objects.select_related("event", "room")
        if not (session.event.start <= session.start < session.end <= session.event.end)
        or session.room.venue_id != session.event.venue_id
    ]
    assert outside == []


@pytest.mark.django_db
def test_load_demo_creates_the_past_festival_day_with_lindas_history_talk():
    load_demo()

    festival = past()
    assert (festival.start_date, festival.end_date, festival.is_published) == (
        PAST_DAY,
        PAST_DAY,
        True,
    )
    assert [event.title for event in festival.events.all()] == [
        "Courage in Co-Production: a day festival"
    ]
    history = festival.sessions.get(title="Co-production: what is it, exactly?")
    assert (history.format, [speaker.name for speaker in history.speakers.all()]) == (
        SessionFormat.TALK,
        ["Linda"],
    )
    assert festival.sessions.count() == 9
    assert [s.ref for s in festival.sessions.all() if s.end >= TODAY] == []


@pytest.mark.django_db
def test_load_demo_past_sessions_say_they_are_part_of_the_past_festivals_day(client):
    load_demo()
    session = past().sessions.get(ref="CICP-01")

    response = client.get(session.get_absolute_url())

    assert texts(response, "dt")[0] == "Part of"
    assert texts(response, "dd")[0] == "Courage in Co-Production: a day festival"
    assert (
        f'<a href="/festivals/{past().slug}/#event-{session.event.slug}">'
        "Courage in Co-Production: a day festival</a>"
    ) in response.content.decode()
    # No event of one festival bears the other's name.
    assert [
        (festival.name, event.title)
        for festival in (past(), upcoming())
        for event in festival.events.all()
        if event.title in {past().name, upcoming().name}
    ] == []


@pytest.mark.django_db
def test_load_demo_publishes_the_four_hub_stories():
    load_demo()

    stories = {
        (story.title, story.author, story.status, story.festival_id and story.festival.slug)
        for story in Story.objects.select_related("festival")
    }
    assert stories == {
        ("We need each other to be brave", "Helen Sharp", "published", None),
        (
            "Courage in Co-Production: A Day Festival",
            "Mel Parks",
            "published",
            "courage-in-co-production-day",
        ),
        (
            "Co-Production: What is it, exactly?",
            "Linda",
            "published",
            "courage-in-co-production-day",
        ),
        ("Trust First: Lessons From Running a Solidarity Fund", "Becky Seale", "published", None),
    }
    for story in Story.objects.all():
        assert (story.standfirst != "", "## " in story.body, story.tags.count() > 0) == (
            True,
            True,
            True,
        )
        assert story.published_at < TODAY


@pytest.mark.django_db
def test_load_demo_publishes_two_write_ups_of_past_sessions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        load_demo()

    writeups = [
        (
            writeup.title,
            writeup.session.festival.slug,
            writeup.session.ref,
            writeup.author and writeup.author.email,
            writeup.author_name,
            writeup.status,
            local(writeup.published_at),
            writeup.edited_at,
            [story.slug for story in writeup.stories.all()],
        )
        for writeup in WriteUp.objects.select_related("session__festival", "author")
    ]
    assert writeups == [
        (
            "A year of co-production in Manchester, looking back",
            "courage-in-co-production-day",
            "CICP-04",
            "speaker@convene.localhost",
            "Sam Rivers",
            WriteUp.Status.PUBLISHED,
            datetime(2022, 7, 10, 18, 0, tzinfo=LONDON),
            None,
            ["courage-in-co-production-a-day-festival"],
        ),
        (
            "Telling the history of co-production in 45 minutes",
            "courage-in-co-production-day",
            "CICP-02",
            None,
            "Linda",
            WriteUp.Status.PUBLISHED,
            datetime(2022, 7, 6, 18, 0, tzinfo=LONDON),
            None,
            ["co-production-what-is-it-exactly"],
        ),
    ]
    for writeup in WriteUp.objects.all():
        assert all(
            getattr(writeup, name).strip()
            for name in ("summary", "body", "what_worked", "challenges", "next_time")
        )
    # Written as rows: nobody is emailed, now or on commit.
    assert (len(callbacks), OutboxMessage.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_load_demo_leaves_the_demo_speakers_other_past_session_to_write_up():
    load_demo()

    speaker = User.objects.get(email="speaker@convene.localhost")
    theirs = past().sessions.filter(speakers__user=speaker).order_by("ref")
    assert [(session.ref, session.writeups.count()) for session in theirs] == [
        ("CICP-04", 1),
        ("CICP-07", 0),
    ]
    assert Session.objects.get(ref="CICP-07").end < TODAY


@pytest.mark.django_db
def test_load_demo_keeps_edited_write_ups_and_reset_puts_them_back():
    load_demo()
    WriteUp.objects.filter(session__ref="CICP-04").update(
        title="Edited", edited_at=TODAY, status=WriteUp.Status.DRAFT
    )
    WriteUp.objects.get(session__ref="CICP-02").stories.clear()
    edited = snapshot()

    load_demo(TODAY + timedelta(minutes=5))
    unchanged = snapshot()
    load_demo(TODAY + timedelta(minutes=10), reset=True)

    assert unchanged == edited
    assert [
        (writeup.title, writeup.status, writeup.edited_at, writeup.stories.count())
        for writeup in WriteUp.objects.order_by("session__ref")
    ] == [
        (
            "Telling the history of co-production in 45 minutes",
            WriteUp.Status.PUBLISHED,
            None,
            1,
        ),
        (
            "A year of co-production in Manchester, looking back",
            WriteUp.Status.PUBLISHED,
            None,
            1,
        ),
    ]


@pytest.mark.django_db
def test_load_demo_creates_the_demo_accounts():
    load_demo()

    organiser = User.objects.get(email="organiser@convene.localhost")
    speaker = User.objects.get(email="speaker@convene.localhost")
    attendee = User.objects.get(email="attendee@convene.localhost")
    assert (organiser.is_staff, organiser.is_superuser) == (True, False)
    assert [group.name for group in organiser.groups.all()] == ["Organisers"]
    assert set(organiser.organised_festivals.values_list("slug", flat=True)) == {
        "not-another-co-production-festival",
        "courage-in-co-production-day",
    }
    assert [user.check_password("convene-demo") for user in (organiser, speaker, attendee)] == [
        True,
        True,
        True,
    ]
    assert sorted(speaker.speaker_profiles.values_list("festival__slug", "name")) == [
        ("courage-in-co-production-day", "Sam Rivers"),
        ("not-another-co-production-festival", "Sam Rivers"),
    ]
    assert (attendee.is_staff, speaker.is_staff) == (False, False)


@pytest.mark.django_db
def test_demo_organiser_can_work_in_the_admin_on_their_festivals_only(client):
    load_demo()
    other = Festival.objects.create(
        name="Someone else's", slug="someone-elses", start_date=PAST_DAY, end_date=PAST_DAY
    )
    client.force_login(User.objects.get(email="organiser@convene.localhost"))

    festivals = client.get(reverse("admin:festival_festival_changelist"))
    sessions = client.get(reverse("admin:events_session_changelist"))
    writeups = client.get(reverse("admin:events_writeup_changelist"))
    one = Session.objects.get(ref="NACP-04")
    session_page = client.get(reverse("admin:events_session_change", args=[one.pk]))

    assert {festival.slug for festival in festivals.context["cl"].result_list} == {
        "not-another-co-production-festival",
        "courage-in-co-production-day",
    }
    assert other.slug not in festivals.text
    assert sessions.context["cl"].result_count == 35
    assert writeups.context["cl"].result_count == 2
    assert session_page.status_code == 200
    assert "Mapping what&#x27;s strong, not what&#x27;s wrong" in session_page.text


@pytest.mark.django_db
def test_load_demo_prints_the_logins_and_the_site():
    output = load_demo()

    assert output == (
        "Demo loaded (171 rows written).\n"
        "  Not Another Co-Production Festival: Tuesday 24 March 2026 to Wednesday 25 March "
        "2026, 26 sessions\n"
        "  Courage in Co-Production Day: Tuesday 5 July 2022, 9 sessions, 2 write-ups\n"
        "\n"
        "Open http://127.0.0.1:8000/\n"
        "Organiser: organiser@convene.localhost / convene-demo  "
        "(admin: http://127.0.0.1:8000/admin/)\n"
        "Speaker:   speaker@convene.localhost / convene-demo\n"
        "Attendee:  attendee@convene.localhost / convene-demo\n"
        "Passwords are set when the accounts are created; re-running never changes them.\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("reset", [False, True])
def test_load_demo_twice_changes_nothing(reset):
    load_demo()
    before = snapshot()

    output = load_demo(TODAY + timedelta(minutes=5), reset=reset)

    assert snapshot() == before
    assert output.startswith("Demo loaded (nothing to change).\n")


@pytest.mark.django_db
def test_load_demo_keeps_the_upcoming_dates_while_the_festival_is_ahead():
    load_demo()
    before = snapshot()

    load_demo(TODAY + timedelta(days=20))

    assert snapshot() == before
    assert upcoming().start_date == UPCOMING_START


@pytest.mark.django_db
def test_load_demo_leaves_a_festival_that_has_begun_and_says_how_to_move_it():
    load_demo()
    before = snapshot()

    output = load_demo(datetime(2026, 3, 24, 8, 0, tzinfo=LONDON))

    assert snapshot() == before
    assert output.splitlines()[:4] == [
        "Demo loaded (nothing to change).",
        "  Not Another Co-Production Festival: Tuesday 24 March 2026 to Wednesday 25 March "
        "2026, 26 sessions",
        "  Courage in Co-Production Day: Tuesday 5 July 2022, 9 sessions, 2 write-ups",
        "  Not Another Co-Production Festival is no longer ahead: run `python manage.py "
        "load_demo --reset` to move it forward (this also puts back the demo rows you edited).",
    ]


@pytest.mark.django_db
def test_load_demo_reset_moves_a_festival_that_has_begun_and_tells_calendars():
    load_demo()

    output = load_demo(datetime(2026, 3, 24, 8, 0, tzinfo=LONDON), reset=True)

    festival = upcoming()
    assert (festival.start_date, festival.end_date) == (date(2026, 4, 14), date(2026, 4, 15))
    sessions = festival.sessions.all()
    assert {session.sequence for session in sessions} == {1}
    assert ScheduleChange.objects.filter(session__festival=festival).count() == len(sessions)
    assert set(ScheduleChange.objects.values_list("kind", flat=True)) == {ChangeKind.MOVED}
    assert festival.sessions.get(ref="NACP-02").start == datetime(2026, 4, 14, 10, tzinfo=LONDON)
    assert "--reset" not in output


def edit_the_demo() -> None:
    """What an organiser might do while trying the demo out."""
    session = Session.objects.get(ref="NACP-02")
    session.room = Room.objects.get(name="Quiet Room")
    session.title = "Renamed by an organiser"
    session.save()
    moved = Session.objects.get(ref="NACP-04")
    moved.start += timedelta(minutes=30)
    moved.end += timedelta(minutes=30)
    moved.save()
    Session.objects.filter(ref="NACP-05").update(status=Session.Status.CANCELLED)
    Room.objects.filter(name="Workshop Room").update(name="workshop room")
    Event.objects.filter(slug=programme.DAY_TWO).update(title="Day two, renamed")
    Speaker.objects.filter(slug="mel-parks").update(bio="Edited.")
    Story.objects.filter(author="Linda").update(status=Story.Status.DRAFT)
    User.objects.filter(email="attendee@convene.localhost").update(name="Someone else")
    Festival.objects.filter(slug=programme.UPCOMING.slug).update(is_published=False)


@pytest.mark.django_db
def test_load_demo_without_reset_keeps_an_edited_demo_as_it_is():
    load_demo()
    edit_the_demo()
    before = snapshot()

    output = load_demo(TODAY + timedelta(minutes=5))

    assert snapshot() == before
    assert output.startswith("Demo loaded (nothing to change).\n")
    moved = Session.objects.get(ref="NACP-04")
    assert (local(moved.start), moved.sequence) == (
        datetime(2026, 3, 24, 11, 30, tzinfo=LONDON),
        0,
    )
    assert Session.objects.get(ref="NACP-05").status == Session.Status.CANCELLED


@pytest.mark.django_db
def test_load_demo_reset_restores_moved_and_cancelled_sessions_and_tells_calendars():
    load_demo()
    edit_the_demo()

    load_demo(TODAY + timedelta(minutes=5), reset=True)

    moved = Session.objects.get(ref="NACP-04")
    cancelled = Session.objects.get(ref="NACP-05")
    assert (local(moved.start), moved.sequence) == (
        datetime(2026, 3, 24, 11, 0, tzinfo=LONDON),
        1,
    )
    assert (cancelled.status, cancelled.sequence) == (Session.Status.SCHEDULED, 1)
    assert list(moved.changes.values_list("kind", flat=True)) == [ChangeKind.MOVED]
    assert list(cancelled.changes.values_list("kind", flat=True)) == [ChangeKind.RESTORED]
    assert (
        list(Room.objects.order_by("position").values_list("name", flat=True)),
        Event.objects.get(slug=programme.DAY_TWO).title,
        set(Speaker.objects.filter(slug="mel-parks").values_list("bio", flat=True)),
        Story.objects.get(author="Linda").status,
        User.objects.get(email="attendee@convene.localhost").name,
        upcoming().is_published,
    ) == (
        ["Main Hall", "Warehouse Room", "Workshop Room", "Quiet Room"],
        "Day two: Trust first",
        {content.MEL.bio},
        Story.Status.PUBLISHED,
        "Alex Taylor",
        True,
    )


@pytest.mark.django_db
def test_load_demo_without_reset_puts_back_a_deleted_session_on_its_day():
    load_demo()
    Session.objects.filter(ref="NACP-04").delete()
    before = {row["ref"]: row for row in Session.objects.values("ref", "start", "sequence")}

    output = load_demo(TODAY + timedelta(minutes=5))

    again = Session.objects.get(ref="NACP-04")
    assert (
        local(again.start),
        again.room.name,
        again.status,
        [speaker.name for speaker in again.speakers.all()],
        sorted(again.themes.values_list("slug", flat=True)),
    ) == (
        datetime(2026, 3, 24, 11, 0, tzinfo=LONDON),
        "Workshop Room",
        Session.Status.SCHEDULED,
        ["Amara Okafor"],
        ["asset-based", "social-action"],
    )
    after = {row["ref"]: row for row in Session.objects.values("ref", "start", "sequence")}
    del after["NACP-04"]
    assert after == before
    # The session, its speakers and its themes.
    assert output.startswith("Demo loaded (3 rows written).\n")


@pytest.mark.django_db
@pytest.mark.parametrize("reset", [False, True])
def test_load_demo_takes_back_the_organisers_permission_to_rename_themes(reset):
    load_demo()
    group = Group.objects.get(name="Organisers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="festival", codename="change_tag")
    )
    organiser = User.objects.get(email="organiser@convene.localhost")

    load_demo(TODAY + timedelta(minutes=5), reset=reset)

    organiser = User.objects.get(pk=organiser.pk)  # a fresh permission cache
    assert (
        organiser.has_perm("festival.add_tag"),
        organiser.has_perm("festival.view_tag"),
        organiser.has_perm("festival.change_tag"),
    ) == (True, True, False)


@pytest.mark.django_db
def test_load_demo_reset_resets_demo_rows_and_keeps_what_organisers_added():
    load_demo()
    session = Session.objects.get(ref="NACP-02")
    demo_room = session.room
    session.room = Room.objects.get(name="Quiet Room")
    session.title = "Renamed by an organiser"
    session.save()
    co_organiser = UserFactory(email="co@example.org")
    upcoming().organisers.add(co_organiser)
    organiser = User.objects.get(email="organiser@convene.localhost")
    organiser.set_password("a-private-password")
    organiser.save()
    extra = Speaker.objects.create(festival=upcoming(), name="Added later", slug="added-later")

    load_demo(reset=True)

    session.refresh_from_db()
    organiser.refresh_from_db()
    assert (session.title, session.room, session.sequence) == (
        "We need each other to be brave",
        demo_room,
        1,
    )
    assert list(session.changes.values_list("kind", flat=True)) == [ChangeKind.ROOM]
    assert co_organiser in upcoming().organisers.all()
    assert organiser.check_password("a-private-password")
    assert Speaker.objects.filter(pk=extra.pk).exists()


def test_demo_content_refs_and_slugs_are_unique_per_festival():
    for spec in (programme.UPCOMING, programme.PAST):
        refs = [session.ref for session in spec.sessions]
        slugs = [session.slug or slugify(session.title) for session in spec.sessions]
        assert (len(set(refs)), len(set(slugs))) == (len(refs), len(slugs))


@pytest.mark.django_db
def test_the_demo_answers_i_use_a_wheelchair_and_need_captions(client):
    load_demo()
    festival = upcoming()
    found = []
    with time_machine.travel(TODAY, tick=False):
        for day in (UPCOMING_START, UPCOMING_START + timedelta(days=1)):
            page = client.get(
                f"/festivals/{festival.slug}/programme/"
                f"?day={day.isoformat()}&access=step-free&access=captions"
            )
            found += texts(page, "h3.session-title")

    # Captioned sessions in step-free rooms only: not the captioned conversation in the
    # Workshop Room, which is two steps down.
    assert found == [
        "We need each other to be brave",
        "What does courage look like on a Tuesday?",
        "Evaluation that counts what matters",
        "Failures we learned from",
        "Trust first: lessons from the SE15 Community Fund",
        "Where co-production came from, and where it's going",
    ]
