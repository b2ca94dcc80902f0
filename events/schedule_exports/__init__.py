"""Schedule exports in the frab/c3voc format that conference apps read (Giggity,
EventFahrplan, ConfClerk): schedule.xml and schedule.json, from one small base (`base`), its
reads in `selectors`, served by `views`."""

from .schedule_json import ScheduleJson
from .schedule_xml import ScheduleXml

__all__ = ["ScheduleJson", "ScheduleXml"]
