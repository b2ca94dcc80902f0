"""Reads about change notices for pages."""

from datetime import datetime

from django.db.models import Q

from events.models import ChangeNotice
from festival.models import Festival
from festival.outbox.retries import troubled

WAITING = Q(sent_at__isnull=True, failed_at__isnull=True)


def troubled_change_notices(*, festival: Festival, now: datetime, limit: int) -> list[ChangeNotice]:
    """Change notices about the festival's sessions given up on, or retrying, or overdue, for
    the organisers; the `limit` latest. One query."""
    return list(
        ChangeNotice.objects.filter(
            pk__in=ChangeNotice.objects.filter(changes__festival=festival).values("pk")
        )
        .filter(troubled(waiting=WAITING, now=now))
        .select_related("user")
        .order_by("-due_at", "pk")[:limit]
    )
