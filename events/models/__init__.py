from .attendance import Attendance
from .calendar_token import CalendarToken
from .event import Event
from .schedule_change import ScheduleChange
from .session import Session
from .writeup import WriteUp, WriteUpNotice, WriteUpOptOut

__all__ = [
    "Attendance",
    "CalendarToken",
    "Event",
    "ScheduleChange",
    "Session",
    "WriteUp",
    "WriteUpNotice",
    "WriteUpOptOut",
]
