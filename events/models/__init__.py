from .attendance import Attendance
from .event import Event
from .schedule_change import ScheduleChange
from .session import Session

__all__ = ["Attendance", "Event", "ScheduleChange", "Session"]
