"""Reads of the outbox: what is waiting, and what organisers should look at."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from festival.models import Festival, OutboxMessage

# A message still owed this long after it fell due is stuck: the sender or SMTP is not keeping
# up, and an organiser should know before the people waiting for it ask.
STUCK_AFTER = timedelta(minutes=10)


def waiting_count() -> int:
    return OutboxMessage.objects.waiting().count()


def troubled_messages(*, festival: Festival, now: datetime) -> QuerySet[OutboxMessage]:
    """The festival's messages that failed for good, or are owed and overdue or retrying,
    newest first."""
    overdue = Q(due_at__lte=now - STUCK_AFTER) | Q(attempts__gt=0)
    return (
        OutboxMessage.objects.filter(festival=festival)
        .filter(
            Q(failed_at__isnull=False)
            | (Q(sent_at__isnull=True, cancelled_at__isnull=True) & overdue)
        )
        .order_by("-created_at", "-pk")
    )
