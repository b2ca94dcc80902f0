"""VTIMEZONE components from the IANA database that Python ships (zoneinfo).

Every TZID a feed uses gets a VTIMEZONE covering the years of its events, each transition
written out as a dated onset: the first as DTSTART and, when there are more, all of them as
RDATEs, one value per line.
ical.js (Thunderbird) and Outlook read only the first value of a multi-value RDATE, which is
what icalendar's `add_missing_timezones()` writes, and then place events an hour out.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from events.calendars.text import CRLF, escape_text, local_stamp, utc_offset

ONE_DAY = timedelta(days=1)
ONE_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Observance:
    """The zone's reading (offset, name, summer time or not) from an instant on."""

    offset: timedelta
    name: str
    is_daylight: bool


@dataclass(frozen=True)
class Transition:
    at: datetime
    """The UTC instant the clocks change."""
    before: Observance
    after: Observance


def observance(zone: ZoneInfo, moment: datetime) -> Observance:
    local = moment.astimezone(zone)
    return Observance(
        offset=local.utcoffset() or timedelta(0),
        name=local.tzname() or "",
        is_daylight=bool(local.dst()),
    )


def transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[Transition]:
    """Clock changes between two UTC instants: a day-by-day walk, then halving to the second.

    zoneinfo has no public list of transitions; a few hundred look-ups per year, done once
    per zone and span (the result is cached), cost well under a millisecond.
    """
    found = []
    moment, current = start, observance(zone, start)
    while moment < end:
        following = min(moment + ONE_DAY, end)
        then = observance(zone, following)
        if then != current:
            low, high = moment, following
            while high - low > ONE_SECOND:
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if observance(zone, middle) == current:
                    low = middle
                else:
                    high = middle
            found.append(Transition(at=high, before=current, after=observance(zone, high)))
            current = observance(zone, high)
            moment = high
            continue
        moment = following
    return found


@lru_cache(maxsize=256)
def vtimezone(tzid: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE text (CRLF after every line) for a zone over whole years."""
    zone = ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    initial = observance(zone, start)
    # Observances that share offsets, name and kind become one component: first onset as
    # DTSTART, later onsets as RDATEs. Onsets are wall-clock times in the offset before.
    onsets: dict[tuple[Observance, timedelta], list[datetime]] = {
        (initial, initial.offset): [start + initial.offset]
    }
    for change in transitions(zone, start, end):
        key = (change.after, change.before.offset)
        onsets.setdefault(key, []).append(change.at + change.before.offset)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    for (reading, offset_from), starts in onsets.items():
        kind = "DAYLIGHT" if reading.is_daylight else "STANDARD"
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{local_stamp(starts[0])}",
            f"TZOFFSETFROM:{utc_offset(offset_from)}",
            f"TZOFFSETTO:{utc_offset(reading.offset)}",
        ]
        if reading.name:
            lines.append(f"TZNAME:{escape_text(reading.name)}")
        if len(starts) > 1:
            # Every onset again as an RDATE, the first too: ical.js reads no DTSTART onset
            # from a component that has RDATEs (RFC 5545 counts a repeated one once).
            lines += [f"RDATE:{local_stamp(onset)}" for onset in starts]
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return CRLF.join(lines) + CRLF
