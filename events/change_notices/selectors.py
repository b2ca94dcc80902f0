"""Reads about change notices for pages."""

from datetime import datetime

from events.models import ChangeNotice
from events.models.reminder import NOTICE_WAITING
from festival.models import Festival
from festival.outbox.retries import troubled


def troubled_change_notices(*, festival: Festival, now: datetime, limit: int) -> list[ChangeNotice]:
    """Change notices about the festival's sessions given up on, or retrying, or overdue, for
    the organisers; the `limit` latest. One query."""
    return list(
        ChangeNotice.objects.filter(
            pk__in=ChangeNotice.objects.filter(changes__festival=festival).values("pk")
        )
        .filter(troubled(waiting=NOTICE_WAITING, now=now))
        .select_related("user")
        .order_by("-due_at", "pk")[:limit]
    )
