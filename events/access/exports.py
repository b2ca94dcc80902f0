"""The needs CSV of one session, for the access team: formula-safe like the attendee CSV."""

import csv
import io
from collections.abc import Iterable

from events.access.selectors import Vocabulary
from events.importing.text import escape_formula
from events.models import Attendance

NEEDS_CSV_HEADER = [
    "Name",
    "Email",
    "Status",
    "Waitlist position",
    "Access needs",
    "In their words",
]


def needs_csv(*, bookings: Iterable[Attendance], vocabulary: Vocabulary) -> str:
    """One row a person going or waiting, with a byte order mark so Excel reads UTF-8."""
    out = io.StringIO()
    out.write("\N{BYTE ORDER MARK}")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(NEEDS_CSV_HEADER)
    for booking in bookings:
        codes, note = booking.needs
        row = [
            booking.user.name,
            booking.user.email,
            booking.get_status_display(),
            "" if booking.position is None else str(booking.position),
            "; ".join(vocabulary.label(code) for code in vocabulary.in_order(codes)),
            note,
        ]
        writer.writerow([escape_formula(cell) for cell in row])
    return out.getvalue()
