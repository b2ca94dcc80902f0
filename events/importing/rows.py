"""One row of the file as a session: matched to its event and room, compared with the session
it updates."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from events.enums import SessionFormat, SessionStatus
from events.formatting import (
    capacity_figure,
    clock_and_zone,
    date_abbreviated,
    day_and_hours,
    span_change,
    wall_clock,
)
from events.importing.clashes import Placement
from events.importing.parse import ProgrammeRow, SpeakerEntry, ThemeEntry
from events.importing.state import ProgrammeState
from events.importing.text import Problem, unify_line_ends
from events.models import Event, Session
from events.programme.services import SessionTimes
from festival.models import STANDARD_CODES, Room


class NonexistentLocalTime(ValueError):
    """A wall-clock time that the clocks skip on that day: they go forward over it."""


def local_instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The instant (in UTC) that a wall-clock time on a day names in the zone.

    Strict where `datetime.combine` is not: a time the clocks skip raises NonexistentLocalTime
    (combine would quietly move it an hour on). A time the clocks pass twice is the first of
    the two; `is_repeated` says when that happens.
    """
    wall = datetime.combine(day, clock)
    instant = wall.replace(tzinfo=zone).astimezone(UTC)
    # A skipped time does not come back unchanged from UTC.
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        gap_start, gap_end = (wall_clock(moment, day) for moment in clock_gap(wall, zone))
        raise NonexistentLocalTime(
            f"{clock:%H:%M} does not exist on {date_abbreviated(day)} in {zone.key}: the clocks go "
            f"forward from {gap_start} to {gap_end}."
        )
    return instant


def is_repeated(day: date, clock: time, zone: ZoneInfo) -> bool:
    """Whether the clocks show this time twice that day (they go back over it)."""
    first = datetime.combine(day, clock, tzinfo=zone)
    return first.utcoffset() != first.replace(fold=1).utcoffset()


def clock_gap(wall: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The wall-clock times (naive) on either side of the jump that skips `wall`."""
    # For a skipped time, fold=0 reads it with the offset before the jump and fold=1 with the
    # one after; the jump lies between the two instants they give, found to the second.
    offset_before = wall.replace(tzinfo=zone).utcoffset()
    offset_after = wall.replace(tzinfo=zone, fold=1).utcoffset()
    assert offset_before is not None and offset_after is not None
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    low = int(((wall - offset_after).replace(tzinfo=UTC) - epoch).total_seconds())
    high = int(((wall - offset_before).replace(tzinfo=UTC) - epoch).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        if (epoch + timedelta(seconds=middle)).astimezone(zone).utcoffset() == offset_after:
            high = middle
        else:
            low = middle
    jump = (epoch + timedelta(seconds=high)).replace(tzinfo=None)
    return jump + offset_before, jump + offset_after


@dataclass
class SessionPlan:
    """What one row will make of its session: the values it sets, and what changes."""

    line: int
    ref: str
    event: Event
    room: Room
    start: datetime
    end: datetime
    title: str
    format: str
    capacity: int | None
    status: str
    description: str
    speakers: tuple[SpeakerEntry, ...]
    themes: tuple[ThemeEntry, ...]
    access: list[str] = field(default_factory=list)
    content_note: str = ""
    session: Session | None = None
    is_new: bool = True
    slug: str = ""
    old_times: SessionTimes | None = None
    old_capacity: int | None = None
    changes: tuple[str, ...] = ()
    speakers_changed: bool = False
    themes_changed: bool = False

    @property
    def action(self) -> str:
        if self.is_new:
            return "added"
        return "changed" if self.changes else "unchanged"

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def format_label(self) -> str:
        return SessionFormat(self.format).label

    @property
    def speaker_names(self) -> str:
        return ", ".join(speaker.name for speaker in self.speakers)


def place_row(
    row: ProgrammeRow, state: ProgrammeState, errors: list[Problem], warnings: list[Problem]
) -> tuple[SessionPlan | None, Placement | None]:
    """Match the row's event and room, and its times to the event's; a plan when all fit."""
    festival = state.festival
    if not row.event_name:
        return None, None
    event = state.find_event(row.event_name)
    if event is None:
        names = ", ".join(state.events_by_slug) or "none yet"
        errors.append(
            Problem(
                row.line,
                f"no event “{row.event_name}” in {festival.name}. "
                f"Use an event's slug or title: {names}.",
            )
        )
        return None, None
    room = state.find_room(event, row.room_name) if row.room_name else None
    if row.room_name and room is None:
        rooms = ", ".join(state.room_names(event)) or "none yet"
        errors.append(
            Problem(
                row.line,
                f"no room “{row.room_name}” at {event.venue.name}, where {event.title} is held. "
                f"Rooms there: {rooms}.",
            )
        )
    if room is None or row.day is None or row.start is None or row.end is None:
        return None, None
    times = place_in_time(row, festival.zone, errors, warnings)
    if times is None:
        return None, None
    start, end = times
    if start < event.start or end > event.end:
        errors.append(
            Problem(
                row.line,
                f"{day_and_hours(start, end, festival.zone)} is outside {event.title}, which runs "
                f"{day_and_hours(event.start, event.end, festival.zone)}.",
            )
        )
        return None, None
    placement = None
    if row.status != SessionStatus.CANCELLED:
        placement = Placement(
            title=row.title,
            ref=row.ref,
            room=room,
            start=start,
            end=end,
            line=row.line,
            speakers=tuple((speaker.key, speaker.name) for speaker in row.speakers or ()),
        )
    if row.access is not None:
        # A code the session holds already stays allowed: a festival may drop one of its own
        # codes, and its sessions must still move, cancel and re-import as they are.
        existing = state.sessions_by_ref.get(row.ref)
        held = set(existing.access) if existing is not None else set()
        unknown = [
            code
            for code in row.access
            if code not in STANDARD_CODES and code not in state.access_codes and code not in held
        ]
        if unknown:
            errors.append(
                Problem(
                    row.line,
                    f"unknown access code{'s' if len(unknown) > 1 else ''} "
                    + ", ".join(f"“{code}”" for code in unknown)
                    + ". The codes are: "
                    + ", ".join(sorted(state.access_codes))
                    + ", separated by semicolons.",
                )
            )
            return None, placement
    if row.format is None or row.speakers is None or row.themes is None or row.status is None:
        return None, placement
    session = state.sessions_by_ref.get(row.ref)
    session_plan = SessionPlan(
        line=row.line,
        ref=row.ref,
        event=event,
        room=room,
        start=start,
        end=end,
        title=row.title,
        format=row.format,
        capacity=row.capacity,
        status=row.status,
        description=row.description,
        speakers=row.speakers,
        themes=row.themes,
        # A file without the columns keeps what the session has.
        access=list(row.access)
        if row.access is not None
        else list(session.access if session else []),
        content_note=row.content_note
        if row.content_note is not None
        else (session.content_note if session else ""),
        session=session,
        is_new=session is None,
        old_times=state.times_of(session) if session else None,
        old_capacity=session.capacity if session else None,
    )
    return session_plan, placement


def place_in_time(
    row: ProgrammeRow, zone: ZoneInfo, errors: list[Problem], warnings: list[Problem]
) -> tuple[datetime, datetime] | None:
    """The row's start and end as instants, or None (with an error) when either cannot be."""
    assert row.day is not None and row.start is not None and row.end is not None
    instants = []
    for clock in (row.start, row.end):
        try:
            instants.append(local_instant(row.day, clock, zone))
        except NonexistentLocalTime as error:
            errors.append(Problem(row.line, str(error)))
            continue
        if is_repeated(row.day, clock, zone):
            first = datetime.combine(row.day, clock, tzinfo=zone)
            warnings.append(
                Problem(
                    row.line,
                    f"{clock:%H:%M} happens twice on {date_abbreviated(row.day)} in {zone.key}; "
                    f"taken as the first, {clock:%H:%M} {first.tzname()}.",
                )
            )
    if len(instants) < 2:
        return None
    start, end = instants
    # The clock times were checked in order; the database's constraint is on the instants.
    if end <= start:
        errors.append(
            Problem(
                row.line,
                f"the session ends at {clock_and_zone(end, zone)}, which is not after its start "
                f"at {clock_and_zone(start, zone)} once the clocks change.",
            )
        )
        return None
    return start, end


def describe_changes(session_plan: SessionPlan, state: ProgrammeState) -> None:
    """Fill in what the row changes, calendar-visible changes first, as the report says them."""
    session, old = session_plan.session, session_plan.old_times
    if session is None or old is None:
        return
    zone = state.festival.zone
    changes = []
    if (old.start, old.end) != (session_plan.start, session_plan.end):
        new_times = (session_plan.start, session_plan.end)
        changes.append(f"moved {span_change((old.start, old.end), new_times, zone)}")
    if old.room.pk != session_plan.room.pk:
        changes.append(f"room {old.room.name} → {session_plan.room.name}")
    if old.status != session_plan.status:
        changes.append("cancelled" if session_plan.is_cancelled else "back on")
    if session.event_id != session_plan.event.pk:
        old_event = state.events_by_id[session.event_id]
        changes.append(f"event {old_event.title} → {session_plan.event.title}")
    if session.title != session_plan.title:
        changes.append(f"title “{session.title}” → “{session_plan.title}”")
    if session.format != session_plan.format:
        old_format = dict(SessionFormat.choices).get(session.format, session.format)
        changes.append(f"format {old_format} → {session_plan.format_label}")
    if session.capacity != session_plan.capacity:
        old_capacity, new_capacity = session.capacity, session_plan.capacity
        changes.append(
            f"capacity {capacity_figure(old_capacity)} → {capacity_figure(new_capacity)}"
        )
    old_speakers = state.speakers_of(session)
    new_speakers = {speaker.key: speaker.name for speaker in session_plan.speakers}
    if set(old_speakers) != set(new_speakers):
        session_plan.speakers_changed = True
        changes.append("speakers " + phrase_difference(old_speakers, new_speakers))
    old_themes = state.themes_of(session)
    new_themes = {theme.slug: theme.name for theme in session_plan.themes}
    if set(old_themes) != set(new_themes):
        session_plan.themes_changed = True
        changes.append("themes " + phrase_difference(old_themes, new_themes))
    # A description typed in the admin keeps the browser's CRLF; the file's have LF.
    if unify_line_ends(session.description) != session_plan.description:
        changes.append("description")
    if set(session.access) != set(session_plan.access):
        changes.append(
            "access "
            + phrase_difference(
                {code: code for code in session.access},
                {code: code for code in session_plan.access},
            )
        )
    if unify_line_ends(session.content_note) != unify_line_ends(session_plan.content_note):
        changes.append("content note")
    session_plan.changes = tuple(changes)


def phrase_difference(old: dict[str, str], new: dict[str, str]) -> str:
    """Names added ("+ Jo Bloggs") then names removed, from two {key: name} dicts."""
    added = [f"+ {name}" for key, name in new.items() if key not in old]
    removed = [f"\N{MINUS SIGN} {name}" for key, name in old.items() if key not in new]
    return ", ".join(added + removed)
