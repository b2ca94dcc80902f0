"""schedule.xml: the frab/c3voc schedule as XML (schemas in ../shared/schemas/frab/).

Written with the standard library's ElementTree: lxml is only needed to validate it, in tests.
"""

import re
from xml.etree.ElementTree import Element, SubElement, tostring

from events.schedule_exports.base import GENERATOR, TIMESLOT_DURATION, ScheduleExport
from events.schedule_exports.base import ScheduleDocument as Document

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# Characters XML 1.0 forbids, which ElementTree writes as they are: a description pasted from
# a word processor can carry one, and one is enough to make an app reject the whole file.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# An event's elements, in the order frab and pretalx write them (the schema takes any order).
EVENT_ELEMENTS = (
    "date", "start", "duration", "room", "slug", "url", "title", "subtitle", "track", "type",
    "language", "abstract", "description",
)  # fmt: skip


class ScheduleXml(ScheduleExport):
    content_type = "application/xml; charset=utf-8"
    filename = "schedule.xml"
    url_name = "festival-schedule-xml"

    def render(self, document: Document) -> bytes:
        root = Element("schedule")
        SubElement(root, "generator", name=GENERATOR)
        _add_text(root, "url", document.url)
        _add_text(root, "version", document.version)
        root.append(self.conference(document))
        for day in document.days:
            day_element = SubElement(
                root,
                "day",
                index=str(day.index),
                date=day.date.isoformat(),
                start=day.start.isoformat(timespec="seconds"),
                end=day.end.isoformat(timespec="seconds"),
            )
            for room, events in day.rooms:
                room_element = SubElement(
                    day_element, "room", name=room.name, guid=self.room_guid(room)
                )
                for event in events:
                    _add_event(room_element, event)
        text = XML_DECLARATION + tostring(root, encoding="unicode")
        return NOT_IN_XML.sub("", text).encode()

    def conference(self, document: Document) -> Element:
        festival = document.festival
        conference = Element("conference")
        for tag, value in (
            ("acronym", document.acronym),
            ("title", festival.name),
            ("start", document.days[0].date.isoformat()),
            ("end", document.days[-1].date.isoformat()),
            ("days", str(len(document.days))),
            ("timeslot_duration", TIMESLOT_DURATION),
            ("base_url", document.base_url),
            ("url", document.festival_url),
            ("time_zone_name", festival.timezone),
        ):
            _add_text(conference, tag, value)
        for track in document.tracks:
            SubElement(conference, "track", name=track)
        return conference


def _add_event(room: Element, event: dict) -> None:
    element = SubElement(room, "event", guid=event["guid"], id=str(event["id"]))
    for tag in EVENT_ELEMENTS:
        _add_text(element, tag, event[tag])
    persons = SubElement(element, "persons")
    for person in event["persons"]:
        _add_text(persons, "person", person["public_name"]).set("id", str(person["id"]))
    SubElement(element, "links")


def _add_text(parent: Element, tag: str, text: str) -> Element:
    element = SubElement(parent, tag)
    element.text = text
    return element
