"""Reminders: rows planned with bookings and sessions, the minute scan, the email, the links.

The festival is on Mon 5 July 2027 (London, BST); the session runs 10:00-11:00 local
(09:00-10:00 UTC), and the festival's offsets are a day and an hour before.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from icalendar import Calendar

from events.bookings.services import book_place, cancel_booking
from events.enums import AttendanceStatus, SessionStatus
from events.models import Attendance, Reminder, ReminderSettings, Session
from events.programme.services import SessionTimes, record_session_change
from events.reminders.scan import claim_query, scan_reminders
from events.reminders.stop_links import stop_token
from events.tasks import scan_reminders as scan_reminders_task
from festival.models import Festival, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
    VenueFactory,
)
from tests.html import texts

pytestmark = pytest.mark.django_db

BOOKED_AT = datetime(2027, 7, 1, 12, tzinfo=LONDON)
START = datetime(2027, 7, 5, 10, tzinfo=LONDON)
DAY_BEFORE = datetime(2027, 7, 4, 9, tzinfo=UTC)
HOUR_BEFORE = datetime(2027, 7, 5, 8, tzinfo=UTC)
END = datetime(2027, 7, 5, 10, tzinfo=UTC)


@dataclass(frozen=True)
class Setting:
    festival: Festival
    session: Session
    organiser: User


@pytest.fixture
def clock():
    with time_machine.travel(BOOKED_AT, tick=False) as traveller:
        yield traveller


def make_setting(*, capacity: int | None = 20, offsets: list[int] | None = None) -> Setting:
    organiser = UserFactory(email="organiser@example.org", name="Olu Organiser")
    festival = FestivalFactory(name="Not Another Co-production Festival", organisers=[organiser])
    if offsets is not None:
        festival.reminder_offsets = offsets
        festival.save()
    venue = VenueFactory(
        name="Museum of Science and Industry",
        address="Liverpool Road, Manchester M3 4FP",
        accessibility_notes="Step-free entrance on Lower Byrom Street.",
    )
    event = EventFactory(festival=festival, venue=venue, title="Main programme")
    room = RoomFactory(venue=venue, name="Hall", accessibility_notes="Hearing loop.")
    session = SessionFactory(
        event=event,
        title="Doing it together",
        slug="doing-it-together",
        start=START,
        end=START + timedelta(hours=1),
        room=room,
        capacity=capacity,
    )
    return Setting(festival=festival, session=session, organiser=organiser)


@pytest.fixture
def setting(clock) -> Setting:
    return make_setting()


def rows(session: Session) -> list[tuple[str, str, datetime, bool, bool]]:
    """(email, kind, due_at, sent, cancelled) of every reminder of the session."""
    return [
        (r.user.email, r.kind, r.due_at, r.sent_at is not None, r.cancelled_at is not None)
        for r in Reminder.objects.filter(session=session)
        .select_related("user")
        .order_by("user__email", "kind")
    ]


def sent_to() -> list[tuple[str, str]]:
    return [(message.to[0], message.subject) for message in mail.outbox]


def move(session: Session, *, by: timedelta) -> None:
    old = SessionTimes.of(session)
    session.start, session.end = session.start + by, session.end + by
    session.save()
    record_session_change(session=session, old=old)


def set_status(session: Session, status: str) -> None:
    old = SessionTimes.of(session)
    session.status = status
    session.save()
    record_session_change(session=session, old=old)


def person(email: str, choice: str | None = None) -> User:
    user = UserFactory(email=email, name=email.split("@")[0].title())
    if choice is not None:
        ReminderSettings.objects.create(user=user, reminders=choice)
    return user


# Planning


def test_booking_plans_one_reminder_per_festival_offset(setting):
    book_place(user=person("ana@example.org"), session=setting.session)

    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE, False, False),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_opt_outs_none_gives_no_rows_and_last_only_the_smallest_offset(setting):
    book_place(user=person("none@example.org", "none"), session=setting.session)
    book_place(user=person("last@example.org", "last"), session=setting.session)

    assert rows(setting.session) == [
        ("last@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_a_booking_after_a_reminders_time_gets_none_for_it(setting, clock):
    clock.move_to(datetime(2027, 7, 4, 12, tzinfo=LONDON))

    book_place(user=person("late@example.org"), session=setting.session)

    assert rows(setting.session) == [
        ("late@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_cancelling_a_booking_cancels_its_reminders_and_rebooking_reactivates_them(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)

    cancel_booking(user=ana, session=setting.session)
    cancelled = rows(setting.session)
    book_place(user=ana, session=setting.session)

    assert cancelled == [
        ("ana@example.org", "before:1440", DAY_BEFORE, False, True),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, True),
    ]
    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE, False, False),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_a_person_promoted_from_the_waitlist_gets_reminders(clock):
    setting = make_setting(capacity=1)
    first, second = person("first@example.org"), person("second@example.org")
    book_place(user=first, session=setting.session)
    book_place(user=second, session=setting.session)

    cancel_booking(user=first, session=setting.session)

    assert rows(setting.session) == [
        ("first@example.org", "before:1440", DAY_BEFORE, False, True),
        ("first@example.org", "before:60", HOUR_BEFORE, False, True),
        ("second@example.org", "before:1440", DAY_BEFORE, False, False),
        ("second@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_moving_a_session_recomputes_its_unsent_reminders(setting):
    book_place(user=person("ana@example.org"), session=setting.session)

    move(setting.session, by=timedelta(hours=3))

    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE + timedelta(hours=3), False, False),
        ("ana@example.org", "before:60", HOUR_BEFORE + timedelta(hours=3), False, False),
    ]


def test_moving_a_session_earlier_cancels_a_reminder_whose_time_has_passed(setting, clock):
    book_place(user=person("ana@example.org"), session=setting.session)
    clock.move_to(datetime(2027, 7, 3, 12, tzinfo=LONDON))

    # 10:00 on Sunday 4 July: its day-before reminder would have been on Saturday morning.
    move(setting.session, by=timedelta(days=-1))

    assert rows(setting.session) == [
        # Cancelled where it stood: it is never sent, late or otherwise.
        ("ana@example.org", "before:1440", DAY_BEFORE, False, True),
        ("ana@example.org", "before:60", HOUR_BEFORE - timedelta(days=1), False, False),
    ]
    assert scan_reminders().sent == 0


def test_moving_a_session_leaves_sent_reminders_alone(setting, clock):
    book_place(user=person("ana@example.org"), session=setting.session)
    clock.move_to(DAY_BEFORE)
    scan_reminders()

    move(setting.session, by=timedelta(hours=2))

    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE, True, False),
        ("ana@example.org", "before:60", HOUR_BEFORE + timedelta(hours=2), False, False),
    ]


def test_cancelling_a_session_cancels_its_reminders_and_restoring_plans_them_again(setting):
    book_place(user=person("ana@example.org"), session=setting.session)

    set_status(setting.session, SessionStatus.CANCELLED)
    cancelled = rows(setting.session)
    set_status(setting.session, SessionStatus.SCHEDULED)

    assert cancelled == [
        ("ana@example.org", "before:1440", DAY_BEFORE, False, True),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, True),
    ]
    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE, False, False),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


# The scan


def test_the_scan_sends_what_is_due_and_nothing_else(setting, clock):
    book_place(user=person("ana@example.org"), session=setting.session)
    book_place(user=person("bo@example.org", "last"), session=setting.session)
    mail.outbox.clear()

    before = scan_reminders()
    clock.move_to(DAY_BEFORE)
    at_day_before = scan_reminders()
    again = scan_reminders()

    assert (before.sent, at_day_before.sent, again.sent) == (0, 1, 0)
    assert sent_to() == [("ana@example.org", "Starts in 24 hours: Doing it together")]
    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE, True, False),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, False),
        ("bo@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_the_hour_before_reminders_go_once_each(setting, clock):
    book_place(user=person("ana@example.org"), session=setting.session)
    book_place(user=person("bo@example.org", "last"), session=setting.session)
    mail.outbox.clear()

    clock.move_to(HOUR_BEFORE + timedelta(seconds=30))
    first = scan_reminders()
    second = scan_reminders()

    assert (first.sent, first.dropped, second.sent) == (3, 0, 0)
    assert sorted(sent_to()) == [
        ("ana@example.org", "Starts in 1 hour: Doing it together"),
        ("ana@example.org", "Starts in 24 hours: Doing it together"),
        ("bo@example.org", "Starts in 1 hour: Doing it together"),
    ]


def test_a_reminder_still_waiting_when_the_session_starts_is_dropped(setting, clock):
    book_place(user=person("ana@example.org", "last"), session=setting.session)
    mail.outbox.clear()
    clock.move_to(START + timedelta(minutes=5))

    result = scan_reminders()

    assert (result.sent, result.dropped, mail.outbox) == (0, 1, [])


def test_the_claim_walks_the_waiting_index_instead_of_sorting_every_due_row(
    setting, clock, postgresql_only
):
    """Ordering by (due_at, pk) could not come from reminder_waiting_due (due_at only): each
    claim then joined and sorted every due row, O(due²) a scan (bench: ~24 messages/s)."""
    for n in range(20):
        book_place(user=person(f"p{n}@example.org"), session=setting.session)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: force the index
        plan = claim_query(now=HOUR_BEFORE)[:1].explain()

    assert "reminder_waiting_due" in plan
    assert "Sort" not in plan


def test_the_scan_task_sends_due_reminders(setting, clock):
    book_place(user=person("ana@example.org", "last"), session=setting.session)
    mail.outbox.clear()
    clock.move_to(HOUR_BEFORE)

    scan_reminders_task.delay()

    assert sent_to() == [("ana@example.org", "Starts in 1 hour: Doing it together")]


# Speakers


def speaker_setting(clock) -> tuple[Setting, User]:
    setting = make_setting()
    speaker_user = person("mel@example.org")
    speaker = SpeakerFactory(festival=setting.festival, name="Mel Parks", user=speaker_user)
    setting.session.speakers.add(speaker)
    # Within two days of the first reminder: the minute scan plans speakers' rows from here.
    clock.move_to(datetime(2027, 7, 3, 12, tzinfo=LONDON))
    return setting, speaker_user


def test_speakers_get_reminders_and_a_write_up_prompt_each_sent_once(clock):
    speaker_setting(clock)

    planned_early = scan_reminders()
    clock.move_to(DAY_BEFORE)
    day_before = [scan_reminders().sent, scan_reminders().sent]
    clock.move_to(HOUR_BEFORE)
    hour_before = [scan_reminders().sent, scan_reminders().sent]
    clock.move_to(END + timedelta(minutes=1))
    after = [scan_reminders().sent, scan_reminders().sent]

    assert planned_early.sent == 0
    assert (day_before, hour_before, after) == ([1, 0], [1, 0], [1, 0])
    assert sent_to() == [
        ("mel@example.org", "You are speaking in 24 hours: Doing it together"),
        ("mel@example.org", "You are speaking in 1 hour: Doing it together"),
        ("mel@example.org", "How did it go? Write up “Doing it together”"),
    ]
    prompt = mail.outbox[2]
    writeup_url = (
        "http://127.0.0.1:8000/festivals/not-another-co-production-festival/sessions/"
        "doing-it-together/write-up/"
    )
    assert f"Write it up: {writeup_url}" in prompt.body
    assert f'<a href="{writeup_url}">Write it up</a>' in prompt.alternatives[0].content
    assert prompt.attachments == []


def test_speaker_rows_follow_a_moved_session(clock):
    setting, _mel = speaker_setting(clock)
    scan_reminders()

    move(setting.session, by=timedelta(hours=2))

    assert rows(setting.session) == [
        ("mel@example.org", "speaker-before:1440", DAY_BEFORE + timedelta(hours=2), False, False),
        ("mel@example.org", "speaker-before:60", HOUR_BEFORE + timedelta(hours=2), False, False),
        ("mel@example.org", "write-up-prompt", END + timedelta(hours=2), False, False),
    ]


def test_speaker_rows_of_a_cancelled_session_are_cancelled(clock):
    setting, _mel = speaker_setting(clock)
    scan_reminders()

    set_status(setting.session, SessionStatus.CANCELLED)
    scan_reminders()

    assert [(kind, cancelled) for _e, kind, _d, _s, cancelled in rows(setting.session)] == [
        ("speaker-before:1440", True),
        ("speaker-before:60", True),
        ("write-up-prompt", True),
    ]


@pytest.mark.parametrize("how", ["taken off the session", "unlinked from the account"])
def test_a_speaker_no_longer_on_a_session_loses_their_reminders(clock, how):
    setting, _mel = speaker_setting(clock)
    scan_reminders()
    speaker = setting.session.speakers.get()
    if how == "taken off the session":
        setting.session.speakers.remove(speaker)
    else:
        speaker.user = None
        speaker.save()

    scan_reminders()
    clock.move_to(DAY_BEFORE)
    sent = scan_reminders().sent

    assert sent == 0
    assert [(kind, cancelled) for _e, kind, _d, _s, cancelled in rows(setting.session)] == [
        ("speaker-before:1440", True),
        ("speaker-before:60", True),
        ("write-up-prompt", True),
    ]


# The email


def test_the_reminder_email_has_the_session_details_links_and_calendar_file(setting, clock):
    ana = person("ana@example.org", "last")
    book_place(user=ana, session=setting.session)
    mail.outbox.clear()
    clock.move_to(HOUR_BEFORE)

    scan_reminders()

    [message] = mail.outbox
    reminder = Reminder.objects.get(user=ana, kind="before:60")
    stop = f"http://127.0.0.1:8000/reminders/{stop_token(reminder)}/stop/"
    session_url = (
        "http://127.0.0.1:8000/festivals/not-another-co-production-festival/sessions/"
        "doing-it-together/"
    )
    assert message.extra_headers == {
        "X-Convene-Reminder": str(reminder.pk),
        "List-Unsubscribe": f"<{stop}>",
    }
    assert message.body == (
        "Hello Ana,\n\n"
        "A reminder: you have a place on this session.\n\n"
        "Doing it together\n"
        "When:  Mon 5 July 2027, 10:00–11:00 BST (Europe/London time)\n"
        "Where: Hall, Museum of Science and Industry, Liverpool Road, Manchester M3 4FP\n"
        "Access: Step-free entrance on Lower Byrom Street.\n"
        "Room access: Hearing loop.\n"
        f"Details: {session_url}\n\n"
        "The session's calendar file is attached.\n\n"
        "Can't come after all? Cancel your place so it goes to someone on the waitlist, "
        f"or stop these reminders, in one click: {stop}\n\n"
        "Your programme: http://127.0.0.1:8000/me/\n\n"
        "Not Another Co-production Festival\n"
    )
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    assert texts(HttpResponse(html), "td") == [
        "Mon 5 July 2027, 10:00–11:00 BST (Europe/London time)",
        "Hall, Museum of Science and Industry, Liverpool Road, Manchester M3 4FP",
        "Step-free entrance on Lower Byrom Street.",
        "Hearing loop.",
    ]
    assert f'<a href="{session_url}">' in html
    assert f'<a href="{stop}">' in html
    [(filename, content, mimetype)] = message.attachments
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert (filename, mimetype) == ("doing-it-together.ics", "text/calendar")
    assert (str(event["SUMMARY"]), event.decoded("DTSTART"), str(event["UID"])) == (
        "Doing it together",
        START,
        f"{setting.session.uid}@127.0.0.1",
    )
    parsed = message_from_bytes(message.message().as_bytes())
    assert [part.get_content_type() for part in parsed.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]


# Failures: attempts, last error, backoff, given up, shown to organisers


class RefusingBackend(LocmemBackend):
    """An SMTP server that has gone away."""

    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_failing_reminder_backs_off_then_is_marked_failed_and_shown_to_organisers(
    setting, clock, settings, client
):
    ana = person("ana@example.org", "last")
    book_place(user=ana, session=setting.session)
    settings.EMAIL_BACKEND = "tests.events.reminders.test_services.RefusingBackend"
    at = datetime(2027, 7, 5, 7, tzinfo=UTC)
    setting.festival.reminder_offsets = [180]
    Reminder.objects.filter(user=ana).update(due_at=at, kind="before:180")
    waits = []
    for _attempt in range(5):
        clock.move_to(at)
        scan_reminders()
        row = Reminder.objects.get(user=ana)
        waits.append(row.due_at - at)
        at = row.due_at
    again = scan_reminders()

    row = Reminder.objects.get(user=ana)
    assert waits == [timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 0)]
    assert (row.attempts, row.sent_at, row.failed_at, row.last_error) == (
        5,
        None,
        at,
        "SMTPServerDisconnected: Connection unexpectedly closed",
    )
    assert (again.sent, again.retrying, again.failed) == (0, 0, 0)
    client.force_login(setting.organiser)
    page = client.get(f"/organise/{setting.festival.slug}/")
    assert texts(page, "tr.failed-reminder") == [
        "Ana ana@example.org Doing it together 3 hours before 5 "
        "SMTPServerDisconnected: Connection unexpectedly closed Mon 5 Jul, 08:15"
    ]


# Settings on /me/ and the one-click link


def test_saving_only_the_last_reminder_on_my_programme_cancels_the_others(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    client = Client()
    client.force_login(ana)

    page = client.get("/me/")
    saved = client.post("/me/reminders/", {"reminders": "last", "change_notices": "on"})

    assert texts(page, "legend") == ["Email reminders before my sessions:"]
    assert texts(page, "label")[-4:] == [
        "All reminders",
        "Only the last reminder before a session",
        "No reminders",
        "Email me when a session I booked moves or is cancelled:",
    ]
    assert (saved.status_code, saved["Location"]) == (302, "/me/#reminders")
    assert ReminderSettings.objects.filter(user=ana).values_list(
        "reminders", "change_notices"
    ).get() == ("last", True)
    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE, False, True),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_the_stop_link_asks_first_and_a_get_changes_nothing(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")

    page = Client().get(f"/reminders/{stop_token(reminder)}/stop/")

    assert page.status_code == 200
    assert texts(page, "button") == [
        "Cancel my place on this session",
        "Stop all reminders before sessions",
    ]
    assert Attendance.objects.get(user=ana).status == AttendanceStatus.GOING
    assert ReminderSettings.objects.filter(user=ana).exists() is False


def test_the_stop_link_cancels_the_booking_with_no_login(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")

    page = Client(enforce_csrf_checks=False).post(
        f"/reminders/{stop_token(reminder)}/stop/", {"action": "cancel-booking"}
    )

    assert texts(page, "p.reminder-stop-done") == [
        "Your booking for “Doing it together” is cancelled. "
        "Thank you for letting someone else have it."
    ]
    assert Attendance.objects.get(user=ana).status == AttendanceStatus.CANCELLED
    assert [cancelled for *_rest, cancelled in rows(setting.session)] == [True, True]


def test_the_stop_link_stops_reminders(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")

    Client().post(f"/reminders/{stop_token(reminder)}/stop/", {"action": "stop-reminders"})

    assert ReminderSettings.objects.get(user=ana).reminders == "none"
    assert Attendance.objects.get(user=ana).status == AttendanceStatus.GOING
    assert [cancelled for *_rest, cancelled in rows(setting.session)] == [True, True]


def test_an_altered_stop_link_is_refused(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")
    token = stop_token(reminder)

    page = Client().post(f"/reminders/{token[:-2]}xx/stop/", {"action": "stop-reminders"})

    assert page.status_code == 404
    assert ReminderSettings.objects.filter(user=ana).exists() is False
