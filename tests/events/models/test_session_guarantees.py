"""What the database holds about sessions, whoever writes them: a session's festival is its
event's (migration 0009's triggers), a booked session is not deleted (`protect_active_bookings`),
and the change log outlives its sessions."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from events.change_notices.scan import send_due_change_notices
from events.enums import AttendanceStatus, ChangeKind
from events.importing import import_programme
from events.models import Attendance, ChangeNotice, Event, ScheduleChange, Session
from events.programme.services import SessionTimes, record_session_change
from festival.models import Room
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    ScheduleChangeFactory,
    SessionFactory,
    UserFactory,
)
from tests.html import texts

SESSION_REFUSED = "A session's festival must be its event's festival."
EVENT_REFUSED = (
    "An event with sessions cannot move to another festival: its sessions belong to this one."
)


def at(hour: int, minute: int = 0, day: int = 5) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


def refusal(write) -> tuple[type, str]:
    """The class and the first line of the error the database answers `write` with (inside a
    savepoint, so the test's transaction goes on)."""
    with pytest.raises(Exception) as raised, transaction.atomic():
        write()
    return type(raised.value), str(raised.value).splitlines()[0]


def festivals_of(sessions) -> list[tuple[str, int, int]]:
    """(title, the session's festival, its event's festival) of each session, by title."""
    return list(
        Session.objects.filter(pk__in=[session.pk for session in sessions])
        .order_by("title")
        .values_list("title", "festival_id", "event__festival_id")
    )


def book(session: Session, status: str) -> Attendance:
    position = 1 if status == AttendanceStatus.WAITLISTED else None
    return Attendance.objects.create(
        user=UserFactory(), session=session, status=status, position=position
    )


# The festival of a session is its event's: Session.save


@pytest.mark.django_db
def test_session_save_copies_its_events_festival_over_another():
    session = SessionFactory(title="Opening")
    session.festival = FestivalFactory()

    session.save()

    festival = session.event.festival_id
    assert festivals_of([session]) == [("Opening", festival, festival)]


@pytest.mark.django_db
def test_session_save_follows_its_event_to_another_festival():
    session = SessionFactory(title="Opening")
    elsewhere = EventFactory(venue=session.event.venue)

    session.event = elsewhere
    session.save()

    assert festivals_of([session]) == [("Opening", elsewhere.festival_id, elsewhere.festival_id)]


# The database refuses any other festival: updates and bulk writes


@pytest.mark.django_db
def test_session_update_to_another_festival_is_refused():
    session = SessionFactory(title="Opening")
    other = FestivalFactory()

    refused = refusal(lambda: Session.objects.filter(pk=session.pk).update(festival=other))

    assert refused == (IntegrityError, SESSION_REFUSED)
    assert festivals_of([session]) == [("Opening", session.festival_id, session.festival_id)]


@pytest.mark.django_db
def test_session_update_to_another_festivals_event_alone_is_refused():
    session = SessionFactory()
    elsewhere = EventFactory(venue=session.event.venue)

    refused = refusal(lambda: Session.objects.filter(pk=session.pk).update(event=elsewhere))

    assert refused == (IntegrityError, SESSION_REFUSED)


@pytest.mark.django_db
def test_session_update_of_event_and_festival_together_is_allowed():
    session = SessionFactory(title="Opening")
    elsewhere = EventFactory(venue=session.event.venue)

    Session.objects.filter(pk=session.pk).update(event=elsewhere, festival=elsewhere.festival)

    assert festivals_of([session]) == [("Opening", elsewhere.festival_id, elsewhere.festival_id)]


@pytest.mark.django_db
def test_session_bulk_create_with_another_festival_is_refused():
    event = EventFactory()
    room = RoomFactory(venue=event.venue)
    row = Session(
        festival=FestivalFactory(), event=event, title="Stray", slug="stray", start=at(10),
        end=at(11), room=room, format="talk",
    )  # fmt: skip

    refused = refusal(lambda: Session.objects.bulk_create([row]))

    assert refused == (IntegrityError, SESSION_REFUSED)
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_event_with_sessions_cannot_move_to_another_festival():
    session = SessionFactory()
    event = session.event
    other = FestivalFactory()

    by_update = refusal(lambda: Event.objects.filter(pk=event.pk).update(festival=other))
    event.festival = other
    by_save = refusal(event.save)

    assert (by_update, by_save) == ((IntegrityError, EVENT_REFUSED),) * 2
    assert Event.objects.get(pk=event.pk).festival_id == session.festival_id


@pytest.mark.django_db
def test_event_without_sessions_can_move_to_another_festival():
    event = EventFactory()
    other = FestivalFactory()

    Event.objects.filter(pk=event.pk).update(festival=other)

    assert Event.objects.get(pk=event.pk).festival_id == other.pk


@pytest.mark.django_db
def test_session_and_event_writes_that_keep_the_festival_are_allowed():
    session = SessionFactory(title="Opening")

    Session.objects.filter(pk=session.pk).update(title="Welcome")
    Session.objects.filter(pk=session.pk).update(festival=session.festival)
    Event.objects.filter(pk=session.event_id).update(festival=session.festival, title="Day one")

    assert festivals_of([session]) == [("Welcome", session.festival_id, session.festival_id)]


# The CSV import writes sessions in bulk, with their event's festival


@pytest.mark.django_db
def test_import_writes_each_sessions_festival_from_its_event(import_setting, programme_csv):
    festival = import_setting.festival
    fringe = EventFactory(
        festival=festival, venue=import_setting.event.venue, title="Fringe", slug="fringe"
    )
    import_programme(
        festival=festival,
        content=programme_csv(
            {"title": "Opening"}, {"title": "Walk", "start": "12:00", "end": "13:00"}
        ),
    )
    first = festivals_of(Session.objects.all())

    # The second file moves the walk to the fringe: a bulk update of its event.
    import_programme(
        festival=festival,
        content=programme_csv(
            {"title": "Opening"},
            {"title": "Walk", "start": "12:00", "end": "13:00", "event": "fringe"},
        ),
    )

    assert first == [("Opening", festival.pk, festival.pk), ("Walk", festival.pk, festival.pk)]
    assert festivals_of(Session.objects.all()) == first
    assert Session.objects.get(title="Walk").event_id == fringe.pk


# The admin: the session form, the event's inline, and the event's festival


def local_fields(name: str, moment: datetime, prefix: str = "") -> dict[str, str]:
    moment = timezone.localtime(moment, LONDON)
    return {
        f"{prefix}{name}_0": moment.strftime("%Y-%m-%d"),
        f"{prefix}{name}_1": moment.strftime("%H:%M:%S"),
    }


def event_form(event: Event, **changes) -> dict:
    """The Event change form with no sessions changed inline."""
    return {
        "title": event.title,
        "slug": event.slug,
        "venue": event.venue_id,
        "description": event.description,
        **local_fields("start", event.start),
        **local_fields("end", event.end),
        "sessions-TOTAL_FORMS": 0,
        "sessions-INITIAL_FORMS": 0,
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
        **changes,
    }


@pytest.mark.django_db
def test_admin_session_form_writes_its_events_festival(admin_client):
    event = EventFactory()
    room = RoomFactory(venue=event.venue)

    response = admin_client.post(
        reverse("admin:events_session_add"),
        {
            "event": event.pk, "title": "Opening", "slug": "opening", "ref": "",
            "format": "talk", "description": "", **local_fields("start", at(10)),
            **local_fields("end", at(11)), "room": room.pk, "status": "scheduled",
            "capacity": "",
        },
    )  # fmt: skip

    assert response.status_code == 302
    assert festivals_of(Session.objects.all()) == [
        ("Opening", event.festival_id, event.festival_id)
    ]


@pytest.mark.django_db
def test_admin_event_inline_writes_its_events_festival(admin_client):
    event = EventFactory()
    room = RoomFactory(venue=event.venue)
    row = {
        "title": "Tea", "slug": "tea", "room": room.pk, "format": "break", "capacity": "",
        "status": "scheduled", "event": event.pk,
    }  # fmt: skip
    data = event_form(event, **{"sessions-TOTAL_FORMS": 1})
    data.update({f"sessions-0-{name}": value for name, value in row.items()})
    data.update(local_fields("start", at(16), prefix="sessions-0-"))
    data.update(local_fields("end", at(17), prefix="sessions-0-"))

    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)

    assert response.status_code == 302
    assert festivals_of(Session.objects.all()) == [("Tea", event.festival_id, event.festival_id)]


@pytest.mark.django_db
def test_admin_event_form_keeps_the_festival_of_an_event_with_sessions(admin_client):
    session = SessionFactory(title="Opening")
    event = session.event
    other = FestivalFactory()

    response = admin_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(event, festival=other.pk, title="Day one"),
    )

    assert response.status_code == 302
    assert Event.objects.values_list("title", "festival").get(pk=event.pk) == (
        "Day one",
        session.festival_id,
    )
    assert festivals_of([session]) == [("Opening", session.festival_id, session.festival_id)]


# A booked session is not deleted: on its own, with its event, or with its festival


@pytest.mark.django_db
@pytest.mark.parametrize("status", [AttendanceStatus.GOING, AttendanceStatus.WAITLISTED])
def test_session_with_an_active_booking_cannot_be_deleted(status):
    session = SessionFactory()
    booking = book(session, status)
    book(session, AttendanceStatus.CANCELLED)

    with pytest.raises(ProtectedError) as raised, transaction.atomic():
        session.delete()

    assert raised.value.protected_objects == {booking}
    assert (Session.objects.count(), Attendance.objects.count()) == (1, 2)


@pytest.mark.django_db
def test_event_and_festival_with_a_booked_session_cannot_be_deleted():
    session = SessionFactory()
    SessionFactory(event=session.event)
    booking = book(session, AttendanceStatus.GOING)

    with pytest.raises(ProtectedError) as by_event, transaction.atomic():
        session.event.delete()
    with pytest.raises(ProtectedError) as by_queryset, transaction.atomic():
        Event.objects.filter(pk=session.event_id).delete()
    with pytest.raises(ProtectedError) as by_festival, transaction.atomic():
        session.festival.delete()

    protected = [error.value.protected_objects for error in (by_event, by_queryset, by_festival)]
    assert protected == [{booking}] * 3
    assert (Event.objects.count(), Session.objects.count()) == (1, 2)


@pytest.mark.django_db
def test_session_with_only_cancelled_bookings_is_deleted_with_them():
    session = SessionFactory()
    kept = SessionFactory(event=session.event)
    book(session, AttendanceStatus.CANCELLED)
    other_booking = book(kept, AttendanceStatus.GOING)

    session.delete()

    assert list(Session.objects.all()) == [kept]
    assert list(Attendance.objects.all()) == [other_booking]


# The change log outlives its session


@pytest.mark.django_db
def test_schedule_change_keeps_its_sessions_festival_and_title():
    session = SessionFactory(title="Opening")
    saved = ScheduleChangeFactory(session=session)
    recorded = record_session_change(
        session=session,
        old=SessionTimes(start=at(9), end=at(10), room=session.room, status=session.status),
    )

    assert [(change.festival_id, change.session_title) for change in (saved, recorded)] == [
        (session.festival_id, "Opening")
    ] * 2


@pytest.mark.django_db
def test_deleting_a_session_keeps_its_change_log():
    session = SessionFactory(title="Opening")
    change = ScheduleChangeFactory(session=session)
    book(session, AttendanceStatus.CANCELLED)

    session.delete()

    change.refresh_from_db()
    assert (change.session, change.festival_id, change.session_title, str(change)) == (
        None,
        session.festival_id,
        "Opening",
        "Moved: Opening",
    )


@pytest.mark.django_db
def test_changes_page_tells_a_deleted_sessions_change_without_a_link(client):
    festival = FestivalFactory(slug="nacpf")
    event = EventFactory(festival=festival)
    hall = RoomFactory(venue=event.venue, name="Hall")
    studio = RoomFactory(venue=event.venue, name="Studio")
    walk = SessionFactory(event=event, title="Garden walk", slug="garden-walk", room=studio)
    talk = SessionFactory(event=event, title="Opening", slug="opening", room=hall)
    for session in (walk, talk):
        ScheduleChangeFactory(
            session=session, old_start=at(10), old_end=at(11), old_room=hall,
            new_start=at(11, 30), new_end=at(12, 30), new_room=studio,
        )  # fmt: skip
    ScheduleChange.objects.filter(session=walk).update(created_at=at(9, day=1))
    ScheduleChange.objects.filter(session=talk).update(created_at=at(9, day=2))
    walk.delete()

    response = client.get(reverse("festival-changes", kwargs={"festival": "nacpf"}))

    assert texts(response, ".change-summary") == [
        "Moved: Opening from Mon 10:00 (Hall) to Mon 11:30 (Studio)",
        "Moved: Garden walk (no longer in the programme) from Mon 10:00 (Hall) to Mon 11:30 "
        "(Studio)",
    ]
    page = response.content.decode()
    assert '<a href="/festivals/nacpf/sessions/opening/">Opening</a>' in page
    assert "/sessions/garden-walk/" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_changes_page_of_deleted_sessions_queries_do_not_grow(
    client, django_assert_num_queries, count
):
    event = EventFactory(festival=FestivalFactory(slug="sized"))
    for _ in range(count):
        ScheduleChangeFactory(session=SessionFactory(event=event))
    Session.objects.filter(event=event).delete()

    # The festival; the changes with their rooms.
    with django_assert_num_queries(2):
        response = client.get(reverse("festival-changes", kwargs={"festival": "sized"}))

    assert len(texts(response, ".change")) == count


@pytest.mark.django_db
def test_change_notice_about_a_session_deleted_since_is_dropped_unsent():
    session = SessionFactory(start=at(10), end=at(11))
    booking = book(session, AttendanceStatus.GOING)
    old = SessionTimes.of(session)
    session.start, session.end = at(12), at(13)
    session.save()
    record_session_change(session=session, old=old)
    Attendance.objects.filter(pk=booking.pk).update(status=AttendanceStatus.CANCELLED)
    session.delete()

    sent = send_due_change_notices(now=timezone.now() + timedelta(days=1))

    assert (sent, ChangeNotice.objects.count(), mail.outbox) == (0, 0, [])
    assert list(ScheduleChange.objects.values_list("session", "kind")) == [(None, ChangeKind.MOVED)]


# Default orderings join no other table


@pytest.mark.django_db
def test_default_orderings_join_no_other_table():
    queries = [str(model.objects.all().query) for model in (Attendance, Session, Room)]

    assert ["JOIN" in query for query in queries] == [False, False, False]
