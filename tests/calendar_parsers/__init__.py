"""Three independent iCalendar parsers for the feed tests, each boiled down to the same plain
values per VEVENT: uid, start and end as UTC instants, sequence, status and summary.

- ical.js (npm; what Thunderbird uses), run by node on `ical_js.mjs` beside this file;
- `ical` (PyPI; the strictest: rejects what it cannot place, such as an unknown TZID);
- `icalendar` (PyPI; what django-ical is built on).

Without node_modules (no `npm ci` yet) the ical.js tests are skipped with the reason; under
CI=true they fail instead, so CI can never pass by not running them.
"""

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ICAL_JS_SCRIPT = HERE / "ical_js.mjs"
ICAL_JS_PACKAGE = ROOT / "node_modules" / "ical.js" / "package.json"


def event_summary(uid, start, end, sequence, status, summary) -> dict:
    return {
        "uid": str(uid),
        "start": start.astimezone(UTC),
        "end": end.astimezone(UTC),
        "sequence": int(sequence or 0),
        "status": str(status).upper() if status else "",
        "summary": str(summary),
    }


def parse_with_ical_js(text: str) -> list[dict]:
    return [
        event_summary(
            event["uid"],
            datetime.fromisoformat(event["start"]),
            datetime.fromisoformat(event["end"]),
            event["sequence"],
            event["status"],
            event["summary"],
        )
        for event in ical_js_events(text)
    ]


def ical_js_events(text: str) -> list[dict]:
    """ical.js's reading of each VEVENT, as `ical_js.mjs` prints it."""
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is not installed"
    elif not ICAL_JS_PACKAGE.exists():
        missing = "node_modules/ical.js is missing: run `npm ci` at the repository root"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must parse feeds with ical.js: {missing}.")
        pytest.skip(missing)
    finished = subprocess.run(
        [node, str(ICAL_JS_SCRIPT)],
        input=text.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr.decode()
    return json.loads(finished.stdout)


def parse_with_ical(text: str) -> list[dict]:
    calendar = IcsCalendarStream.calendar_from_ics(text)
    return [
        event_summary(
            event.uid,
            event.dtstart,
            event.dtend,
            event.sequence,
            event.status.value if event.status else "",
            event.summary,
        )
        for event in calendar.events
    ]


def parse_with_icalendar(text: str) -> list[dict]:
    calendar = Calendar.from_ical(text)
    return [
        event_summary(
            event.get("UID"),
            event.decoded("DTSTART"),
            event.decoded("DTEND"),
            event.get("SEQUENCE", 0),
            event.get("STATUS", ""),
            event.get("SUMMARY"),
        )
        for event in calendar.walk("VEVENT")
    ]


PARSERS = {
    "ical.js": parse_with_ical_js,
    "ical": parse_with_ical,
    "icalendar": parse_with_icalendar,
}


def parse_everywhere(text: str) -> dict[str, list[dict]]:
    """Each parser's reading of the feed, by parser name."""
    return {name: parse(text) for name, parse in PARSERS.items()}


def organizers_everywhere(text: str) -> dict[str, list[tuple[str, str] | None]]:
    """Each parser's reading of every VEVENT's ORGANIZER as (name, address), by parser name."""
    ical_js = [
        (event["organizer"]["cn"], event["organizer"]["address"]) if event["organizer"] else None
        for event in ical_js_events(text)
    ]
    ical = [
        (event.organizer.common_name, event.organizer.uri) if event.organizer else None
        for event in IcsCalendarStream.calendar_from_ics(text).events
    ]
    icalendar = [
        (str(event["ORGANIZER"].params["CN"]), str(event["ORGANIZER"]))
        if "ORGANIZER" in event
        else None
        for event in Calendar.from_ical(text).walk("VEVENT")
    ]
    return {"ical.js": ical_js, "ical": ical, "icalendar": icalendar}


def content_lines(text: str) -> list[str]:
    """The feed's content lines, unfolded (RFC 5545 §3.1)."""
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def component_lines(text: str, name: str) -> list[list[str]]:
    """The content lines of each component called `name` (e.g. VEVENT), BEGIN and END left
    out, nested components (VALARM) kept."""
    found, current, depth = [], None, 0
    for line in content_lines(text):
        if line == f"BEGIN:{name}":
            current, depth = [], 0
            continue
        if current is None:
            continue
        if line == f"END:{name}" and depth == 0:
            found.append(current)
            current = None
            continue
        depth += line.startswith("BEGIN:") - line.startswith("END:")
        current.append(line)
    return found


def calendar_lines(text: str) -> list[str]:
    """The VCALENDAR's own properties: the lines before its first component."""
    lines = content_lines(text)
    first = next(index for index, line in enumerate(lines[1:], 1) if line.startswith("BEGIN:"))
    return lines[1:first]
