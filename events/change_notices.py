"""Debounced change notices: one email per person summing up a few minutes of changes.
(Being written.)"""

from collections.abc import Sequence

from events.models import ScheduleChange


def collect_change_notices(*, changes: Sequence[ScheduleChange]) -> None:
    """Add each change to the open notice of every person booked or waiting on its session."""
