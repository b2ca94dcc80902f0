"""Reading a programme CSV into typed rows, each with the physical line it starts on.

Nothing here touches the database: names of events, rooms and speakers stay as written and are
matched against the festival by the planner.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify

from events.enums import SessionFormat, SessionStatus

COLUMNS = (
    "ref",
    "event",
    "date",
    "start",
    "end",
    "room",
    "title",
    "format",
    "speakers",
    "capacity",
    "themes",
    "status",
    "description",
)
COLUMN_LIST = ", ".join(COLUMNS)
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
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ONE_DAY_ONLY = (
    "The file has one date column, so a session must end on the day it starts: split one that "
    "runs past midnight into a row per day."
)


@dataclass(frozen=True)
class Problem:
    """An error or a warning about the file, at the physical line where its row starts."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


class ProgrammeFileError(ValueError):
    """The file cannot be read as CSV text at all (not UTF-8, or it holds a NUL character)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class CellError(ValueError):
    """One cell cannot be read; the message is the reason, without the line number."""


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: dict[str, str]


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


def decode_programme(data: bytes) -> str:
    """The file's text, as `prepare_text` leaves it; checked to be UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ProgrammeFileError(
            Problem(
                line,
                f"the file is not UTF-8 text (byte 0x{data[error.start]:02X} cannot be read). "
                "Save it from your spreadsheet as “CSV UTF-8” and try again.",
            )
        ) from error
    return prepare_text(text)


def prepare_text(text: str) -> str:
    """The text with one form of line end (\\n) and no byte-order mark, so that the same file
    always reads, and fingerprints, the same: browsers send form fields back with CRLF.

    Raises ProgrammeFileError for a NUL character, which PostgreSQL cannot store.
    """
    text = unify_line_ends(text.removeprefix("\ufeff"))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ProgrammeFileError(
            Problem(
                line,
                "the file holds a NUL character (byte 0x00), which is never in CSV text. "
                "Save it from your spreadsheet as “CSV UTF-8” and try again.",
            )
        )
    return text


def unify_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def escape_formula(cell: str) -> str:
    """The cell with a quote in front when a spreadsheet would run it as a formula.

    A cell already made of quotes then such a character gets one more quote, so that
    `unescape_formula` always gives back exactly the cell.
    """
    return f"'{cell}" if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def unescape_formula(cell: str) -> str:
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def guess_delimiter(text: str) -> str:
    """Excel in many European locales separates cells with semicolons, even in “CSV UTF-8”:
    a header with semicolons and no comma is read that way. Column names hold neither."""
    header = next((line for line in io.StringIO(text) if line.strip(" \t\n,;")), "")
    return ";" if ";" in header and "," not in header else ","


def read_rows(text: str) -> tuple[list[CsvRow], list[Problem]]:
    """The data rows of a CSV text, keyed by column name, or the problems with its header.

    Strict, so that a quote left open is an error rather than a cell that swallows the rows
    after it.
    """
    delimiter = guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[CsvRow] = []
    problems: list[Problem] = []
    columns: list[str] | None = None
    line = 1
    try:
        for raw_cells in reader:
            row_line, line = line, reader.line_num + 1
            cells = [unescape_formula(cell.strip()) for cell in raw_cells]
            if not any(cells):
                continue
            if columns is None:
                columns = [cell.lower() for cell in cells]
                header_problems = check_header(columns, row_line)
                if header_problems:
                    return [], header_problems
                continue
            if any(cells[len(columns) :]):
                problems.append(
                    Problem(
                        row_line,
                        f"this row has {len(cells)} cells but the header names {len(columns)} "
                        "columns. Put quotes around any cell that contains a "
                        f"{'semicolon' if delimiter == ';' else 'comma'}.",
                    )
                )
                continue
            # Hand-written files often leave out trailing empty cells: they read as blank.
            cells += [""] * (len(columns) - len(cells))
            named = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
            rows.append(CsvRow(line=row_line, cells=named))
    except csv.Error as error:
        return [], [*problems, describe_csv_error(error, row_start=line, at=reader.line_num)]
    if columns is None:
        return [], [
            Problem(1, f"the file is empty. Its first line must name the columns: {COLUMN_LIST}.")
        ]
    if not rows and not problems:
        return [], [Problem(1, "the file has a header but no sessions.")]
    return rows, problems


def describe_csv_error(error: csv.Error, *, row_start: int, at: int) -> Problem:
    """What the csv module's error means for someone editing the file in a spreadsheet."""
    message = str(error)
    # In strict mode the data only ends early inside a quoted cell.
    if message == "unexpected end of data":
        return Problem(
            row_start,
            "a quote opened in this row is never closed, so every line after it would be read "
            'into one cell. Close the quote, or write a quote inside a cell as two ("").',
        )
    if message.startswith("field larger than field limit"):
        kilobytes = csv.field_size_limit() // 1024
        return Problem(row_start, f"a cell in this row is longer than {kilobytes} KB.")
    if message.endswith("expected after '\"'"):
        return Problem(
            at,
            "a cell has text after its closing quote. Put the quotes around the whole cell, and "
            'write a quote inside it as two ("").',
        )
    return Problem(at, f"the file cannot be read as CSV ({error}).")


def check_header(columns: list[str], line: int) -> list[Problem]:
    named = [name for name in columns if name]
    problems = []
    unknown = [name for name in named if name not in COLUMNS]
    if unknown:
        problems.append(
            Problem(
                line,
                f"unknown column{'s' if len(unknown) > 1 else ''} {quote_all(unknown)}. "
                f"The columns are: {COLUMN_LIST}.",
            )
        )
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        problems.append(Problem(line, f"column {quote_all(repeated)} appears more than once."))
    missing = [name for name in COLUMNS if name not in named]
    if missing:
        problems.append(
            Problem(
                line,
                f"missing column{'s' if len(missing) > 1 else ''} {quote_all(missing)}. "
                "Every column must be in the header, even when its cells are blank.",
            )
        )
    return problems


def quote_all(names: list[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


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
        ),
        problems,
    )


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
