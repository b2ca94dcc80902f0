"""Reads about reminders for pages."""

from datetime import datetime

from events.models import Reminder
from events.models.reminder import REMINDER_WAITING
from events.reminders.kinds import kind_label
from festival.models import Festival
from festival.outbox.retries import troubled


def troubled_reminders(*, festival: Festival, now: datetime, limit: int) -> list[Reminder]:
    """The festival's reminders given up on, or retrying, or overdue, for the organisers;
    each with `label`, its kind in words; the `limit` latest. One query."""
    rows = list(
        Reminder.objects.filter(session__festival=festival)
        .filter(troubled(waiting=REMINDER_WAITING, now=now))
        .select_related("user", "session")
        .order_by("-due_at", "pk")[:limit]
    )
    for row in rows:
        row.label = kind_label(row.kind)
    return rows
