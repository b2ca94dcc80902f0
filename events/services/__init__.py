"""Writes that touch several rows, send mail or queue tasks (see STYLE.md).

`schedule`: changes to the programme that calendars and attendees must hear about.
`booking`: places, waitlists and check-in.
`writeups`: speakers' write-ups of their sessions, and who is emailed about them.
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
from events.services.writeups import (
    WriteUpContent,
    WriteUpError,
    create_writeup,
    publish_writeup,
    set_writeup_emails,
    update_writeup,
)

__all__ = [
    "BookingError",
    "BookingOutcome",
    "SessionTimes",
    "WriteUpContent",
    "WriteUpError",
    "book_place",
    "cancel_booking",
    "change_capacity",
    "change_kind",
    "check_in",
    "create_writeup",
    "promote_from_waitlist",
    "publish_writeup",
    "record_session_added",
    "record_session_change",
    "record_session_changes",
    "record_sessions_added",
    "set_writeup_emails",
    "undo_check_in",
    "update_writeup",
]
