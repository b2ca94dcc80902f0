"""Writes that touch several rows, send mail or queue tasks (see STYLE.md).

`schedule`: changes to the programme that calendars and attendees must hear about.
`booking`: places, waitlists and check-in.
"""

from events.services.booking import (
    BookingError,
    BookingOutcome,
    book_place,
    cancel_booking,
    change_capacity,
    check_in,
    promote_from_waitlist,
    undo_check_in,
)
from events.services.schedule import (
    SessionTimes,
    change_kind,
    record_session_added,
    record_session_change,
    record_session_changes,
    record_sessions_added,
)

__all__ = [
    "BookingError",
    "BookingOutcome",
    "SessionTimes",
    "book_place",
    "cancel_booking",
    "change_capacity",
    "change_kind",
    "check_in",
    "promote_from_waitlist",
    "record_session_added",
    "record_session_change",
    "record_session_changes",
    "record_sessions_added",
    "undo_check_in",
]
