"""The sender: claim a due message, render it, send it, mark it sent, in one transaction;
repeat until none is due.

Claims use `select_for_update(skip_locked=True)`, so any number of senders (the kick queued on
commit, beat's minute scan, several workers) share the due rows without sending one twice: a
row another sender holds is skipped, and a row it has sent is no longer due once it commits.

One message per transaction, as the reminder scan does: a worker killed mid-send rolls back
only the message in flight (which may then go twice: sent, not yet marked), where a batch
would resend the whole batch. The SMTP connection stays open for the whole run.
"""

import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from time import monotonic

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from festival.models import OutboxMessage
from festival.outbox.kinds import renderer_for
from festival.outbox.retries import record_failure

logger = logging.getLogger(__name__)

# Beat queues a run every 60 s: one run stops claiming before the next is due.
TIME_BUDGET_SECONDS = 50.0


@dataclass
class SendResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    dropped: int = 0


def claim_query(*, now: datetime):
    """The claim: the next due row no other sender holds, read in the partial index's order
    (`due_at` alone, so PostgreSQL stops at the first free row instead of sorting them all)."""
    return (
        OutboxMessage.objects.due(now=now)
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("due_at")
    )


def send_due_messages(
    *,
    now: Callable[[], datetime] = timezone.now,
    time_budget: float = TIME_BUDGET_SECONDS,
    limit: int | None = None,
) -> SendResult:
    """Send due messages until none is left, `time_budget` seconds have passed or `limit` were
    handled. `now` is the clock (tests pass a fixed one).

    Side effects, per message, in the transaction that claimed it: the email and `sent_at`;
    or `cancelled_at` when its renderer has nothing left to say; or, when rendering or SMTP
    failed, `attempts` +1 and `last_error`, due again after the shared backoff, failed for
    good at the fifth attempt.
    """
    result = SendResult()
    if not OutboxMessage.objects.due(now=now()).exists():
        # Most kicks find nothing due (another sender got there first): no SMTP handshake.
        return result
    deadline = monotonic() + time_budget
    handled = 0
    connection = get_connection()
    try:
        # Opened before any row is claimed: a mail server that is down costs no row an
        # attempt (five would give it up for good), and everything waits for it instead.
        connection.open()
    except Exception as error:
        waiting = OutboxMessage.objects.waiting().count()
        logger.warning("Outbox: mail server unreachable (%s); %s messages waiting.", error, waiting)
        return result
    try:
        while monotonic() < deadline and (limit is None or handled < limit):
            with transaction.atomic():
                at = now()
                message = claim_query(now=at).first()
                if message is None:
                    break
                send_claimed(message, now=at, connection=connection, result=result)
            handled += 1
    finally:
        with suppress(Exception):  # the messages are marked already; a failed QUIT changes nothing
            connection.close()
    if handled:
        logger.info("Outbox: %s", result)
    return result


def send_claimed(message: OutboxMessage, *, now: datetime, connection, result: SendResult) -> None:
    try:
        # A savepoint: rendering reads the database, and a failure there must not break the
        # transaction that records it.
        with transaction.atomic():
            email = renderer_for(message.kind)(message)
        if email is not None:
            # Opens again after a failure closed it; otherwise keeps the run's one connection.
            connection.open()
            email.connection = connection
            email.send()
    except Exception as error:  # whatever it was, the row must say so
        with suppress(Exception):  # a server gone mid-send fails its QUIT too
            connection.close()
        if record_failure(message, error=error, now=now):
            result.failed += 1
        else:
            result.retrying += 1
        return
    message.attempts += 1
    if email is None:
        message.cancelled_at = now
        result.dropped += 1
    else:
        message.sent_at = now
        result.sent += 1
    message.save(update_fields=["attempts", "sent_at", "cancelled_at"])
