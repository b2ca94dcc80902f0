"""How the import phrases times: in the festival's zone, short enough for a one-line report."""

from datetime import datetime
from zoneinfo import ZoneInfo

# Typographic dashes, as a printed programme writes time ranges.
DASH = "\N{EN DASH}"


def phrase_day(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b}"


def phrase_hours(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """Opening and closing times, e.g. 10:00 to 11:00; the closing day too if it differs, and
    the zone's abbreviations if the clocks change in between."""
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    # Across a change of the clocks the hours alone mislead (01:30-02:00 can last 90 minutes).
    clock = "%H:%M %Z" if local_start.utcoffset() != local_end.utcoffset() else "%H:%M"
    opening, closing = local_start.strftime(clock), local_end.strftime(clock)
    if local_start.date() == local_end.date():
        return f"{opening}{DASH}{closing}"
    return f"{opening} {DASH} {phrase_day(end, zone)} {closing}"


def phrase_span(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """The day and the hours, e.g. "Mon 5 Jul" and then the hours."""
    return f"{phrase_day(start, zone)} {phrase_hours(start, end, zone)}"


def phrase_move(
    old: tuple[datetime, datetime], new: tuple[datetime, datetime], zone: ZoneInfo
) -> str:
    """Old hours → new hours, naming the days only when the day changes."""
    if old[0].astimezone(zone).date() == new[0].astimezone(zone).date():
        return f"{phrase_hours(*old, zone)} → {phrase_hours(*new, zone)}"
    return f"{phrase_span(*old, zone)} → {phrase_span(*new, zone)}"


def phrase_capacity(capacity: int | None) -> str:
    return "drop-in" if capacity is None else str(capacity)
