"""Change notices: changes gather per person for a few minutes, then one email says them all."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from icalendar import Calendar

from events.change_notices.scan import send_due_change_notices
from events.change_notices.services import collect_change_notices
from events.enums import AttendanceStatus, SessionStatus
from events.importing import import_programme
from events.models import (
    Attendance,
    ChangeNotice,
    ReminderSettings,
    ScheduleChange,
    Session,
)
from events.programme.services import SessionTimes, record_session_change
from events.tasks import scan_change_notices
from festival.models import Room, User
from tests.events.admin.test_programme import session_form
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"
# Three weeks before the festival, in winter: London is on GMT.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)
WINDOW = timedelta(minutes=10)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=LONDON)


@dataclass(frozen=True)
class Programme:
    """Two sessions on Tue 22 December at a festival in London, in two rooms."""

    trust: Session
    care: Session
    hall: Room
    warehouse: Room


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def programme(clock) -> Programme:
    festival = FestivalFactory(
        name="Co-production Festival",
        slug="coproduction",
        start_date=date(2026, 12, 21),
        end_date=date(2026, 12, 22),
    )
    venue = VenueFactory(name="Canal Mill")
    event = EventFactory(festival=festival, venue=venue, start=at(21, 9), end=at(22, 18))
    hall = RoomFactory(venue=venue, name="Main Hall", position=1)
    warehouse = RoomFactory(venue=venue, name="Warehouse Room", position=2)
    trust = SessionFactory(
        event=event, title="Trust first", slug="trust-first", start=at(22, 10), end=at(22, 11),
        room=hall, capacity=2,
    )  # fmt: skip
    care = SessionFactory(
        event=event, title="Care in practice", slug="care-in-practice", start=at(22, 14),
        end=at(22, 15), room=warehouse, capacity=None,
    )  # fmt: skip
    return Programme(trust=trust, care=care, hall=hall, warehouse=warehouse)


def person(name: str) -> User:
    return UserFactory(name=name, email=f"{name.split()[0].lower()}@example.org")


def going(user: User, session: Session) -> Attendance:
    return Attendance.objects.create(user=user, session=session, status=AttendanceStatus.GOING)


def waiting(user: User, session: Session, position: int) -> Attendance:
    return Attendance.objects.create(
        user=user, session=session, status=AttendanceStatus.WAITLISTED, position=position
    )


def change(session: Session, **values) -> ScheduleChange | None:
    """Edit the session as an organiser's save does, through the service that logs it."""
    session.refresh_from_db()
    old = SessionTimes.of(session)
    for name, value in values.items():
        setattr(session, name, value)
    session.save()
    return record_session_change(session=session, old=old)


def move(session: Session, start: datetime, end: datetime, **values) -> ScheduleChange | None:
    return change(session, start=start, end=end, **values)


def open_notices() -> list[tuple[str, datetime, list[str]]]:
    return [
        (
            notice.user.email,
            notice.due_at,
            [f"{c.kind} {c.session.slug}" for c in notice.changes.order_by("created_at", "pk")],
        )
        for notice in ChangeNotice.objects.filter(sent_at=None, failed_at=None).order_by("pk")
    ]


def sent() -> list[tuple[list[str], str]]:
    return [(message.to, message.subject) for message in mail.outbox]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def calendar_events(message) -> dict[str, tuple]:
    """Each attached .ics by name: (SUMMARY, STATUS, DTSTART, SEQUENCE)."""
    found = {}
    for name, content, mimetype in message.attachments:
        assert mimetype == "text/calendar"
        [event] = Calendar.from_ical(content).walk("VEVENT")
        found[name] = (
            str(event["SUMMARY"]),
            str(event["STATUS"]),
            event.decoded("DTSTART"),
            int(event["SEQUENCE"]),
        )
    return found


# Collecting


def test_collect_opens_a_notice_due_after_the_window_for_everyone_going_or_waiting(programme):
    ann, bea, cat, dan, eve = (
        person(name) for name in ("Ann A", "Bea B", "Cat C", "Dan D", "Eve E")
    )
    going(ann, programme.trust)
    going(bea, programme.trust)
    waiting(cat, programme.trust, position=1)
    Attendance.objects.create(user=dan, session=programme.trust, status=AttendanceStatus.CANCELLED)
    going(eve, programme.care)

    move(programme.trust, at(22, 11, 30), at(22, 12, 30))

    due = NOW + WINDOW
    assert open_notices() == [
        ("ann@example.org", due, ["moved trust-first"]),
        ("bea@example.org", due, ["moved trust-first"]),
        ("cat@example.org", due, ["moved trust-first"]),
    ]


def test_collect_gives_nothing_to_people_who_turned_change_notices_off(programme):
    ann, bea, cat = person("Ann A"), person("Bea B"), person("Cat C")
    for someone in (ann, bea, cat):
        going(someone, programme.trust)
    ReminderSettings.objects.create(user=ann, change_notices=False)
    ReminderSettings.objects.create(user=bea, change_notices=True, reminders="none")

    change(programme.trust, status=SessionStatus.CANCELLED)

    assert open_notices() == [
        ("bea@example.org", NOW + WINDOW, ["cancelled trust-first"]),
        ("cat@example.org", NOW + WINDOW, ["cancelled trust-first"]),
    ]


def test_collect_adds_later_changes_to_the_open_notice_and_keeps_its_due_time(programme, clock):
    ann = person("Ann A")
    going(ann, programme.trust)
    going(ann, programme.care)

    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(timedelta(minutes=4))
    change(programme.care, room=programme.hall)
    clock.shift(timedelta(minutes=4))
    move(programme.trust, at(22, 11, 30), at(22, 12, 30))

    assert open_notices() == [
        (
            "ann@example.org",
            NOW + WINDOW,
            ["moved trust-first", "room care-in-practice", "moved trust-first"],
        )
    ]


def test_collect_uses_the_debounce_setting(programme, settings):
    settings.CHANGE_NOTICE_DEBOUNCE_MINUTES = 3
    going(person("Ann A"), programme.trust)

    move(programme.trust, at(22, 11), at(22, 12))

    assert open_notices() == [
        ("ann@example.org", NOW + timedelta(minutes=3), ["moved trust-first"])
    ]


def test_collect_opens_a_new_notice_once_the_last_was_sent(programme, clock):
    going(person("Ann A"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(WINDOW)
    send_due_change_notices()

    clock.shift(timedelta(minutes=1))
    move(programme.trust, at(22, 12), at(22, 13))

    assert open_notices() == [
        ("ann@example.org", NOW + WINDOW + timedelta(minutes=11), ["moved trust-first"])
    ]
    assert ChangeNotice.objects.count() == 2


@pytest.mark.parametrize("attendees", [1, 30])
def test_collect_query_count_does_not_grow_with_attendees(
    programme, django_assert_num_queries, attendees
):
    for number in range(attendees):
        Attendance.objects.create(
            user=UserFactory(), session=programme.trust, status=AttendanceStatus.WAITLISTED,
            position=number + 1,
        )  # fmt: skip
    going(UserFactory(), programme.care)
    changes = [
        ScheduleChange.objects.create(session=session, kind="moved", old_start=at(22, 9),
                                      old_end=at(22, 10), new_start=session.start,
                                      new_end=session.end)
        for session in (programme.trust, programme.care)
    ]  # fmt: skip

    # the attendees who want notices, lock their open notices, open the missing ones, lock
    # those, link the changes
    with django_assert_num_queries(5):
        collect_change_notices(changes=changes)

    assert ChangeNotice.objects.count() == attendees + 1
    assert ChangeNotice.changes.through.objects.count() == attendees + 1


def test_collect_with_nobody_booked_writes_nothing(programme, django_assert_num_queries):
    cancelled = ScheduleChange.objects.create(session=programme.trust, kind="cancelled")

    # the attendees who want notices: none
    with django_assert_num_queries(1):
        collect_change_notices(changes=[cancelled])

    assert ChangeNotice.objects.count() == 0


def test_reimport_that_moves_a_session_opens_one_notice_per_person(import_setting, programme_csv):
    rows = [{"title": "Opening circle"}, {"title": "Zine making", "room": "Studio"}]
    with time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=LONDON), tick=False):
        import_programme(festival=import_setting.festival, content=programme_csv(*rows))
        zines = Session.objects.get(ref="S02")
        ann, bea = person("Ann A"), person("Bea B")
        going(ann, zines)
        waiting(bea, zines, position=1)
        going(bea, Session.objects.get(ref="S01"))
        rows[1] = {"title": "Zine making", "room": "Hall", "start": "11:30", "end": "12:30"}

        import_programme(festival=import_setting.festival, content=programme_csv(*rows))

    due = datetime(2027, 6, 1, 9, 10, tzinfo=LONDON)
    assert open_notices() == [
        ("ann@example.org", due, ["moved zine-making"]),
        ("bea@example.org", due, ["moved zine-making"]),
    ]


def test_admin_edit_that_moves_a_session_opens_one_notice_per_person(programme, admin_client):
    ann, bea = person("Ann A"), person("Bea B")
    going(ann, programme.trust)
    going(bea, programme.trust)
    going(bea, programme.care)

    response = admin_client.post(
        reverse("admin:events_session_change", args=[programme.trust.pk]),
        session_form(programme.trust, start=at(22, 11, 30), end=at(22, 12, 30),
                     room=programme.warehouse.pk),
    )  # fmt: skip

    assert response.status_code == 302
    assert open_notices() == [
        ("ann@example.org", NOW + WINDOW, ["moved trust-first"]),
        ("bea@example.org", NOW + WINDOW, ["moved trust-first"]),
    ]


# Sending


def test_one_move_sends_one_email_after_the_window_with_the_new_and_old_times(programme, clock):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11, 30), at(22, 12, 30), room=programme.warehouse)

    clock.shift(WINDOW)
    assert send_due_change_notices() == 1

    [message] = mail.outbox
    assert (message.to, message.subject) == (["ann@example.org"], "Changes to your programme")
    assert message.body == (
        "Hello Ann,\n\n"
        "A session in your programme has changed.\n\n"
        f"Moved: Trust first is now Tue 22 December, 11:30{DASH}12:30 GMT (was 10:00{DASH}11:00),"
        " in the Warehouse Room (was the Main Hall).\n"
        "You have a place.\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/\n\n"
        "The updated calendar entry is attached: open it to update your calendar.\n\n"
        "See your programme at http://127.0.0.1:8000/me/. You can also choose there which emails"
        " you get from us.\n\n"
        "Co-production Festival\n"
    )
    assert (
        f"<p><strong>Moved:</strong> Trust first is now Tue 22 December, 11:30{DASH}12:30 GMT"
        f" (was 10:00{DASH}11:00), in the Warehouse Room (was the Main Hall).<br>"
    ) in html_of(message)
    assert calendar_events(message) == {
        "trust-first.ics": ("Trust first", "CONFIRMED", at(22, 11, 30), 1)
    }
    notice = ChangeNotice.objects.get()
    assert (notice.sent_at, notice.attempts) == (NOW + WINDOW, 0)


def test_three_changes_to_two_sessions_within_the_window_send_one_email(programme, clock):
    ann = person("Ann Jones")
    going(ann, programme.trust)
    going(ann, programme.care)

    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(timedelta(minutes=3))
    change(programme.care, room=programme.hall)
    clock.shift(timedelta(minutes=3))
    move(programme.trust, at(22, 11, 30), at(22, 12, 30))
    clock.shift(timedelta(minutes=4))
    send_due_change_notices()

    [message] = mail.outbox
    assert message.body.split("\n\n")[1:4] == [
        "Some sessions in your programme have changed.",
        f"Moved: Trust first is now Tue 22 December, 11:30{DASH}12:30 GMT (was 10:00{DASH}11:00),"
        " in the Main Hall.\n"
        "You have a place.\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/",
        f"New room: Care in practice, Tue 22 December, 14:00{DASH}15:00 GMT, is now in the Main"
        " Hall (was the Warehouse Room).\n"
        "It is in your programme (drop-in).\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/care-in-practice/",
    ]
    assert calendar_events(message) == {
        "trust-first.ics": ("Trust first", "CONFIRMED", at(22, 11, 30), 2),
        "care-in-practice.ics": ("Care in practice", "CONFIRMED", at(22, 14), 1),
    }


def test_scan_sends_nothing_before_the_window_closes_and_nothing_twice(programme, clock):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))

    clock.shift(WINDOW - timedelta(seconds=1))
    assert send_due_change_notices() == 0
    clock.shift(timedelta(seconds=1))
    assert send_due_change_notices() == 1
    clock.shift(timedelta(minutes=5))
    assert send_due_change_notices() == 0

    assert sent() == [(["ann@example.org"], "Changes to your programme")]


def test_a_change_after_a_notice_was_sent_is_told_in_a_second_email(programme, clock):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(WINDOW)
    send_due_change_notices()

    clock.shift(timedelta(minutes=1))
    move(programme.trust, at(22, 15), at(22, 16))
    clock.shift(WINDOW)
    send_due_change_notices()

    assert [message.body.split("\n\n")[2].split("\n")[0] for message in mail.outbox] == [
        f"Moved: Trust first is now Tue 22 December, 11:00{DASH}12:00 GMT (was 10:00{DASH}11:00),"
        " in the Main Hall.",
        f"Moved: Trust first is now Tue 22 December, 15:00{DASH}16:00 GMT (was 11:00{DASH}12:00),"
        " in the Main Hall.",
    ]


def test_waitlisted_people_are_told_their_number_and_cancelled_bookings_are_not(programme, clock):
    going(person("Ann Jones"), programme.trust)
    waiting(person("Bea Smith"), programme.trust, position=1)
    Attendance.objects.create(
        user=person("Cat Brown"), session=programme.trust, status=AttendanceStatus.CANCELLED
    )
    move(programme.trust, at(22, 11), at(22, 12))

    clock.shift(WINDOW)
    send_due_change_notices()

    bodies = {message.to[0]: message.body.split("\n\n")[2] for message in mail.outbox}
    assert bodies == {
        "ann@example.org": (
            f"Moved: Trust first is now Tue 22 December, 11:00{DASH}12:00 GMT"
            f" (was 10:00{DASH}11:00), in the Main Hall.\n"
            "You have a place.\n"
            "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/"
        ),
        "bea@example.org": (
            f"Moved: Trust first is now Tue 22 December, 11:00{DASH}12:00 GMT"
            f" (was 10:00{DASH}11:00), in the Main Hall.\n"
            "You are number 1 on the waitlist.\n"
            "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/"
        ),
    }
    # A waitlist spot is not in the person's calendar, so no .ics goes with it.
    attachments = {message.to[0]: len(message.attachments) for message in mail.outbox}
    assert attachments == {"ann@example.org": 1, "bea@example.org": 0}


def test_only_the_sessions_with_a_place_come_with_a_calendar_entry(programme, clock):
    ann = person("Ann Jones")
    waiting(ann, programme.trust, position=2)
    going(ann, programme.care)
    move(programme.trust, at(22, 11), at(22, 12))
    move(programme.care, at(22, 16), at(22, 17))

    clock.shift(WINDOW)
    send_due_change_notices()

    [message] = mail.outbox
    assert message.body.split("\n\n")[4] == (
        "The updated calendar entry is attached: open it to update your calendar."
    )
    assert [name for name, _content, _type in message.attachments] == ["care-in-practice.ics"]


def test_people_who_turned_change_notices_off_get_nothing(programme, clock):
    ann, bea = person("Ann Jones"), person("Bea Smith")
    going(ann, programme.trust)
    going(bea, programme.trust)
    ReminderSettings.objects.create(user=ann, change_notices=False)
    move(programme.trust, at(22, 11), at(22, 12))
    # Bea turns them off after the change, before the notice goes.
    ReminderSettings.objects.create(user=bea, change_notices=False)

    clock.shift(WINDOW)
    assert send_due_change_notices() == 0

    assert (mail.outbox, ChangeNotice.objects.count()) == ([], 0)


def test_a_booking_cancelled_within_the_window_gets_no_notice(programme, clock):
    attendance = going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))
    attendance.status = AttendanceStatus.CANCELLED
    attendance.save()

    clock.shift(WINDOW)
    send_due_change_notices()

    assert (mail.outbox, ChangeNotice.objects.count()) == ([], 0)


def test_a_cancellation_says_so_plainly_and_attaches_a_cancelled_calendar_entry(programme, clock):
    going(person("Ann Jones"), programme.trust)
    waiting(person("Bea Smith"), programme.trust, position=3)
    change(programme.trust, status=SessionStatus.CANCELLED)

    clock.shift(WINDOW)
    send_due_change_notices()

    ann, bea = sorted(mail.outbox, key=lambda message: message.to)
    assert ann.body.split("\n\n")[2] == (
        f"Cancelled: Trust first (Tue 22 December, 10:00{DASH}11:00 GMT, in the Main Hall) has"
        " been cancelled.\n"
        "You had a place.\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/"
    )
    assert calendar_events(ann) == {
        "trust-first.ics": ("Cancelled: Trust first", "CANCELLED", at(22, 10), 1)
    }
    assert bea.body.split("\n\n")[2].split("\n")[1] == "You were number 3 on the waitlist."


def test_a_session_back_on_says_so_with_its_time(programme, clock):
    going(person("Ann Jones"), programme.trust)
    change(programme.trust, status=SessionStatus.CANCELLED)
    clock.shift(WINDOW)
    send_due_change_notices()

    clock.shift(timedelta(minutes=1))
    change(programme.trust, status=SessionStatus.SCHEDULED, start=at(22, 16), end=at(22, 17))
    clock.shift(WINDOW)
    send_due_change_notices()

    assert mail.outbox[1].body.split("\n\n")[2] == (
        f"Back on: Trust first is on again: Tue 22 December, 16:00{DASH}17:00 GMT"
        f" (was 10:00{DASH}11:00), in the Main Hall.\n"
        "You have a place.\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/"
    )
    assert calendar_events(mail.outbox[1]) == {
        "trust-first.ics": ("Trust first", "CONFIRMED", at(22, 16), 2)
    }


def test_a_move_to_another_day_names_both_days(programme, clock):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(21, 16), at(21, 17))

    clock.shift(WINDOW)
    send_due_change_notices()

    assert mail.outbox[0].body.split("\n\n")[2].split("\n")[0] == (
        f"Moved: Trust first is now Mon 21 December, 16:00{DASH}17:00 GMT"
        f" (was Tue 22 December, 10:00{DASH}11:00 GMT), in the Main Hall."
    )


def test_a_session_moved_and_moved_back_within_the_window_is_not_told(programme, clock):
    ann = person("Ann Jones")
    going(ann, programme.trust)
    going(ann, programme.care)
    move(programme.trust, at(22, 11), at(22, 12))
    change(programme.care, status=SessionStatus.CANCELLED)
    clock.shift(timedelta(minutes=5))
    move(programme.trust, at(22, 10), at(22, 11))

    clock.shift(WINDOW)
    send_due_change_notices()

    [message] = mail.outbox
    assert message.body.split("\n\n")[1:3] == [
        "A session in your programme has changed.",
        f"Cancelled: Care in practice (Tue 22 December, 14:00{DASH}15:00 GMT, in the Warehouse"
        " Room) has been cancelled.\n"
        "It was in your programme.\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/care-in-practice/",
    ]


def test_a_notice_with_only_a_move_and_its_undoing_is_dropped_unsent(programme, clock):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))
    move(programme.trust, at(22, 10), at(22, 11))

    clock.shift(WINDOW)
    assert send_due_change_notices() == 0

    assert (mail.outbox, ChangeNotice.objects.count()) == ([], 0)


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that has gone away."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_failed_send_is_retried_with_backoff_then_marked_failed(programme, clock, settings):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))
    settings.EMAIL_BACKEND = "tests.events.change_notices.test_scan.RefusingBackend"
    clock.shift(WINDOW)
    notice = ChangeNotice.objects.get()

    history = []
    for _attempt in range(5):
        send_due_change_notices()
        notice.refresh_from_db()
        history.append((notice.attempts, notice.due_at - NOW, notice.failed_at))
        clock.move_to(notice.due_at)

    minutes = [timedelta(minutes=m) for m in (11, 13, 17, 25)]
    assert history == [
        (1, minutes[0], None),
        (2, minutes[1], None),
        (3, minutes[2], None),
        (4, minutes[3], None),
        (5, minutes[3], NOW + minutes[3]),
    ]
    assert notice.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(timedelta(hours=1))
    assert send_due_change_notices() == 0
    # A failed notice is closed: the next change opens a new one.
    move(programme.trust, at(22, 15), at(22, 16))
    assert [due for _email, due, _changes in open_notices()] == [
        NOW + minutes[3] + timedelta(hours=1) + WINDOW
    ]


def test_the_scan_claims_in_batches_until_none_is_due(programme, clock):
    for number in range(7):
        going(person(f"Person{number} P"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))

    clock.shift(WINDOW)

    assert send_due_change_notices(batch_size=3) == 7
    assert sorted(to for message in mail.outbox for to in message.to) == [
        f"person{number}@example.org" for number in range(7)
    ]


def test_the_beat_task_sends_due_notices(programme, clock):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(WINDOW)

    scan_change_notices.delay()

    assert sent() == [(["ann@example.org"], "Changes to your programme")]
