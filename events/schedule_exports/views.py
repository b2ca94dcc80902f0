"""frab/c3voc schedule exports for conference apps: /festivals/<festival>/schedule.xml and
schedule.json. Each export is its own view (see events/schedule_exports/base.py): it answers
If-None-Match and If-Modified-Since from the festival's programme stamp without building, and
an unpublished festival is a 404 except to its organisers."""

from events.schedule_exports import ScheduleJson, ScheduleXml

schedule_xml = ScheduleXml()
schedule_json = ScheduleJson()
