"""The change notice scan (events/change_notices/scan.py): due notices sent once, or retried."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from events.change_notices.scan import send_due_change_notices
from events.enums import AttendanceStatus
from events.models import ChangeNotice, ReminderSettings
from events.tasks import scan_change_notices
from tests.events.change_notices.test_services import (
    NOW,
    WINDOW,
    at,
    going,
    move,
    open_notices,
    person,
)

pytestmark = pytest.mark.django_db


def sent() -> list[tuple[list[str], str]]:
    return [(message.to, message.subject) for message in mail.outbox]


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
