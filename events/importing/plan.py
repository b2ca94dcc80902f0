"""Checking a programme file against the festival and working out what an import would do.

Nothing here writes: the plan is what the report, the preview page and `apply_import` share.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.utils.text import slugify
from django.utils.translation import ngettext

from events.access.presenters import warnings_for
from events.access.selectors import needs_of_sessions, vocabulary_of
from events.enums import SessionStatus
from events.importing.clashes import Placement, find_room_clashes, find_speaker_clashes
from events.importing.parse import ProgrammeRow, SpeakerEntry, ThemeEntry, parse_row
from events.importing.rows import SessionPlan, describe_changes, place_row
from events.importing.state import (
    ProgrammeFocus,
    ProgrammeState,
    load_programme_state,
    load_sessions_sharing_rooms,
)
from events.importing.text import (
    Problem,
    ProgrammeFileError,
    decode_programme,
    prepare_text,
    read_rows,
)
from events.models import Session
from festival.models import Festival, Room, Speaker

SESSION_SLUG_MAX_LENGTH = 120
SPEAKER_SLUG_MAX_LENGTH = 100


@dataclass(frozen=True)
class NewSpeaker:
    name: str
    email: str
    slug: str


@dataclass(frozen=True)
class Cancellation:
    """A scheduled session the import cancels: its row says so (`line`), or the file leaves
    it out and missing sessions are cancelled (`line` is None)."""

    ref: str
    title: str
    start: datetime
    end: datetime
    room: Room
    line: int | None


@dataclass
class ImportPlan:
    """The outcome of checking a file: errors, or everything an import would add and change."""

    festival: Festival
    content: str
    cancel_missing: bool
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    sessions: list[SessionPlan] = field(default_factory=list)
    missing: list[Session] = field(default_factory=list)
    new_speakers: list[NewSpeaker] = field(default_factory=list)
    renamed_speakers: list[tuple[Speaker, str]] = field(default_factory=list)
    new_themes: list[ThemeEntry] = field(default_factory=list)
    state: ProgrammeState | None = None
    # Only the rows' sessions and those they could clash with were compared (`focus_on_rows`).
    focused: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def added(self) -> list[SessionPlan]:
        return [plan for plan in self.sessions if plan.action == "added"]

    @property
    def changed(self) -> list[SessionPlan]:
        return [plan for plan in self.sessions if plan.action == "changed"]

    @property
    def unchanged(self) -> list[SessionPlan]:
        return [plan for plan in self.sessions if plan.action == "unchanged"]

    @property
    def missing_to_cancel(self) -> list[Session]:
        """Sessions the file does not mention that the import will cancel."""
        return self.missing if self.cancel_missing else []

    @property
    def cancellations(self) -> list[Cancellation]:
        """Every scheduled session the import cancels, by its row's status or as missing.

        A new row that is cancelled from the start is not here: nobody could book it.
        """
        by_status = [
            Cancellation(row.ref, row.title, row.start, row.end, row.room, row.line)
            for row in self.changed
            if row.is_cancelled and row.old_times and row.old_times.status != row.status
        ]
        as_missing = [
            Cancellation(session.ref, session.title, session.start, session.end, session.room, None)
            for session in self.missing_to_cancel
        ]
        return by_status + as_missing

    @property
    def had_sessions(self) -> bool:
        return bool(self.state and (self.state.sessions or self.state.has_other_sessions))

    @cached_property
    def fingerprint(self) -> str:
        """Changes when the import would do something else: the preview and confirm compare it."""
        summary = (
            self.content,
            self.cancel_missing,
            [(plan.ref, plan.action, plan.changes) for plan in self.sessions],
            [session.pk for session in self.missing],
            [speaker.email for speaker in self.new_speakers],
            [(speaker.pk, name) for speaker, name in self.renamed_speakers],
        )
        return hashlib.sha256(repr(summary).encode()).hexdigest()


def plan_import(
    *,
    festival: Festival,
    content: str | bytes,
    cancel_missing: bool = False,
    focus_on_rows: bool = False,
) -> ImportPlan:
    """Check a programme file against the festival and say what importing it would do.

    Reads the database (a fixed number of queries, whatever the file's length) and writes
    nothing. `content` is the file's bytes (checked to be UTF-8) or its text; either way its
    line ends are made \\n first, so the same file always has the same fingerprint.

    With `focus_on_rows` (an edit of a few sessions, never with `cancel_missing`), only the
    rows' sessions and those on the rows' days in their rooms or with their speakers are
    loaded: the others cannot clash with the rows, and `missing` lists only the loaded ones.
    """
    try:
        text = decode_programme(content) if isinstance(content, bytes) else prepare_text(content)
    except ProgrammeFileError as error:
        return ImportPlan(festival, "", cancel_missing, errors=[error.problem])
    plan = ImportPlan(festival, text, cancel_missing, focused=focus_on_rows)
    csv_rows, plan.errors = read_rows(text)
    if not csv_rows:
        return plan

    rows: list[ProgrammeRow] = []
    for csv_row in csv_rows:
        row, problems = parse_row(csv_row)
        rows.append(row)
        plan.errors.extend(problems)
    state = load_programme_state(
        festival=festival,
        theme_slugs={theme.slug for row in rows for theme in row.themes or ()},
        focus=focus_of(rows) if focus_on_rows and not cancel_missing else None,
    )
    plan.state = state

    rows_in_error = {problem.line for problem in plan.errors}
    placements = []
    for row in drop_repeated_refs(rows, plan.errors):
        session_plan, placement = place_row(row, state, plan.errors, plan.warnings)
        if placement is not None:
            placements.append(placement)
        if session_plan is not None:
            check_places_taken(session_plan, plan.errors)
        if session_plan is not None and row.line not in rows_in_error:
            plan.sessions.append(session_plan)

    mentioned = {row.ref for row in rows if row.ref}
    plan.missing = [
        session
        for session in state.sessions
        if session.ref not in mentioned and session.status == SessionStatus.SCHEDULED
    ]
    placements.extend(placements_of_other_festivals(festival, placements))
    placements.extend(placements_left_alone(state, mentioned, cancel_missing))
    plan.errors.extend(find_room_clashes(placements, festival.zone))
    plan.warnings.extend(find_speaker_clashes(placements, festival.zone))

    plan_speakers(plan, state)
    plan_themes(plan, state)
    for session_plan in plan.sessions:
        describe_changes(session_plan, state)
    assign_session_slugs(plan.sessions, state)
    if not plan.errors:
        plan.warnings.extend(unmet_needs(plan))
    plan.errors.sort(key=lambda problem: problem.line)
    plan.warnings.sort(key=lambda problem: problem.line)
    return plan


def unmet_needs(plan: ImportPlan) -> list[Problem]:
    """A warning (never an error) for each row that moves a booked session to a room, or gives
    it provisions, that do not meet what its people need: "Workshop Room has no step-free
    access; 2 people booked need it". Two queries, and none when no row changes a booked
    session's room or access."""
    moved = [
        session_plan
        for session_plan in plan.sessions
        if session_plan.session is not None
        and not session_plan.is_cancelled
        and (
            session_plan.session.room_id != session_plan.room.pk
            or set(session_plan.session.access) != set(session_plan.access)
        )
    ]
    if not moved:
        return []
    as_planned = {
        session_plan.session.pk: Session(
            pk=session_plan.session.pk,
            title=session_plan.title,
            room=session_plan.room,
            access=session_plan.access,
        )
        for session_plan in moved
    }
    needs = needs_of_sessions(sessions=as_planned.values())
    if not any(summary.counts for summary in needs.values()):
        return []
    vocabulary = vocabulary_of(festival=plan.festival)
    return [
        Problem(session_plan.line, f"{warning.text}.")
        for session_plan in moved
        for warning in warnings_for(needs[session_plan.session.pk], vocabulary=vocabulary)
    ]


def focus_of(rows: list[ProgrammeRow]) -> ProgrammeFocus:
    return ProgrammeFocus(
        refs=frozenset(row.ref for row in rows if row.ref),
        days=frozenset(row.day for row in rows if row.day is not None),
        room_names=frozenset(row.room_name.lower() for row in rows if row.room_name),
        speaker_emails=frozenset(
            speaker.email.lower() for row in rows for speaker in row.speakers or () if speaker.email
        ),
    )


def check_places_taken(session_plan: SessionPlan, errors: list[Problem]) -> None:
    """A capacity below the places already booked would sell some of them twice over."""
    session, capacity = session_plan.session, session_plan.capacity
    going = getattr(session, "going", 0)
    if session is not None and capacity is not None and capacity < going:
        errors.append(
            Problem(
                session_plan.line,
                ngettext(
                    "capacity %(capacity)s is below the %(going)s place already booked: write "
                    "at least %(going)s, or leave it blank for a drop-in.",
                    "capacity %(capacity)s is below the %(going)s places already booked: write "
                    "at least %(going)s, or leave it blank for a drop-in.",
                    going,
                )
                % {"capacity": capacity, "going": going},
            )
        )


def drop_repeated_refs(rows: list[ProgrammeRow], errors: list[Problem]) -> list[ProgrammeRow]:
    first_lines: dict[str, int] = {}
    kept = []
    for row in rows:
        if row.ref and row.ref in first_lines:
            errors.append(
                Problem(
                    row.line,
                    f"ref “{row.ref}” is also used on line {first_lines[row.ref]}. "
                    "Each row needs its own ref.",
                )
            )
            continue
        first_lines.setdefault(row.ref, row.line)
        kept.append(row)
    return kept


def placements_left_alone(
    state: ProgrammeState, mentioned: set[str], cancel_missing: bool
) -> list[Placement]:
    """Sessions the file does not mention that keep their room (unless --cancel-missing)."""
    if cancel_missing:
        return []
    placements = []
    for session in state.sessions:
        if session.ref in mentioned or session.status == SessionStatus.CANCELLED:
            continue
        placements.append(
            Placement(
                title=session.title,
                ref=session.ref,
                room=state.rooms_by_id[session.room_id],
                start=session.start,
                end=session.end,
                line=None,
                speakers=tuple(state.speakers_of(session).items()),
            )
        )
    return placements


def placements_of_other_festivals(
    festival: Festival, file_placements: list[Placement]
) -> list[Placement]:
    """Other festivals' sessions in the rooms the file books, over the days it books them:
    festivals can share a venue's rooms, and the file cannot move their sessions."""
    if not file_placements:
        return []
    rooms = {placement.room.pk: placement.room for placement in file_placements}
    sessions = load_sessions_sharing_rooms(
        festival=festival,
        room_ids=set(rooms),
        start=min(placement.start for placement in file_placements),
        end=max(placement.end for placement in file_placements),
    )
    return [
        Placement(
            title=session.title,
            ref=session.ref,
            room=rooms[session.room_id],
            start=session.start,
            end=session.end,
            line=None,
            speakers=(),
            festival_name=session.festival.name,
        )
        for session in sessions
    ]


def plan_speakers(plan: ImportPlan, state: ProgrammeState) -> None:
    """Speakers new to the festival, and those whose name the file spells differently."""
    first_seen: dict[str, tuple[SpeakerEntry, int]] = {}
    for session_plan in plan.sessions:
        for entry in session_plan.speakers:
            seen = first_seen.setdefault(entry.key, (entry, session_plan.line))
            if seen[0].name != entry.name:
                plan.warnings.append(
                    Problem(
                        session_plan.line,
                        f"{entry.email} is named “{entry.name}” here but “{seen[0].name}” on "
                        f"line {seen[1]}; the import uses “{seen[0].name}”.",
                    )
                )
    taken: set[str] | None = None  # read only when a speaker is new
    for key, (entry, _line) in first_seen.items():
        speaker = state.speakers_by_email.get(key)
        if speaker is None:
            if taken is None:
                taken = state.other_speaker_slugs | {
                    speaker.slug
                    for speaker in state.speakers_by_id.values()
                    if speaker.festival_id == state.festival.pk
                }
            slug = make_unique_slug(entry.name, taken, SPEAKER_SLUG_MAX_LENGTH, "speaker")
            plan.new_speakers.append(NewSpeaker(name=entry.name, email=entry.email, slug=slug))
        elif speaker.name != entry.name:
            plan.renamed_speakers.append((speaker, entry.name))


def plan_themes(plan: ImportPlan, state: ProgrammeState) -> None:
    new_themes: dict[str, ThemeEntry] = {}
    for session_plan in plan.sessions:
        for theme in session_plan.themes:
            if theme.slug not in state.tags_by_slug:
                new_themes.setdefault(theme.slug, theme)
    plan.new_themes = list(new_themes.values())


def assign_session_slugs(session_plans: list[SessionPlan], state: ProgrammeState) -> None:
    """New sessions get a slug from their title; existing ones keep theirs, links stay valid."""
    # "new" is the address of the organisers' form for a new session.
    taken: set[str] | None = None  # read only when a session is new
    for session_plan in session_plans:
        if session_plan.session is not None:
            session_plan.slug = session_plan.session.slug
        else:
            if taken is None:
                taken = {session.slug for session in state.sessions} | state.other_slugs | {"new"}
            session_plan.slug = make_unique_slug(
                session_plan.title, taken, SESSION_SLUG_MAX_LENGTH, "session"
            )


def make_unique_slug(text: str, taken: set[str], max_length: int, fallback: str) -> str:
    # Room for a "-9999" suffix inside the column's length.
    base = slugify(text)[: max_length - 5].strip("-") or fallback
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
