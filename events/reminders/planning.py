"""Reminder rows follow bookings and sessions. (Being written.)"""

from collections.abc import Iterable

from events.models import Attendance, Session


def plan_attendance_reminders(*, attendance: Attendance) -> None:
    """Create the reminders a new place (or a promotion) needs."""


def cancel_attendance_reminders(*, attendance: Attendance) -> None:
    """Cancel the unsent reminders of a cancelled booking."""


def reschedule_session_reminders(*, sessions: Iterable[Session]) -> None:
    """Recompute the unsent reminders of moved sessions; cancel those of cancelled ones."""
