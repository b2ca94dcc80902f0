"""Two things in one place, or one person in two places: found with one sort per room and per
speaker, never by comparing every pair."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from events.formatting import day_abbreviated, hours_span
from events.importing.text import Problem
from festival.models import Room


@dataclass(frozen=True)
class Placement:
    """A session that will take up its room once the file is imported.

    `line` is None for a session already in the programme that the file does not mention, and
    for another festival's session in a room the festivals share (`festival_name` is then its
    festival's name).
    """

    title: str
    ref: str
    room: Room
    start: datetime
    end: datetime
    line: int | None
    speakers: tuple[tuple[str, str], ...]  # (email key, name)
    festival_name: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end, self.line or 0, self.ref)


def find_overlaps(placements: Iterable[Placement]) -> Iterator[tuple[Placement, Placement]]:
    """Each placement that starts before an earlier one has ended, with that earlier one."""
    latest: Placement | None = None
    for placement in sorted(placements, key=lambda placement: placement.sort_key):
        if latest is not None and placement.start < latest.end:
            yield latest, placement
        if latest is None or placement.end > latest.end:
            latest = placement


def find_room_clashes(placements: Iterable[Placement], zone: ZoneInfo) -> list[Problem]:
    by_room: dict[int, list[Placement]] = defaultdict(list)
    for placement in placements:
        by_room[placement.room.pk].append(placement)
    problems = []
    for booked in by_room.values():
        for earlier, later in find_overlaps(booked):
            # A clash already in the database is not this file's doing: it must not block it.
            if earlier.line is None and later.line is None:
                continue
            here, other = (later, earlier) if later.line is not None else (earlier, later)
            problems.append(
                Problem(
                    here.line or 0,
                    f"{here.room.name} is double-booked on {day_abbreviated(here.start, zone)}: "
                    f"“{here.title}” ({hours_span(here.start, here.end, zone)}) overlaps "
                    f"{describe_other(other, zone, with_room=False)}.",
                )
            )
    return problems


def find_speaker_clashes(placements: Iterable[Placement], zone: ZoneInfo) -> list[Problem]:
    by_speaker: dict[str, list[Placement]] = defaultdict(list)
    for placement in placements:
        for key, _name in placement.speakers:
            by_speaker[key].append(placement)
    warnings = []
    for key, booked in by_speaker.items():
        for earlier, later in find_overlaps(booked):
            if earlier.line is None and later.line is None:
                continue
            here, other = (later, earlier) if later.line is not None else (earlier, later)
            name = dict(here.speakers)[key]
            warnings.append(
                Problem(
                    here.line or 0,
                    f"{name} is booked in two places at once on "
                    f"{day_abbreviated(here.start, zone)}: “{here.title}” ({here.room.name}, "
                    f"{hours_span(here.start, here.end, zone)}) and "
                    f"{describe_other(other, zone, with_room=True)}.",
                )
            )
    return warnings


def describe_other(placement: Placement, zone: ZoneInfo, *, with_room: bool) -> str:
    hours = hours_span(placement.start, placement.end, zone)
    where = f"{placement.room.name}, {hours}" if with_room else hours
    if placement.line is not None:
        return f"“{placement.title}” ({where}, line {placement.line})"
    if placement.festival_name:
        return f"“{placement.title}” ({where}) of {placement.festival_name}, which shares the room"
    ref = f", ref {placement.ref}" if placement.ref else ""
    return f"“{placement.title}” ({where}{ref}), which is in the programme and not in this file"
