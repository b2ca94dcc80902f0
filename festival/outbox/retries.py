"""How every mail row (outbox messages, reminders, change notices) retries a message SMTP
refused: the row waits 1, 2, 4, 8 … minutes, at most LONGEST_RETRY_DELAY, and is marked failed
at MAX_ATTEMPTS.

The delay stays far below Redis's visibility timeout, and no Celery countdown is involved:
the row's `due_at` moves and the next scan picks it up.
"""

import logging
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q

logger = logging.getLogger(__name__)

# After this many failed attempts the row is marked failed, left alone and shown to the
# festival's organisers.
MAX_ATTEMPTS = 5
LONGEST_RETRY_DELAY = timedelta(minutes=30)
# A row still owed this long after it fell due is stuck: the sender or SMTP is not keeping
# up, and organisers should know before the people waiting for it ask.
STUCK_AFTER = timedelta(minutes=10)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4, 8 … minutes, at most
    LONGEST_RETRY_DELAY."""
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_RETRY_DELAY)


def record_failure(row: models.Model, *, error: Exception, now: datetime) -> bool:
    """Count a failed attempt on a mail row (fields attempts, last_error, due_at, failed_at) and
    save it: due again after `retry_delay`, or failed for good at MAX_ATTEMPTS.

    Returns True when the row has failed for good.
    """
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:1000]
    failed = row.attempts >= MAX_ATTEMPTS
    if failed:
        row.failed_at = now
        logger.warning("%s %s failed for good: %s", type(row).__name__, row.pk, row.last_error)
    else:
        row.due_at = now + retry_delay(row.attempts)
    row.save(update_fields=["attempts", "last_error", "failed_at", "due_at"])
    return failed


def troubled(*, waiting: Q, now: datetime) -> Q:
    """The rows organisers should hear about, for any mail model: failed for good, or still
    `waiting` (the model's own test for "not sent yet") but retrying or overdue by STUCK_AFTER.
    """
    stuck = Q(attempts__gt=0) | Q(due_at__lte=now - STUCK_AFTER)
    return Q(failed_at__isnull=False) | (waiting & stuck)
