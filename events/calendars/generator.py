"""The feed generator behind the calendar feeds: django-ical's `ICal20Feed`, written as text.

It takes the same item fields as django-ical's generator (the keyword names of
`SyndicationFeed.add_item` plus django-ical's extras) and writes RFC 5545 text directly,
with what django-ical 1.9.2 leaves out or gets wrong put right: SEQUENCE (0 included), CLASS,
DTSTART/DTEND with TZID and a VTIMEZONE for every TZID used, DTSTAMP and LAST-MODIFIED in
UTC, no empty properties (no bare `CATEGORIES:`), and the calendar's NAME and
REFRESH-INTERVAL beside X-WR-CALNAME and X-PUBLISHED-TTL, and the ORGANIZER that a PUBLISH
calendar's every event needs (RFC 5546, 3.2.1).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.feedgenerator import SyndicationFeed

from events.calendars.text import (
    CRLF,
    fold,
    local_stamp,
    text_line,
    text_list_line,
    utc_stamp,
)
from events.calendars.timezones import vtimezone

MIME_TYPE = "text/calendar; charset=utf-8"
# A quoted parameter value holds any character but DQUOTE and controls (RFC 5545, 3.1).
_NOT_IN_QUOTED_PARAMETER = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"]')


@dataclass(frozen=True)
class Organizer:
    """An ORGANIZER: a name (CN) and an email address (the mailto: value)."""

    name: str
    email: str

    def line(self) -> str:
        name = _NOT_IN_QUOTED_PARAMETER.sub(
            lambda match: "'" if match.group() == '"' else " ", self.name
        )
        return fold(f'ORGANIZER;CN="{name}":mailto:{self.email}')


class ICalendarText(SyndicationFeed):
    """An iCalendar stream: VCALENDAR, one VTIMEZONE per TZID, then the events in order.

    `add_item()` renders an event at once; `add_rendered()` adds one rendered earlier (the
    feeds keep the text of unchanged events between builds). Either way the event's zone
    and years are noted, so that `write()` can give each TZID a VTIMEZONE covering them.
    """

    content_type = mime_type = MIME_TYPE

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.events: list[str] = []
        self.zone_years: dict[str, tuple[int, int]] = {}
        calendar_zone = self.feed.get("timezone")
        if calendar_zone:
            # An empty calendar still names its zone, and has one component to be valid.
            years = self.feed.get("timezone_years") or (2000, 2000)
            self.zone_years[calendar_zone] = years

    def add_item(self, title, link, description, **kwargs) -> None:
        fields = {"title": title, "link": link, "description": description, **kwargs}
        self.add_rendered(
            self.render_event(fields),
            tzid=fields.get("timezone"),
            start=fields["start_datetime"],
            end=fields["end_datetime"],
        )

    def add_rendered(self, text: str, *, tzid: str | None, start: datetime, end: datetime) -> None:
        self.events.append(text)
        if tzid:
            first, last = self.zone_years.get(tzid, (start.year, end.year))
            self.zone_years[tzid] = (min(first, start.year), max(last, end.year))

    def num_items(self) -> int:
        return len(self.events)

    def render_event(self, fields: Mapping) -> str:
        """One VEVENT, CRLF after every line; empty values are left out, SEQUENCE:0 is not."""
        tzid = fields.get("timezone")
        lines = [
            "BEGIN:VEVENT",
            fold(f"UID:{fields['unique_id']}"),
            f"DTSTAMP:{utc_stamp(fields['timestamp'])}",
            date_time_line("DTSTART", fields["start_datetime"], tzid),
            date_time_line("DTEND", fields["end_datetime"], tzid),
        ]
        if fields.get("updateddate"):
            lines.append(f"LAST-MODIFIED:{utc_stamp(fields['updateddate'])}")
        if fields.get("created"):
            lines.append(f"CREATED:{utc_stamp(fields['created'])}")
        if fields.get("sequence") is not None:
            lines.append(f"SEQUENCE:{int(fields['sequence'])}")
        if fields.get("organizer"):
            lines.append(fields["organizer"].line())
        for name, key in TEXT_PROPERTIES:
            if fields.get(key):
                lines.append(text_line(name, str(fields[key])))
        if fields.get("link"):
            lines.append(fold(f"URL:{fields['link']}"))
        categories = [str(category) for category in fields.get("categories") or () if category]
        if categories:
            lines.append(text_list_line("CATEGORIES", categories))
        for name, key in KEYWORD_PROPERTIES:
            if fields.get(key):
                lines.append(f"{name}:{fields[key]}")
        text = CRLF.join(lines) + CRLF
        for alarm in fields.get("valarm") or ():
            text += alarm.to_ical().decode()
        return text + "END:VEVENT" + CRLF

    def write(self, outfile, encoding: str) -> None:
        outfile.write(self.text().encode(encoding))

    def writeString(self, encoding: str) -> str:
        return self.text()

    def text(self) -> str:
        feed = self.feed
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            fold(f"PRODID:{feed.get('product_id') or '-//Convene//Calendar feeds//EN'}"),
            "CALSCALE:GREGORIAN",
            f"METHOD:{feed.get('method') or 'PUBLISH'}",
        ]
        if feed.get("title"):
            lines += [text_line("NAME", feed["title"]), text_line("X-WR-CALNAME", feed["title"])]
        if feed.get("description"):
            lines += [
                text_line("DESCRIPTION", feed["description"]),
                text_line("X-WR-CALDESC", feed["description"]),
            ]
        if feed.get("timezone"):
            lines.append(f"X-WR-TIMEZONE:{feed['timezone']}")
        if feed.get("ttl"):
            lines += [
                f"REFRESH-INTERVAL;VALUE=DURATION:{feed['ttl']}",
                f"X-PUBLISHED-TTL:{feed['ttl']}",
            ]
        head = CRLF.join(lines) + CRLF
        zones = "".join(
            vtimezone(tzid, first, last) for tzid, (first, last) in sorted(self.zone_years.items())
        )
        return head + zones + "".join(self.events) + "END:VCALENDAR" + CRLF

    def latest_post_date(self) -> datetime:
        raise NotImplementedError("Calendar feeds take Last-Modified from the programme stamp.")


# Properties written as TEXT when the item has a value, in this order.
TEXT_PROPERTIES = (
    ("SUMMARY", "title"),
    ("LOCATION", "location"),
    ("DESCRIPTION", "description"),
)
# Properties whose values are keywords, written as they are.
KEYWORD_PROPERTIES = (
    ("CLASS", "class"),
    ("STATUS", "status"),
    ("TRANSP", "transparency"),
)


def date_time_line(name: str, moment: datetime, tzid: str | None) -> str:
    """DTSTART/DTEND: wall-clock time with TZID when the item names a zone, else UTC (and
    UTC for a wall-clock time that the zone passes twice).

    Never floating: a naive datetime is a programming error here, not a time to guess at.
    """
    if moment.tzinfo is None:
        raise ValueError(f"{name} {moment} has no time zone: calendar times must be aware.")
    if tzid:
        local = moment.astimezone(ZoneInfo(tzid))
        # In the hour the clocks go back, a wall-clock time happens twice and parsers take
        # the first: give the instant in UTC instead.
        if local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset():
            return f"{name};TZID={tzid}:{local_stamp(local)}"
    return f"{name}:{utc_stamp(moment)}"
