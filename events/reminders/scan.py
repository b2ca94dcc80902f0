"""The minute scan: claim a due reminder, send it, mark it sent, in one transaction; repeat.

Claims use `select_for_update(skip_locked=True)`, so any number of scans (two beats, many
workers) share the due rows without sending one twice: a row another scan holds is skipped,
and a row it has sent is no longer due when the lock is released.

Each reminder is claimed and committed in a transaction of its own rather than fifty at a
time: a worker killed mid-scan then rolls back only the one message in flight (which may go
twice: sent, not yet marked), where a batch transaction would resend every message of the
batch. The SMTP connection is kept open for the whole scan, so this costs one claim query
and one update per message, no more.

SMTP errors: the row keeps `attempts` and `last_error` and waits as `festival.outbox.retries`
says (`due_at` pushed back 1, 2, 4, 8 minutes…); after MAX_ATTEMPTS it is marked failed and
shown to the festival's organisers. Nothing is ever sent more than the scan allows: no ETA
tasks.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from time import monotonic

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from events.enums import AttendanceStatus, SessionStatus
from events.models import Reminder
from events.reminders.emails import CalendarFiles, reminder_message
from events.reminders.kinds import ATTENDEE_PREFIX, WRITE_UP_PROMPT
from events.reminders.services import plan_speaker_reminders
from festival.outbox.retries import record_failure

logger = logging.getLogger(__name__)

# Beat queues a scan every 60 s: one scan stops claiming before the next is due.
TIME_BUDGET_SECONDS = 50.0


@dataclass
class ScanResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    dropped: int = 0


def claim_due_reminder(*, now: datetime) -> Reminder | None:
    """Lock the next due reminder no other scan holds (inside the caller's transaction).

    Ordered by `due_at` alone, which the partial index reminder_waiting_due gives in order:
    PostgreSQL walks it and stops at the first row it can lock. Adding `pk` as a tie-break
    (the model's default ordering) cannot come from that index, so every claim fetched,
    joined and sorted *all* due rows: O(due) per claim, O(due²) per scan (10,000 due
    reminders: tens of ms per claim, ~24 messages/s). Rows due at the same instant go in
    index order instead of pk order; nothing depends on that order.
    """
    return claim_query(now=now).first()


def claim_query(*, now: datetime):
    """The claim's queryset (bench/reminders.py EXPLAINs this very query)."""
    return (
        Reminder.objects.due(now=now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("user", "session__festival", "session__room__venue", "attendance")
        .order_by("due_at")
    )


def is_stale(reminder: Reminder, *, now: datetime) -> bool:
    """Too late or no longer true: planning cancels these, this catches what slipped by (a
    worker down for hours must not remind people of a session that has begun)."""
    session = reminder.session
    if session.status == SessionStatus.CANCELLED:
        return True
    if reminder.kind == WRITE_UP_PROMPT:
        return False
    if session.start <= now:
        return True
    attendance = reminder.attendance
    return reminder.kind.startswith(ATTENDEE_PREFIX) and (
        attendance is None or attendance.status != AttendanceStatus.GOING
    )


def scan_reminders(
    *,
    now: Callable[[], datetime] = timezone.now,
    time_budget: float = TIME_BUDGET_SECONDS,
    limit: int | None = None,
) -> ScanResult:
    """Plan speakers' rows, then send due reminders until none is left, `time_budget` seconds
    have passed or `limit` were handled. `now` is the clock (tests pass a fixed one)."""
    plan_speaker_reminders(now=now())
    result = ScanResult()
    calendars = CalendarFiles()
    deadline = monotonic() + time_budget
    handled = 0
    with get_connection() as connection:
        while monotonic() < deadline and (limit is None or handled < limit):
            with transaction.atomic():
                at = now()
                reminder = claim_due_reminder(now=at)
                if reminder is None:
                    break
                handle(reminder, now=at, connection=connection, calendars=calendars, result=result)
            handled += 1
    if handled:
        logger.info("Reminder scan: %s", result)
    return result


def handle(reminder: Reminder, *, now: datetime, connection, calendars, result) -> None:
    if is_stale(reminder, now=now):
        reminder.cancelled_at = now
        reminder.save(update_fields=["cancelled_at"])
        result.dropped += 1
        return
    try:
        # A savepoint: the .ics is read from the database, and a failure there must not
        # break the transaction that records it.
        with transaction.atomic():
            message = reminder_message(reminder, calendars=calendars)
        # Opens again after a failure closed it; otherwise keeps the scan's one connection.
        connection.open()
        connection.send_messages([message])
    except Exception as error:  # whatever it was, the row must say so
        connection.close()
        if record_failure(reminder, error=error, now=now):
            result.failed += 1
        else:
            result.retrying += 1
        return
    reminder.sent_at = now
    reminder.attempts += 1
    reminder.save(update_fields=["sent_at", "attempts"])
    result.sent += 1
