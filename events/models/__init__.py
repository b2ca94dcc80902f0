from .event import Event
from .schedule_change import ScheduleChange
from .session import Session

__all__ = ["Event", "ScheduleChange", "Session"]
