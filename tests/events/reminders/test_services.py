"""Reminder rows planned with bookings and sessions (events/reminders/services.py).

The festival is on Mon 5 July 2027 (London, BST); the session runs 10:00-11:00 local
(09:00-10:00 UTC), and the festival's offsets are a day and an hour before.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from events.bookings.services import book_place, cancel_booking
from events.enums import SessionStatus
from events.models import Reminder, ReminderSettings, Session
from events.programme.services import SessionTimes, record_session_change
from events.reminders.scan import scan_reminders
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


def rows(session: Session) -> list[tuple[str, str, datetime, bool, bool]]:
    """(email, kind, due_at, sent, cancelled) of every reminder of the session."""
    return [
        (r.user.email, r.kind, r.due_at, r.sent_at is not None, r.cancelled_at is not None)
        for r in Reminder.objects.filter(session=session)
        .select_related("user")
        .order_by("user__email", "kind")
    ]


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


# Speakers


def speaker_setting(clock) -> tuple[Setting, User]:
    setting = make_setting()
    speaker_user = person("mel@example.org")
    speaker = SpeakerFactory(festival=setting.festival, name="Mel Parks", user=speaker_user)
    setting.session.speakers.add(speaker)
    # Within two days of the first reminder: the minute scan plans speakers' rows from here.
    clock.move_to(datetime(2027, 7, 3, 12, tzinfo=LONDON))
    return setting, speaker_user


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
