"""RFC 5546 (iTIP), 3.2.1: the restriction table for METHOD:PUBLISH, as a checker.

`publish_problems(text)` reads a calendar with icalendar and lists, in words, every way it
breaks the table: a property the table requires missing or repeated, one it forbids present,
one it allows once present twice, a component PUBLISH may not carry, a TZID without its
VTIMEZONE. An empty list means the calendar is a valid PUBLISH.
"""

from collections import Counter

from icalendar import Calendar

# VCALENDAR: property -> (fewest, most); None is "any number".
CALENDAR_PROPERTIES = {"METHOD": (1, 1), "PRODID": (1, 1), "VERSION": (1, 1), "CALSCALE": (0, 1)}
# VEVENT in a PUBLISH, RFC 5546 p. 22-23.
EVENT_PROPERTIES = {
    "DTSTAMP": (1, 1),
    "DTSTART": (1, 1),
    "ORGANIZER": (1, 1),
    "SUMMARY": (1, 1),
    "UID": (1, 1),
    "RECURRENCE-ID": (0, 1),
    "SEQUENCE": (0, 1),
    "ATTACH": (0, None),
    "CATEGORIES": (0, None),
    "CLASS": (0, 1),
    "COMMENT": (0, None),
    "CONTACT": (0, 1),
    "CREATED": (0, 1),
    "DESCRIPTION": (0, 1),
    "DTEND": (0, 1),
    "DURATION": (0, 1),
    "EXDATE": (0, None),
    "EXRULE": (0, None),
    "GEO": (0, 1),
    "LAST-MODIFIED": (0, 1),
    "LOCATION": (0, 1),
    "PRIORITY": (0, 1),
    "RDATE": (0, None),
    "RELATED-TO": (0, None),
    "RESOURCES": (0, 1),
    "RRULE": (0, 1),
    "STATUS": (0, 1),
    "TRANSP": (0, 1),
    "URL": (0, 1),
    "ATTENDEE": (0, 0),
    "REQUEST-STATUS": (0, 0),
}
EVENT_STATUSES = {"TENTATIVE", "CONFIRMED", "CANCELLED"}
# Components PUBLISH may carry inside VCALENDAR, and inside a VEVENT.
CALENDAR_COMPONENTS = {"VEVENT", "VTIMEZONE"}
EVENT_COMPONENTS = {"VALARM"}


def publish_problems(text: str) -> list[str]:
    calendar = Calendar.from_ical(text)
    problems = _count_problems("VCALENDAR", _names(calendar), CALENDAR_PROPERTIES)
    if str(calendar.get("METHOD", "")) != "PUBLISH":
        problems.append(f"VCALENDAR: METHOD is {calendar.get('METHOD')!r}, not PUBLISH")
    events = [component for component in calendar.subcomponents if component.name == "VEVENT"]
    if not events:
        problems.append("VCALENDAR: a PUBLISH has one VEVENT or more")
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    for component in calendar.subcomponents:
        if component.name not in CALENDAR_COMPONENTS and not component.name.startswith("X-"):
            problems.append(f"VCALENDAR: {component.name} is not allowed in a PUBLISH")
    for event in events:
        where = f"VEVENT {event.get('UID')}"
        names = _names(event)
        problems += _count_problems(where, names, EVENT_PROPERTIES)
        if names["DTEND"] and names["DURATION"]:
            problems.append(f"{where}: DTEND and DURATION together")
        if int(event.get("SEQUENCE", 0)) > 0 and not names["SEQUENCE"]:
            problems.append(f"{where}: SEQUENCE must be present when it is above 0")
        if "STATUS" in event and str(event["STATUS"]) not in EVENT_STATUSES:
            problems.append(f"{where}: STATUS {event['STATUS']} is not allowed in a PUBLISH")
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            tzid = event[name].params.get("TZID") if name in event else None
            if tzid and tzid not in zones:
                problems.append(f"{where}: {name} names TZID {tzid} with no VTIMEZONE")
        for component in event.subcomponents:
            if component.name not in EVENT_COMPONENTS:
                problems.append(f"{where}: {component.name} is not allowed in a VEVENT")
    return problems


def _names(component) -> Counter:
    return Counter(name.upper() for name, _value in component.property_items(recursive=False))


def _count_problems(where: str, names: Counter, table: dict) -> list[str]:
    problems = []
    for name, (fewest, most) in table.items():
        count = names[name]
        if count < fewest:
            problems.append(f"{where}: {name} is required")
        elif most == 0 and count:
            problems.append(f"{where}: {name} is not allowed in a PUBLISH")
        elif most is not None and count > most:
            problems.append(f"{where}: {name} appears {count} times, at most {most}")
    for name in names:
        if name not in table and name not in ("BEGIN", "END") and not name.startswith("X-"):
            if where == "VCALENDAR" and name in ("NAME", "DESCRIPTION", "REFRESH-INTERVAL"):
                continue  # RFC 7986 calendar properties, which iTIP predates
            problems.append(f"{where}: {name} is not in the PUBLISH table")
    return problems
