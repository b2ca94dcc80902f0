"""schedule.json: the frab/c3voc schedule as JSON, valid against the c3voc schema (draft-06,
in ../shared/schemas/frab/schema.json)."""

import json

from events.schedule_exports.base import GENERATOR, TIMESLOT_DURATION, ScheduleExport
from events.schedule_exports.base import ScheduleDocument as Document

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"


class ScheduleJson(ScheduleExport):
    content_type = "application/json"
    filename = "schedule.json"
    url_name = "festival-schedule-json"

    def render(self, document: Document) -> bytes:
        schedule = {
            "url": document.url,
            "version": document.version,
            "base_url": document.base_url,
            "conference": self.conference(document),
        }
        return json.dumps(
            {"$schema": SCHEMA_URL, "generator": {"name": GENERATOR}, "schedule": schedule},
            ensure_ascii=False,
        ).encode()

    def conference(self, document: Document) -> dict:
        festival = document.festival
        return {
            "acronym": document.acronym,
            "title": festival.name,
            "start": document.days[0].date.isoformat(),
            "end": document.days[-1].date.isoformat(),
            "daysCount": len(document.days),
            "timeslot_duration": TIMESLOT_DURATION,
            "time_zone_name": festival.timezone,
            "url": document.festival_url,
            "rooms": [
                {"name": room.name, "guid": self.room_guid(room), "capacity": room.capacity}
                for room in document.rooms
            ],
            "tracks": [{"name": track} for track in document.tracks],
            "days": [
                {
                    "index": day.index,
                    "date": day.date.isoformat(),
                    "day_start": day.start.isoformat(timespec="seconds"),
                    "day_end": day.end.isoformat(timespec="seconds"),
                    "rooms": {room.name: events for room, events in day.rooms},
                }
                for day in document.days
            ],
        }
