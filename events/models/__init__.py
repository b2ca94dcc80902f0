from .attendance import Attendance
from .calendar_token import CalendarToken
from .event import Event
from .pending_change import PendingChange
from .reminder import ChangeNotice, Reminder, ReminderSettings
from .schedule_change import ScheduleChange
from .session import Session
from .writeup import WriteUp, WriteUpOptOut

__all__ = [
    "Attendance",
    "CalendarToken",
    "ChangeNotice",
    "Event",
    "PendingChange",
    "Reminder",
    "ReminderSettings",
    "ScheduleChange",
    "Session",
    "WriteUp",
    "WriteUpOptOut",
]
