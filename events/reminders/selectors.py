"""Reads about reminders for pages."""

from events.models import Reminder
from events.reminders.kinds import kind_label
from festival.models import Festival


def failed_reminders(*, festival: Festival) -> list[Reminder]:
    """Reminders given up on after their last attempt, newest first, for the organisers;
    each with `label`, its kind in words. One query."""
    rows = list(
        Reminder.objects.filter(session__festival=festival, failed_at__isnull=False)
        .select_related("user", "session")
        .order_by("-failed_at", "pk")
    )
    for row in rows:
        row.label = kind_label(row.kind)
    return rows
