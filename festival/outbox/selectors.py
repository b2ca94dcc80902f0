"""Reads of the outbox: what is waiting, and what organisers should look at."""

from datetime import datetime

from django.db.models import QuerySet

from festival.models import Festival, OutboxMessage
from festival.models.outbox_message import WAITING
from festival.outbox.retries import troubled


def waiting_count() -> int:
    return OutboxMessage.objects.waiting().count()


def troubled_messages(*, festival: Festival, now: datetime) -> QuerySet[OutboxMessage]:
    """The festival's messages that failed for good, or are owed and overdue or retrying,
    newest first."""
    return (
        OutboxMessage.objects.filter(festival=festival)
        .filter(troubled(waiting=WAITING, now=now))
        .order_by("-due_at", "-pk")
    )
