"""The programme admin (events/admin/programme.py): events, sessions and their change log."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.bookings.services import book_place
from events.demo.content import ORGANISER_PERMISSIONS, ORGANISERS_GROUP
from events.enums import AttendanceStatus, ChangeKind
from events.models import Attendance, Event, ScheduleChange, Session
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    ScheduleChangeFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    UserFactory,
)
from tests.html import texts

DASH = "\N{EN DASH}"


def in_organisers_group(user):
    """A staff user with the permissions the demo's Organisers group gives."""
    group, _created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    for app_label, codenames in ORGANISER_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    user.is_staff = True
    user.save()
    user.groups.add(group)
    return user


def local(session_datetime: datetime) -> datetime:
    return timezone.localtime(session_datetime, LONDON)


def session_form(session: Session, **changes) -> dict:
    """The Session change form as the admin posts it, with `changes` applied."""
    values = {
        "event": session.event_id,
        "title": session.title,
        "slug": session.slug,
        "ref": session.ref,
        "format": session.format,
        "description": session.description,
        "start": session.start,
        "end": session.end,
        "room": session.room_id,
        "status": session.status,
        "speakers": [speaker.pk for speaker in session.speakers.all()],
        "themes": [tag.pk for tag in session.themes.all()],
        "capacity": session.capacity if session.capacity is not None else "",
    }
    values.update(changes)
    data = {}
    for name, value in values.items():
        if isinstance(value, datetime):
            data[f"{name}_0"] = local(value).strftime("%Y-%m-%d")
            data[f"{name}_1"] = local(value).strftime("%H:%M:%S")
        else:
            data[name] = value
    return data


def event_form_with_sessions(event: Event, rows: list[dict]) -> dict:
    """The Event change form with its Sessions inline, one dict of field values per row."""
    data = {
        "title": event.title,
        "slug": event.slug,
        "venue": event.venue_id,
        "description": event.description,
        "start_0": local(event.start).strftime("%Y-%m-%d"),
        "start_1": local(event.start).strftime("%H:%M:%S"),
        "end_0": local(event.end).strftime("%Y-%m-%d"),
        "end_1": local(event.end).strftime("%H:%M:%S"),
        "sessions-TOTAL_FORMS": len(rows),
        "sessions-INITIAL_FORMS": sum(1 for row in rows if row.get("id")),
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if isinstance(value, datetime):
                data[f"sessions-{index}-{name}_0"] = local(value).strftime("%Y-%m-%d")
                data[f"sessions-{index}-{name}_1"] = local(value).strftime("%H:%M:%S")
            else:
                data[f"sessions-{index}-{name}"] = value
        data[f"sessions-{index}-event"] = event.pk
    return data


def inline_row(session: Session, **changes) -> dict:
    row = {
        "id": session.pk,
        "title": session.title,
        "slug": session.slug,
        "start": session.start,
        "end": session.end,
        "room": session.room_id,
        "format": session.format,
        "capacity": session.capacity if session.capacity is not None else "",
        "status": session.status,
    }
    row.update(changes)
    return row


def change_log(session: Session) -> list[tuple]:
    return list(
        ScheduleChange.objects.filter(session=session)
        .order_by("pk")
        .values_list("kind", "old_start", "old_end", "old_room", "new_start", "new_end", "new_room")
    )


@pytest.mark.django_db
def test_event_changelist_lists_events_with_their_session_count(admin_client, session):
    response = admin_client.get(reverse("admin:events_event_changelist"))

    assert [
        texts(response, f"{cell}.field-{name}")
        for cell, name in (
            ("th", "title"),
            ("td", "festival"),
            ("td", "when"),
            ("td", "session_count"),
        )
    ] == [
        [session.event.title],
        [session.festival.name],
        [f"Mon 5 Jul, 09:00 {DASH} Tue 6 Jul 2027, 18:00 BST"],
        ["1"],
    ]


@pytest.mark.django_db
def test_event_change_form_shows_its_sessions_inline(admin_client, session):
    response = admin_client.get(reverse("admin:events_event_change", args=[session.event_id]))

    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in formset.forms] == [session]
    assert 'value="Courage in co-production"' in response.text
    assert reverse("admin:events_session_change", args=[session.pk]) in response.text


@pytest.mark.django_db
def test_session_changelist_shows_sessions_in_festival_time(admin_client, session):
    response = admin_client.get(reverse("admin:events_session_changelist"))

    assert [
        texts(response, f"{cell}.field-{name}")
        for cell, name in (("th", "title"), ("td", "when"), ("td", "speaker_names"))
    ] == [
        ["Courage in co-production"],
        [f"Mon 5 Jul 2027, 10:00{DASH}11:00 BST"],
        ["Helen Sharp"],
    ]


@pytest.mark.django_db
def test_session_changelist_names_the_festivals_zone_in_winter(admin_client):
    SessionFactory(
        title="Winter gathering",
        event__start=datetime(2026, 12, 22, 9, 0, tzinfo=LONDON),
        event__end=datetime(2026, 12, 22, 17, 0, tzinfo=LONDON),
        start=datetime(2026, 12, 22, 10, 0, tzinfo=LONDON),
        end=datetime(2026, 12, 22, 11, 0, tzinfo=LONDON),
    )

    response = admin_client.get(reverse("admin:events_session_changelist"))

    assert texts(response, "td.field-when") == [f"Tue 22 Dec 2026, 10:00{DASH}11:00 GMT"]


@pytest.mark.django_db
def test_session_changelist_lists_by_start_time(admin_client):
    event = EventFactory()
    room = RoomFactory(venue=event.venue)
    for hour, title in ((14, "Afternoon"), (10, "Morning"), (12, "Midday")):
        SessionFactory(
            event=event,
            room=room,
            title=title,
            start=datetime(2027, 7, 5, hour, tzinfo=LONDON),
            end=datetime(2027, 7, 5, hour, 45, tzinfo=LONDON),
        )

    response = admin_client.get(reverse("admin:events_session_changelist"))

    listed = [session.title for session in response.context["cl"].result_list]
    assert listed == ["Morning", "Midday", "Afternoon"]


@pytest.mark.django_db
def test_session_change_form_shows_uid_and_sequence_read_only(admin_client, session):
    response = admin_client.get(reverse("admin:events_session_change", args=[session.pk]))

    assert response.context["adminform"].form.initial["title"] == "Courage in co-production"
    # Shown as text (uid, sequence, created, updated), never as inputs.
    assert texts(response, "div.readonly")[:2] == [str(session.uid), "0"]
    assert ('name="uid"' in response.text, 'name="sequence"' in response.text) == (False, False)


@pytest.mark.django_db
def test_session_add_form_renders(admin_client):
    response = admin_client.get(reverse("admin:events_session_add"))

    adminform = response.context["adminform"]
    assert texts(response, "h1") == ["Add session"]
    assert list(adminform.form.fields) == [
        "event",
        "title",
        "slug",
        "ref",
        "format",
        "description",
        "access",
        "content_note",
        "start",
        "end",
        "room",
        "status",
        "speakers",
        "themes",
        "capacity",
    ]
    assert [fieldset.name for fieldset in adminform] == [
        None,
        "Access",
        "When and where",
        "People and themes",
        "For calendars",
    ]
    assert texts(response, "div.description") == [
        "In the festival's time zone. Changing these tells calendars and everyone booked; "
        "cancel rather than delete, so calendars show it."
    ]
    # Set by the system, never typed: shown, not asked for.
    assert ('name="uid"' in response.text, 'name="sequence"' in response.text) == (False, False)


@pytest.mark.django_db
def test_session_change_form_rejects_end_before_start_and_writes_nothing(admin_client, session):
    url = reverse("admin:events_session_change", args=[session.pk])

    response = admin_client.post(
        url,
        session_form(
            session,
            title="Renamed",
            start=datetime(2027, 7, 5, 12, 0, tzinfo=LONDON),
            end=datetime(2027, 7, 5, 11, 0, tzinfo=LONDON),
        ),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "end": ["The session must end after it starts."]
    }
    session.refresh_from_db()
    assert (session.title, local(session.start), local(session.end), session.sequence) == (
        "Courage in co-production",
        datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        datetime(2027, 7, 5, 11, 0, tzinfo=LONDON),
        0,
    )
    assert change_log(session) == []


@pytest.mark.django_db
def test_session_change_form_rejects_a_session_outside_its_event(admin_client, session):
    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(
            session,
            start=datetime(2027, 7, 7, 10, 0, tzinfo=LONDON),
            end=datetime(2027, 7, 7, 11, 0, tzinfo=LONDON),
        ),
    )

    assert response.context["adminform"].form.errors == {
        "start": ["The session must fall inside its event's times."]
    }
    assert change_log(session) == []


@pytest.mark.django_db
def test_session_change_form_rejects_a_room_at_another_venue(admin_client, session):
    elsewhere = RoomFactory(name="Elsewhere")

    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, room=elsewhere.pk),
    )

    assert response.context["adminform"].form.errors == {
        "room": [f"Choose a room at {session.event.venue}, where the event is held."]
    }
    session.refresh_from_db()
    assert session.room_id != elsewhere.pk


@pytest.mark.django_db
def test_session_change_form_rejects_a_double_booked_room(admin_client, session):
    SessionFactory(
        event=session.event,
        room=session.room,
        title="Lunch",
        start=datetime(2027, 7, 5, 12, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 13, 0, tzinfo=LONDON),
    )

    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, end=datetime(2027, 7, 5, 12, 30, tzinfo=LONDON)),
    )

    assert response.context["adminform"].form.errors == {
        "room": [
            f"{session.room} is already booked for “Lunch” (Mon 5 Jul 2027, 12:00{DASH}13:00 BST)."
        ]
    }
    session.refresh_from_db()
    assert local(session.end) == datetime(2027, 7, 5, 11, 0, tzinfo=LONDON)


@pytest.mark.django_db
def test_session_change_form_rejects_a_slug_used_at_the_festival(admin_client, session):
    SessionFactory(event=session.event, title="Lunch", slug="lunch")

    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, slug="lunch"),
    )

    assert response.context["adminform"].form.errors == {
        "slug": ["Another session at this festival has the slug “lunch”."]
    }


@pytest.mark.django_db
def test_session_change_form_rejects_a_speaker_of_another_festival(admin_client, session):
    stranger = SpeakerFactory(name="Someone Else", festival=FestivalFactory(name="Other"))

    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, speakers=[stranger.pk]),
    )

    assert response.context["adminform"].form.errors == {
        "speakers": [
            f"Someone Else speaks at another festival: add them as a speaker of "
            f"{session.festival} first."
        ]
    }


@pytest.mark.django_db
def test_moving_a_session_in_the_admin_bumps_sequence_and_logs_one_change(admin_client, session):
    old_room = session.room
    new_start = datetime(2027, 7, 5, 14, 0, tzinfo=LONDON)
    new_end = datetime(2027, 7, 5, 15, 0, tzinfo=LONDON)

    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, start=new_start, end=new_end),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    assert change_log(session) == [
        (
            ChangeKind.MOVED,
            datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
            datetime(2027, 7, 5, 11, 0, tzinfo=LONDON),
            old_room.pk,
            new_start,
            new_end,
            old_room.pk,
        )
    ]


@pytest.mark.django_db
def test_renaming_a_session_in_the_admin_changes_no_sequence(admin_client, session):
    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, title="Courage, again"),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.sequence) == ("Courage, again", 0)
    assert change_log(session) == []


@pytest.mark.django_db
def test_cancelling_a_session_in_the_admin_logs_a_cancellation(admin_client, session):
    admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, status=Session.Status.CANCELLED),
    )

    session.refresh_from_db()
    assert (session.status, session.sequence) == (Session.Status.CANCELLED, 1)
    assert [kind for kind, *_values in change_log(session)] == [ChangeKind.CANCELLED]


def new_session_form(*, event: Event, room_id: int, title: str, start: datetime, end: datetime):
    return {
        "event": event.pk,
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "ref": "",
        "format": "talk",
        "description": "",
        "start_0": local(start).strftime("%Y-%m-%d"),
        "start_1": local(start).strftime("%H:%M:%S"),
        "end_0": local(end).strftime("%Y-%m-%d"),
        "end_1": local(end).strftime("%H:%M:%S"),
        "room": room_id,
        "status": "scheduled",
        "capacity": "",
    }


@pytest.mark.django_db
def test_adding_a_session_to_a_festival_with_a_programme_logs_it_as_added(admin_client, session):
    new_start = datetime(2027, 7, 5, 15, 0, tzinfo=LONDON)
    new_end = datetime(2027, 7, 5, 16, 0, tzinfo=LONDON)

    response = admin_client.post(
        reverse("admin:events_session_add"),
        new_session_form(
            event=session.event,
            room_id=session.room_id,
            title="Added on the day",
            start=new_start,
            end=new_end,
        ),
    )

    assert response.status_code == 302
    added = Session.objects.get(slug="added-on-the-day")
    assert (added.festival, added.sequence) == (session.festival, 0)
    assert change_log(added) == [
        (ChangeKind.ADDED, None, None, None, new_start, new_end, session.room_id)
    ]


@pytest.mark.django_db
def test_adding_the_first_session_of_a_festival_logs_nothing(admin_client):
    event = EventFactory()
    room = RoomFactory(venue=event.venue)

    response = admin_client.post(
        reverse("admin:events_session_add"),
        new_session_form(
            event=event,
            room_id=room.pk,
            title="Opening",
            start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
            end=datetime(2027, 7, 5, 11, 0, tzinfo=LONDON),
        ),
    )

    assert response.status_code == 302
    assert list(Session.objects.values_list("title", "festival")) == [
        ("Opening", event.festival_id)
    ]
    assert ScheduleChange.objects.count() == 0


@pytest.mark.django_db
def test_moving_a_session_in_the_event_inline_bumps_sequence_and_logs_it(admin_client, session):
    other = SessionFactory(
        event=session.event,
        room=session.room,
        title="Untouched",
        start=datetime(2027, 7, 5, 12, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 13, 0, tzinfo=LONDON),
    )
    new_room = RoomFactory(venue=session.event.venue, name="Warehouse Room")
    event = session.event

    response = admin_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form_with_sessions(
            event, [inline_row(session, room=new_room.pk), inline_row(other, title="Renamed")]
        ),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    other.refresh_from_db()
    assert (session.sequence, other.sequence, other.title) == (1, 0, "Renamed")
    assert change_log(session) == [
        (
            ChangeKind.ROOM,
            session.start,
            session.end,
            other.room_id,
            session.start,
            session.end,
            new_room.pk,
        )
    ]
    assert change_log(other) == []


@pytest.mark.django_db
def test_event_inline_rejects_two_sessions_in_one_room_at_once(admin_client, session):
    other = SessionFactory(
        event=session.event,
        room=session.room,
        title="Lunch",
        start=datetime(2027, 7, 5, 12, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 13, 0, tzinfo=LONDON),
    )

    response = admin_client.post(
        reverse("admin:events_event_change", args=[session.event_id]),
        event_form_with_sessions(
            session.event,
            [
                inline_row(session),
                inline_row(other, start=datetime(2027, 7, 5, 10, 30, tzinfo=LONDON)),
            ],
        ),
    )

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors() == [
        f"{session.room} is already booked for “Courage in co-production” "
        f"(Mon 5 Jul 2027, 10:00{DASH}11:00 BST)."
    ]
    other.refresh_from_db()
    assert (local(other.start), other.sequence) == (datetime(2027, 7, 5, 12, 0, tzinfo=LONDON), 0)


@pytest.mark.django_db
def test_adding_a_session_in_the_event_inline_logs_it_as_added(admin_client, session):
    new_start = datetime(2027, 7, 5, 16, 0, tzinfo=LONDON)
    new_end = datetime(2027, 7, 5, 17, 0, tzinfo=LONDON)
    row = {
        "title": "Tea and cake",
        "slug": "tea-and-cake",
        "start": new_start,
        "end": new_end,
        "room": session.room_id,
        "format": "break",
        "capacity": "",
        "status": "scheduled",
    }

    response = admin_client.post(
        reverse("admin:events_event_change", args=[session.event_id]),
        event_form_with_sessions(session.event, [inline_row(session), row]),
    )

    assert response.status_code == 302
    added = Session.objects.get(slug="tea-and-cake")
    assert change_log(added) == [
        (ChangeKind.ADDED, None, None, None, new_start, new_end, session.room_id)
    ]
    assert change_log(session) == []


@pytest.mark.django_db
def test_schedule_change_changelist_and_view_render(admin_client):
    change = ScheduleChangeFactory(session__title="Moved on the day")

    listed = admin_client.get(reverse("admin:events_schedulechange_changelist"))
    shown = admin_client.get(reverse("admin:events_schedulechange_change", args=[change.pk]))

    room = change.session.room.name
    assert [
        texts(listed, f"{cell}.field-{name}")
        for cell, name in (("th", "session"), ("td", "kind"), ("td", "was"), ("td", "now"))
    ] == [
        ["Moved on the day"],
        ["Moved"],
        [f"Mon 5 Jul 2027, 09:00{DASH}10:00 BST, {room}"],
        [f"Mon 5 Jul 2027, 10:00{DASH}11:00 BST, {room}"],
    ]
    assert (texts(shown, "h1"), texts(shown, "h2")[0]) == (
        ["View schedule change"],
        "Moved: Moved on the day",
    )
    assert 'name="_save"' not in shown.text


@pytest.mark.django_db
def test_schedule_change_log_cannot_be_added_to_or_edited(admin_client, admin_user):
    change = ScheduleChangeFactory()
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    model_admin = site._registry[ScheduleChange]

    added = admin_client.get(reverse("admin:events_schedulechange_add"))
    edited = admin_client.post(
        reverse("admin:events_schedulechange_change", args=[change.pk]), {"kind": "added"}
    )

    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, change),
    ) == (False, False)
    assert added.status_code == 403
    assert edited.status_code == 403
    change.refresh_from_db()
    assert change.kind == ChangeKind.MOVED


@pytest.mark.django_db
def test_organiser_sees_only_their_own_festivals_sessions(client):
    organiser = in_organisers_group(UserFactory())
    ours = SessionFactory(title="Ours", event__festival__organisers=[organiser])
    theirs = SessionFactory(title="Theirs")
    client.force_login(organiser)

    listed = client.get(reverse("admin:events_session_changelist"))
    other = client.get(reverse("admin:events_session_change", args=[theirs.pk]))
    own = client.get(reverse("admin:events_session_change", args=[ours.pk]))

    assert [session.title for session in listed.context["cl"].result_list] == ["Ours"]
    assert "Theirs" not in listed.text
    assert other.status_code == 302
    assert own.status_code == 200


@pytest.mark.django_db
def test_organiser_sees_only_their_own_events_and_changes(client):
    organiser = in_organisers_group(UserFactory())
    ours = ScheduleChangeFactory(session__event__festival__organisers=[organiser])
    ScheduleChangeFactory(session__event__title="Their event")
    client.force_login(organiser)

    events = client.get(reverse("admin:events_event_changelist"))
    changes = client.get(reverse("admin:events_schedulechange_changelist"))

    assert [event.pk for event in events.context["cl"].result_list] == [ours.session.event_id]
    assert [change.pk for change in changes.context["cl"].result_list] == [ours.pk]


@pytest.mark.django_db
def test_organiser_cannot_move_a_session_into_another_festivals_event(client):
    organiser = in_organisers_group(UserFactory())
    ours = SessionFactory(event__festival__organisers=[organiser])
    their_event = EventFactory(venue=ours.event.venue)
    client.force_login(organiser)

    response = client.post(
        reverse("admin:events_session_change", args=[ours.pk]),
        session_form(ours, event=their_event.pk),
    )

    assert list(response.context["adminform"].form.errors) == ["event"]
    ours.refresh_from_db()
    assert ours.event_id != their_event.pk


def create_sessions(count: int) -> None:
    event = EventFactory()
    room = RoomFactory(venue=event.venue)
    for hour in range(10, 10 + count):
        SessionFactory(
            event=event,
            room=room,
            start=datetime(2027, 7, 5, hour, tzinfo=LONDON),
            end=datetime(2027, 7, 5, hour, 45, tzinfo=LONDON),
            speakers=[SpeakerFactory(festival=event.festival)],
            themes=[TagFactory()],
        )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_session_changelist_query_count_is_constant(admin_client, django_assert_num_queries, count):
    create_sessions(count)

    with django_assert_num_queries(10):
        response = admin_client.get(reverse("admin:events_session_changelist"))

    assert len(response.context["cl"].result_list) == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_event_and_change_changelists_query_counts_are_constant(
    admin_client, django_assert_num_queries, count
):
    for _ in range(count):
        session = SessionFactory()
        ScheduleChangeFactory(session=session)

    with django_assert_num_queries(8):
        events = admin_client.get(reverse("admin:events_event_changelist"))
    with django_assert_num_queries(7):
        changes = admin_client.get(reverse("admin:events_schedulechange_changelist"))

    assert len(events.context["cl"].result_list) == count
    assert len(changes.context["cl"].result_list) == count


@pytest.mark.django_db
def test_session_form_reads_and_shows_times_in_the_festivals_own_zone(admin_client):
    new_york = ZoneInfo("America/New_York")
    session = SessionFactory(
        event__festival__timezone="America/New_York",
        event__start=datetime(2027, 7, 5, 9, 0, tzinfo=new_york),
        event__end=datetime(2027, 7, 5, 18, 0, tzinfo=new_york),
        start=datetime(2027, 7, 5, 10, 0, tzinfo=new_york),
        end=datetime(2027, 7, 5, 11, 0, tzinfo=new_york),
    )
    url = reverse("admin:events_session_change", args=[session.pk])

    shown = admin_client.get(url)
    saved = admin_client.post(
        url,
        {
            **new_session_form(
                event=session.event,
                room_id=session.room_id,
                title="Renamed",
                start=session.start,
                end=session.end,
            ),
            "slug": session.slug,
            "ref": session.ref,
            "start_1": "10:00:00",
            "end_1": "11:00:00",
        },
    )

    assert 'name="start_1" value="10:00:00"' in shown.text
    assert saved.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.start, session.sequence) == (
        "Renamed",
        datetime(2027, 7, 5, 10, 0, tzinfo=new_york),
        0,
    )


@pytest.mark.django_db
def test_saving_a_demo_day_unchanged_in_the_admin_changes_nothing(admin_client):
    call_command("load_demo", stdout=StringIO())
    event = Event.objects.get(slug="day-one-courage-in-co-production")
    sessions = list(event.sessions.order_by("start", "room__position", "title"))

    response = admin_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form_with_sessions(event, [inline_row(session) for session in sessions]),
    )

    assert response.status_code == 302
    assert ScheduleChange.objects.count() == 0
    assert set(event.sessions.values_list("sequence", flat=True)) == {0}


@pytest.mark.django_db
def test_event_form_refuses_a_slug_taken_at_the_festival(admin_client):
    taken = EventFactory(title="Day one", slug="day-one")
    event = EventFactory(festival=taken.festival, title="Day two", slug="day-two")
    data = event_form_with_sessions(event, [])
    data["slug"] = "day-one"

    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["__all__"]
    event.refresh_from_db()
    assert event.slug == "day-two"


@pytest.mark.django_db
def test_event_form_refuses_times_that_leave_its_sessions_outside(admin_client, session):
    event = session.event
    data = event_form_with_sessions(event, [inline_row(session)])
    data["end_0"], data["end_1"] = "2027-07-05", "10:30:00"

    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors == [{"start": ["The session must fall inside its event's times."]}]
    event.refresh_from_db()
    assert local(event.end) == datetime(2027, 7, 6, 18, 0, tzinfo=LONDON)


@pytest.mark.django_db
def test_event_add_form_asks_for_the_event_before_its_sessions(admin_client):
    response = admin_client.get(reverse("admin:events_event_add"))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"] == []


def book(session: Session, count: int) -> list:
    with time_machine.travel(datetime(2027, 7, 1, 12, tzinfo=LONDON), tick=False):
        return [book_place(user=UserFactory(), session=session) for _ in range(count)]


@pytest.mark.django_db
def test_session_change_form_refuses_a_capacity_below_the_places_taken(admin_client, session):
    session.capacity = 3
    session.save()
    book(session, 3)

    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, capacity=2),
    )

    assert response.context["adminform"].form.errors == {
        "capacity": ["3 people already have places, so the capacity cannot be lower than 3."]
    }
    session.refresh_from_db()
    assert session.capacity == 3


@pytest.mark.django_db
def test_raising_the_capacity_in_the_admin_promotes_from_the_waitlist(admin_client, session):
    session.capacity = 1
    session.save()
    outcomes = book(session, 3)

    response = admin_client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form(session, capacity=2),
    )

    assert response.status_code == 302
    assert [
        (row.user_id, row.status, row.position)
        for row in Attendance.objects.filter(session=session).order_by("pk")
    ] == [
        (outcomes[0].attendance.user_id, AttendanceStatus.GOING, None),
        (outcomes[1].attendance.user_id, AttendanceStatus.GOING, None),
        (outcomes[2].attendance.user_id, AttendanceStatus.WAITLISTED, 1),
    ]


@pytest.mark.django_db
def test_event_inline_refuses_a_capacity_below_the_places_taken(admin_client, session):
    session.capacity = 2
    session.save()
    book(session, 2)

    response = admin_client.post(
        reverse("admin:events_event_change", args=[session.event.pk]),
        event_form_with_sessions(session.event, [inline_row(session, capacity=1)]),
    )

    assert response.status_code == 200
    assert texts(response, "ul.errorlist.nonform") == [
        "2 people already have places, so the capacity cannot be lower than 2."
    ]
    session.refresh_from_db()
    assert session.capacity == 2
