"""Owing a message: the row first, in the caller's transaction; the sender is woken on commit."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from time import monotonic

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from config.celery import app
from festival.models import OutboxMessage
from festival.outbox.kinds import renderer_for

logger = logging.getLogger(__name__)

# The task that sends due messages: queued on commit to send at once, and by beat every minute.
SENDER_TASK = "festival.send_outbox"
# After a failed kick, this process stops kicking for this long: with the broker down every
# attempt would cost the timeout again, and the minute scan sends the rows anyway.
KICK_PAUSE_SECONDS = 30.0
_kick_failed_at: float | None = None


@dataclass(frozen=True)
class Message:
    """A message to owe. `dedupe_key` names it: the same key is never owed twice."""

    kind: str
    dedupe_key: str
    recipient: str
    payload: dict = field(default_factory=dict)
    festival_id: int | None = None


def owe_message(message: Message, *, due_at: datetime | None = None) -> None:
    """Owe one message; see owe_messages."""
    owe_messages([message], due_at=due_at)


def owe_messages(messages: Iterable[Message], *, due_at: datetime | None = None) -> None:
    """Write a row for each message, due at `due_at` (default: now), in the caller's
    transaction, and wake the sender once it commits.

    Side effects: OutboxMessage rows; a message whose dedupe key is owed or sent already is
    skipped (the database's unique constraint decides, so two requests at once cannot both
    owe it); on commit, one attempt to queue the sender task, which never raises into the
    request (a broker that is down leaves the rows to the minute scan). Raises
    UnknownMessageKind for a kind no app registered, writing nothing.
    """
    due_at = due_at or timezone.now()
    rows = []
    for message in messages:
        renderer_for(message.kind)  # a kind nobody can render would wait forever: fail now
        rows.append(
            OutboxMessage(
                kind=message.kind,
                dedupe_key=message.dedupe_key,
                recipient=message.recipient,
                payload=message.payload,
                festival_id=message.festival_id,
                due_at=due_at,
            )
        )
    if not rows:
        return
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    # One kick per call: a publish that gives fifty people places kicks fifty times, about a
    # millisecond each with the broker up, and once in all with it down (the pause below).
    transaction.on_commit(wake_sender)


def wake_sender() -> None:
    """Queue the sender now, so mail leaves within seconds; never raise.

    One try to reach the broker (kombu would otherwise retry the connection for seconds inside
    somebody's request, whatever `retry` says), and after a failure this process leaves the
    broker alone for KICK_PAUSE_SECONDS. The rows are safe either way: beat's minute scan
    sends them once the broker is back.
    """
    global _kick_failed_at
    if _kick_failed_at is not None and monotonic() - _kick_failed_at < KICK_PAUSE_SECONDS:
        return
    try:
        with app.producer_pool.acquire(block=True) as producer:
            # Before publishing, kombu reconnects with its own retry loop (about 6 s against a
            # closed port), whatever `retry` says: connect once here, so it need not.
            producer.connection.ensure_connection(max_retries=0)
            app.tasks[SENDER_TASK].apply_async(producer=producer, retry=False)
    except Exception:
        _kick_failed_at = monotonic()
        logger.warning(
            "Could not queue the outbox sender; the minute scan will send what is owed.",
            exc_info=True,
        )
    else:
        _kick_failed_at = None


@transaction.atomic
def retry_messages(messages: QuerySet[OutboxMessage]) -> int:
    """Put the unsent messages among `messages` back in line, due now with a clean slate (the
    cause, an address or the mail server, having been fixed), and wake the sender. Returns how
    many. Sent and cancelled messages are left as they are."""
    retried = messages.filter(sent_at__isnull=True, cancelled_at__isnull=True).update(
        failed_at=None, attempts=0, last_error="", due_at=timezone.now()
    )
    transaction.on_commit(wake_sender)
    return retried
