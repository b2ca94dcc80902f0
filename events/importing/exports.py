"""The programme as CSV in the import's own columns: download, edit in a spreadsheet, import back.

What the import cannot take back is written so that the import says why instead of guessing:
a speaker without an email is written by name alone (the import asks for the email), and a
session that ends on a later day has its end written with its date (the file has one date
column, and the import says so).
"""

import csv
import io

from events.enums import SessionStatus
from events.importing import COLUMNS, escape_formula
from events.models import Session
from festival.models import Festival


def sessions_for_csv(*, festival: Festival) -> list[Session]:
    return list(
        Session.objects.filter(festival=festival)
        .select_related("event", "room")
        .prefetch_related("speakers", "themes")
        .order_by("start", "room__position", "room__name", "pk")
    )


def programme_csv_rows(*, festival: Festival) -> list[list[str]]:
    """One row per session, in the columns and notation `import_programme` reads; a cell a
    spreadsheet would run as a formula starts with a quote, which the import takes off."""
    zone = festival.zone
    rows = []
    for session in sessions_for_csv(festival=festival):
        start, end = session.start.astimezone(zone), session.end.astimezone(zone)
        cells = [
            session.ref,
            session.event.slug,
            start.date().isoformat(),
            f"{start:%H:%M}",
            f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}",
            session.room.name,
            session.title,
            session.format,
            "; ".join(
                f"{speaker.name} <{speaker.email}>" if speaker.email else speaker.name
                for speaker in sorted(session.speakers.all(), key=lambda s: s.name)
            ),
            "" if session.capacity is None else str(session.capacity),
            "; ".join(sorted(theme.name for theme in session.themes.all())),
            "cancelled" if session.status == SessionStatus.CANCELLED else "",
            session.description,
        ]
        rows.append([escape_formula(cell) for cell in cells])
    return rows


def programme_csv(*, festival: Festival) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(programme_csv_rows(festival=festival))
    return out.getvalue()
