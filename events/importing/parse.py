"""Reading a programme CSV into typed rows, each with the physical line it starts on.

Nothing here touches the database: names of events, rooms and speakers stay as written and are
matched against the festival by the planner.
"""

import re
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify

from events.enums import SessionFormat, SessionStatus
from events.importing.text import CsvRow, Problem

REF_MAX_LENGTH = 64
TITLE_MAX_LENGTH = 200
NAME_MAX_LENGTH = 200
THEME_MAX_LENGTH = 100
# PositiveIntegerField's ceiling on PostgreSQL.
CAPACITY_MAX = 2_147_483_647

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# An end written with its day, as the export writes a session that ends on a later day.
END_WITH_DAY_PATTERN = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})[ T]+(?P<time>\S+)")
# Spreadsheets sometimes add seconds ("10:00:00") when a cell is formatted as a time.
TIME_PATTERN = re.compile(r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::00)?")
SPEAKER_PATTERN = re.compile(r"(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>")
FORMATS_BY_NAME = {
    **{choice.label.lower(): choice.value for choice in SessionFormat},
    **{choice.value: choice.value for choice in SessionFormat},
}
CANCELLED_WORDS = {"cancelled", "canceled"}
ONE_DAY_ONLY = (
    "The file has one date column, so a session must end on the day it starts: split one that "
    "runs past midnight into a row per day."
)


class CellError(ValueError):
    """One cell cannot be read; the message is the reason, without the line number."""


@dataclass(frozen=True)
class SpeakerEntry:
    name: str
    email: str

    @property
    def key(self) -> str:
        return self.email.lower()


@dataclass(frozen=True)
class ThemeEntry:
    name: str
    slug: str


@dataclass(frozen=True)
class ProgrammeRow:
    """A row's cells as Python values; a value is None where its cell could not be read."""

    line: int
    ref: str
    event_name: str
    day: date | None
    start: time | None
    end: time | None
    room_name: str
    title: str
    format: str | None
    speakers: tuple[SpeakerEntry, ...] | None
    capacity: int | None
    themes: tuple[ThemeEntry, ...] | None
    status: str | None
    description: str
    access: tuple[str, ...] | None = None
    """Provision codes; None when the file has no access column (the session keeps its own)."""
    content_note: str | None = None
    """None when the file has no content_note column."""


def parse_row(row: CsvRow) -> tuple[ProgrammeRow, list[Problem]]:
    """Read every cell of a row; every unreadable cell gives its own problem."""
    cells = row.cells
    problems: list[Problem] = []

    def read(parse, value: str):
        try:
            return parse(value)
        except CellError as error:
            problems.append(Problem(row.line, str(error)))
            return None

    ref = read(parse_ref, cells["ref"]) or ""
    event_name = read(lambda value: require(value, "event"), cells["event"]) or ""
    day = read(parse_date, cells["date"])
    start = read(lambda value: parse_time(value, "start"), cells["start"])
    end = read(lambda value: parse_end(value, day), cells["end"])
    if start is not None and end is not None and end <= start:
        problems.append(
            Problem(
                row.line,
                f"the session ends at {end:%H:%M}, which is not after its start at "
                f"{start:%H:%M}. {ONE_DAY_ONLY}",
            )
        )
        end = None
    room_name = read(lambda value: require(value, "room"), cells["room"]) or ""
    title = read(parse_title, cells["title"]) or ""
    return (
        ProgrammeRow(
            line=row.line,
            ref=ref,
            event_name=event_name,
            day=day,
            start=start,
            end=end,
            room_name=room_name,
            title=title,
            format=read(parse_format, cells["format"]),
            speakers=read(parse_speakers, cells["speakers"]),
            capacity=read(parse_capacity, cells["capacity"]),
            themes=read(parse_themes, cells["themes"]),
            status=read(parse_status, cells["status"]),
            description=cells["description"],
            access=parse_access(cells["access"]) if "access" in cells else None,
            content_note=cells.get("content_note"),
        ),
        problems,
    )


def parse_access(value: str) -> tuple[str, ...]:
    """Codes separated by semicolons, each once, in the order sessions store them (sorted,
    see Session.save); whether the festival knows them is checked by the planner."""
    return tuple(sorted({code.strip().lower() for code in value.split(";") if code.strip()}))


def require(value: str, column: str) -> str:
    if not value:
        raise CellError(f"{column} is empty.")
    return value


def parse_ref(value: str) -> str:
    if not value:
        raise CellError("ref is empty. Every row needs its own ref, so a re-import can find it.")
    if len(value) > REF_MAX_LENGTH:
        raise CellError(f"ref “{value}” is longer than {REF_MAX_LENGTH} characters.")
    return value


def parse_title(value: str) -> str:
    if not value:
        raise CellError("title is empty.")
    if len(value) > TITLE_MAX_LENGTH:
        raise CellError(f"title is {len(value)} characters long; the limit is {TITLE_MAX_LENGTH}.")
    return value


def parse_date(value: str) -> date:
    try:
        if DATE_PATTERN.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    if not value:
        raise CellError("date is empty. Write it as YYYY-MM-DD, e.g. 2027-07-05.")
    raise CellError(f"date “{value}” is not a date in the form YYYY-MM-DD, e.g. 2027-07-05.")


def parse_time(value: str, column: str) -> time:
    match = TIME_PATTERN.fullmatch(value)
    if match and int(match["hour"]) < 24 and int(match["minute"]) < 60:
        return time(int(match["hour"]), int(match["minute"]))
    if not value:
        raise CellError(f"{column} time is empty. Write it as HH:MM, e.g. 09:30.")
    raise CellError(
        f"{column} time “{value}” is not a time in the form HH:MM (24-hour clock), e.g. 14:30."
    )


def parse_end(value: str, day: date | None) -> time:
    match = END_WITH_DAY_PATTERN.fullmatch(value)
    if match is None:
        return parse_time(value, "end")
    if day is not None and match["date"] == day.isoformat():
        return parse_time(match["time"], "end")
    raise CellError(
        f"end “{value}” is on another day than the session's date. {ONE_DAY_ONLY} To keep such "
        "a session as it is, leave its row out (and do not cancel missing sessions)."
    )


def parse_format(value: str) -> str:
    try:
        return FORMATS_BY_NAME[value.lower()]
    except KeyError:
        choices = ", ".join(choice.value for choice in SessionFormat)
        if not value:
            raise CellError(f"format is empty. Use one of: {choices}.") from None
        raise CellError(f"format “{value}” is not one of: {choices}.") from None


def parse_speakers(value: str) -> tuple[SpeakerEntry, ...]:
    speakers: dict[str, SpeakerEntry] = {}
    for part in (part.strip() for part in value.split(";")):
        if not part:
            continue
        if "<" not in part and "@" not in part:
            # The export writes a speaker who has no email by name alone.
            raise CellError(f"speaker “{part}” has no email: write {part} <email>.")
        match = SPEAKER_PATTERN.fullmatch(part)
        if not match:
            raise CellError(
                f"speaker “{part}” is not written as Name <email>. Separate speakers with “;”."
            )
        name, email = match["name"].strip(), match["email"].strip()
        if not name:
            raise CellError(f"speaker “{part}” has no name. Write Name <email>.")
        if len(name) > NAME_MAX_LENGTH:
            raise CellError(f"speaker name “{name}” is longer than {NAME_MAX_LENGTH} characters.")
        try:
            validate_email(email)
        except ValidationError:
            raise CellError(f"speaker {name} has a bad email address “{email}”.") from None
        entry = SpeakerEntry(name=name, email=email)
        speakers.setdefault(entry.key, entry)
    return tuple(speakers.values())


def parse_capacity(value: str) -> int | None:
    if not value:
        return None
    if value.isascii() and value.isdigit() and int(value) <= CAPACITY_MAX:
        return int(value)
    raise CellError(
        f"capacity “{value}” is not a whole number of places (0 or more). "
        "Leave it blank for a drop-in session."
    )


def parse_themes(value: str) -> tuple[ThemeEntry, ...]:
    themes: dict[str, ThemeEntry] = {}
    for name in (part.strip() for part in value.split(";")):
        if not name:
            continue
        if len(name) > THEME_MAX_LENGTH:
            raise CellError(f"theme “{name}” is longer than {THEME_MAX_LENGTH} characters.")
        slug = slugify(name)
        if not slug:
            raise CellError(f"theme “{name}” needs at least one letter or digit.")
        themes.setdefault(slug, ThemeEntry(name=name, slug=slug))
    return tuple(themes.values())


def parse_status(value: str) -> str:
    if not value:
        return SessionStatus.SCHEDULED
    if value.lower() in CANCELLED_WORDS:
        return SessionStatus.CANCELLED
    raise CellError(f"status “{value}” should be blank or “cancelled”.")
