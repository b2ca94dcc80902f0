"""What a change notice says about each session (events/change_notices/presenters.py)."""

from datetime import timedelta

import pytest
from django.core import mail

from events.change_notices.scan import send_due_change_notices
from events.enums import AttendanceStatus, SessionStatus
from events.models import Attendance
from tests.events.change_notices.test_emails import calendar_events
from tests.events.change_notices.test_services import (
    WINDOW,
    at,
    change,
    going,
    move,
    person,
    waiting,
)

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"


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
