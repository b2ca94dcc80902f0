"""The minute reminder scan (events/reminders/scan.py): what is due goes once; failures back off."""

from datetime import UTC, datetime, timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction

from events.bookings.services import book_place
from events.models import Reminder
from events.reminders.scan import claim_query, scan_reminders
from events.tasks import scan_reminders as scan_reminders_task
from tests.events.reminders.test_services import (
    DAY_BEFORE,
    END,
    HOUR_BEFORE,
    START,
    person,
    rows,
    speaker_setting,
)
from tests.html import texts

pytestmark = pytest.mark.django_db


def sent_to() -> list[tuple[str, str]]:
    return [(message.to[0], message.subject) for message in mail.outbox]


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
    settings.EMAIL_BACKEND = "tests.events.reminders.test_scan.RefusingBackend"
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
    assert texts(page, "tr.undelivered-row") == [
        "Ana ana@example.org 3 hours before Doing it together 5 "
        "SMTPServerDisconnected: Connection unexpectedly closed Gave up Mon 5 Jul, 08:15",
        # Her booking confirmation too: no sender ran in this test, so it is long overdue.
        "ana@example.org ana@example.org Booking confirmation — 0 — Owed since Thu 1 Jul, 12:00",
    ]
