"""CSV downloads for organisers: the programme in the import's own columns (download, edit in
a spreadsheet, import back), and the attendee lists.

What the import cannot take back is written so that the import says why instead of guessing:
a speaker without an email is written by name alone (the import asks for the email), and a
session that ends on a later day has its end written with its date (the file has one date
column, and the import says so).
"""

import csv
import io
from collections.abc import Iterable
from datetime import tzinfo

from events.access.presenters import needs_in_words
from events.access.selectors import STANDARD_VOCABULARY, Vocabulary, vocabulary_of
from events.importing import escape_formula
from events.models import Attendance
from festival.models import Festival


def attendee_csv(*, festival: Festival, attendances: Iterable[Attendance]) -> str:
    """The attendee list, times in the festival's zone. It starts with a byte order mark so
    that Excel reads the names as UTF-8; formula-like cells are quoted as text."""
    out = io.StringIO()
    out.write("\N{BYTE ORDER MARK}")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(attendee_csv_header(festival))
    zone = festival.zone
    vocabulary = vocabulary_of(festival=festival)
    for attendance in attendances:
        row = attendee_csv_row(attendance, zone, vocabulary=vocabulary)
        writer.writerow([escape_formula(cell) for cell in row])
    return out.getvalue()


def attendee_csv_header(festival: Festival) -> list[str]:
    return [
        "Session",
        f"Start ({festival.timezone})",
        "Room",
        "Session status",
        "Name",
        "Email",
        "Status",
        "Waitlist position",
        f"Checked in at ({festival.timezone})",
        "Access needs",
    ]


def attendee_csv_row(
    attendance: Attendance, zone: tzinfo, *, vocabulary: Vocabulary = STANDARD_VOCABULARY
) -> list[str]:
    session = attendance.session
    checked_in_at = attendance.checked_in_at
    return [
        session.title,
        f"{session.start.astimezone(zone):%Y-%m-%d %H:%M}",
        session.room.name,
        session.get_status_display(),
        attendance.user.name,
        attendance.user.email,
        attendance.get_status_display(),
        "" if attendance.position is None else str(attendance.position),
        "" if checked_in_at is None else f"{checked_in_at.astimezone(zone):%Y-%m-%d %H:%M}",
        needs_in_words(attendance, vocabulary=vocabulary),
    ]
