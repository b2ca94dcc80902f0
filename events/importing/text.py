"""Reading the programme file as text: bytes to UTF-8 text, line ends, the delimiter, rows
with their physical line numbers, and the header. Cells are read in parse.py."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import ngettext

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
# Optional: a file without them imports as before, leaving sessions' access as it is.
OPTIONAL_COLUMNS = ("access", "content_note")
ALL_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS)
COLUMN_LIST = ", ".join(COLUMNS) + " (and optionally " + ", ".join(OPTIONAL_COLUMNS) + ")"
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: dict[str, str]


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
    unknown = [name for name in named if name not in ALL_COLUMNS]
    if unknown:
        problems.append(
            Problem(
                line,
                ngettext("unknown column", "unknown columns", len(unknown))
                + f" {quote_all(unknown)}. "
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
                ngettext("missing column", "missing columns", len(missing))
                + f" {quote_all(missing)}. "
                "Every column must be in the header, even when its cells are blank.",
            )
        )
    return problems


def quote_all(names: list[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)
