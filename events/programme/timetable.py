"""Lay out one day of a programme as a grid: rooms as columns, time slots as rows.

Pure code (no database): give it entries with aware start and end times and a room key, and it
says where each goes, as CSS grid lines. Grid row 1 holds the room names and grid column 1 the
times, so the first slot is row 2 and the first room is column 2.

Two entries in one room at once (a cancelled session and its replacement, say) must not sit on
top of each other, so such a room gets "lanes": extra columns under one room heading. An entry
widens into the lanes to its right that are free for its whole time.
"""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Generic, TypeVar

from events.formatting import clock

T = TypeVar("T")

FIRST_SLOT_ROW = 2
FIRST_ROOM_COLUMN = 2
# The coarsest slot that every start and end falls on; 5 minutes (rounding) otherwise.
SLOT_MINUTES_CHOICES = (15, 10, 5)


@dataclass(frozen=True)
class Entry(Generic[T]):
    """Something to place: a session card, say (`item`), with its times and room."""

    start: datetime
    end: datetime
    room: Hashable
    item: T


@dataclass(frozen=True)
class RoomColumn:
    room: Hashable
    label: str
    column: int
    column_span: int

    @property
    def style(self) -> str:
        return f"--col: {self.column}; --col-span: {self.column_span}"


@dataclass(frozen=True)
class TimeMark:
    """A label on the time axis ("10:00") at the top of its grid row."""

    label: str
    row: int

    @property
    def style(self) -> str:
        return f"--row-start: {self.row}"


@dataclass(frozen=True)
class Placement(Generic[T]):
    item: T
    start: datetime
    row_start: int
    row_span: int
    column: int
    column_span: int

    @property
    def style(self) -> str:
        """CSS custom properties for the wide layout; the narrow one ignores them."""
        return (
            f"--row-start: {self.row_start}; --row-span: {self.row_span}; "
            f"--col: {self.column}; --col-span: {self.column_span}"
        )


@dataclass(frozen=True)
class DayGrid(Generic[T]):
    rooms: list[RoomColumn]
    times: list[TimeMark]
    placements: list[Placement[T]]
    """In time order (then by column): the reading order on a phone and for screen readers."""
    slot_minutes: int
    row_count: int
    column_count: int

    @property
    def style(self) -> str:
        """The grid's size, and its slot length: the wide layout sizes every row from the
        minutes it holds, so an hour is the same height on every day and in every room."""
        return (
            f"--rows: {self.row_count}; --cols: {self.column_count}; "
            f"--slot-minutes: {self.slot_minutes}"
        )


def lay_out_day(
    entries: Sequence[Entry[T]],
    *,
    rooms: Sequence[tuple[Hashable, str]],
    zone: tzinfo,
) -> DayGrid[T]:
    """Place a day's entries on a grid whose columns are `rooms` (key, label), in that order.

    Rows are slots of 15 minutes (10 or 5 when times need it), from the hour before the
    earliest start to the latest end; time labels are on the hour, in `zone`.
    """
    room_keys = [key for key, _ in rooms]
    known = set(room_keys)
    for entry in entries:
        if entry.room not in known:
            raise ValueError(
                f"An entry is in room {entry.room!r}, which is not among the rooms given: "
                "pass every room that an entry uses in `rooms`."
            )
    if not entries:
        columns = [
            RoomColumn(room=key, label=label, column=FIRST_ROOM_COLUMN + index, column_span=1)
            for index, (key, label) in enumerate(rooms)
        ]
        return DayGrid(
            rooms=columns,
            times=[],
            placements=[],
            slot_minutes=SLOT_MINUTES_CHOICES[0],
            row_count=0,
            column_count=len(columns),
        )

    # Elapsed time, not wall-clock time: on the night the clocks change, 01:30 happens twice.
    earliest_local = min(entry.start for entry in entries).astimezone(zone)
    origin = earliest_local.replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    spans = [
        (_minutes_after(origin, entry.start), _minutes_after(origin, entry.end))
        for entry in entries
    ]
    slot = _slot_minutes(spans)
    rows = [
        (FIRST_SLOT_ROW + int(start // slot), FIRST_SLOT_ROW + math.ceil(end / slot))
        for start, end in spans
    ]
    rows = [(first, max(first + 1, after)) for first, after in rows]
    lanes, lane_of = _assign_lanes(entries, rows, room_keys)

    columns: list[RoomColumn] = []
    first_column: dict[Hashable, int] = {}
    next_column = FIRST_ROOM_COLUMN
    for key, label in rooms:
        lane_count = max(1, len(lanes[key]))
        first_column[key] = next_column
        columns.append(
            RoomColumn(room=key, label=label, column=next_column, column_span=lane_count)
        )
        next_column += lane_count

    placements: list[Placement[T]] = []
    for index, entry in enumerate(entries):
        room_lanes = lanes[entry.room]
        lane = lane_of[index]
        first_row, after_row = rows[index]
        width = 1
        for later in room_lanes[lane + 1 :]:
            if any(rows[other][0] < after_row and first_row < rows[other][1] for other in later):
                break
            width += 1
        placements.append(
            Placement(
                item=entry.item,
                start=entry.start,
                row_start=first_row,
                row_span=after_row - first_row,
                column=first_column[entry.room] + lane,
                column_span=width,
            )
        )
    placements.sort(key=lambda placement: (placement.start, placement.column))

    last_row = max(after for _, after in rows)
    row_count = last_row - FIRST_SLOT_ROW
    times = []
    for minutes in range(0, row_count * slot, 60):
        label = clock(origin + timedelta(minutes=minutes), zone)
        times.append(TimeMark(label=label, row=FIRST_SLOT_ROW + minutes // slot))
    return DayGrid(
        rooms=columns,
        times=times,
        placements=placements,
        slot_minutes=slot,
        row_count=row_count,
        column_count=next_column - FIRST_ROOM_COLUMN,
    )


def _minutes_after(origin: datetime, moment: datetime) -> float:
    return (moment.astimezone(UTC) - origin).total_seconds() / 60


def _slot_minutes(spans: list[tuple[float, float]]) -> int:
    for slot in SLOT_MINUTES_CHOICES:
        if all(start % slot == 0 and end % slot == 0 for start, end in spans):
            return slot
    return SLOT_MINUTES_CHOICES[-1]


def _assign_lanes(
    entries: Sequence[Entry[T]], rows: list[tuple[int, int]], room_keys: list[Hashable]
) -> tuple[dict[Hashable, list[list[int]]], list[int]]:
    """Per room, lanes of entry indexes such that no two in a lane share a grid row; and the
    lane of each entry."""
    lanes: dict[Hashable, list[list[int]]] = {key: [] for key in room_keys}
    lane_ends: dict[Hashable, list[int]] = {key: [] for key in room_keys}
    lane_of = [0] * len(entries)
    for index in sorted(range(len(entries)), key=lambda number: rows[number]):
        room = entries[index].room
        first_row, after_row = rows[index]
        for lane, end in enumerate(lane_ends[room]):
            if end <= first_row:
                lanes[room][lane].append(index)
                lane_ends[room][lane] = after_row
                lane_of[index] = lane
                break
        else:
            lane_of[index] = len(lanes[room])
            lanes[room].append([index])
            lane_ends[room].append(after_row)
    return lanes, lane_of
