"""The programme as CSV in the import's own columns: download, edit in a spreadsheet, import back.

What the import cannot take back is written so that the import says why instead of guessing:
a speaker without an email is written by name alone (the import asks for the email), and a
session that ends on a later day has its end written with its date (the file has one date
column, and the import says so).
"""

import csv
import io
from datetime import tzinfo

from events.enums import SessionStatus
from events.importing import ALL_COLUMNS, escape_formula
from events.models import Session
from festival.models import Festival


def sessions_for_csv(*, festival: Festival) -> list[Session]:
    return list(
        Session.objects.filter(festival=festival)
        .select_related("event", "room")
        .prefetch_related("speakers", "themes")
        .order_by("start", "room__position", "room__name", "pk")
    )


def session_row(session: Session, *, zone: tzinfo) -> dict[str, str]:
    """The session in the import's columns and notation, as plain text (no formula quoting):
    what the CSV download writes and what the organisers' forms start from."""
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    return {
        "ref": session.ref,
        "event": session.event.slug,
        "date": start.date().isoformat(),
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}",
        "room": session.room.name,
        "title": session.title,
        "format": session.format,
        "speakers": "; ".join(
            f"{speaker.name} <{speaker.email}>" if speaker.email else speaker.name
            for speaker in sorted(session.speakers.all(), key=lambda s: s.name)
        ),
        "capacity": "" if session.capacity is None else str(session.capacity),
        "themes": "; ".join(sorted(theme.name for theme in session.themes.all())),
        "status": "cancelled" if session.status == SessionStatus.CANCELLED else "",
        "description": session.description,
        "access": "; ".join(session.access),
        "content_note": session.content_note,
    }


def programme_csv_rows(*, festival: Festival) -> list[list[str]]:
    """One row per session, in the columns and notation `import_programme` reads; a cell a
    spreadsheet would run as a formula starts with a quote, which the import takes off."""
    zone = festival.zone
    return [
        [escape_formula(session_row(session, zone=zone)[column]) for column in ALL_COLUMNS]
        for session in sessions_for_csv(festival=festival)
    ]


def programme_csv(*, festival: Festival) -> str:
    return rows_as_csv(programme_csv_rows(festival=festival))[0]


def rows_as_csv(rows: list[list[str]]) -> tuple[str, list[int]]:
    """The CSV text of `rows` under the import's header, and the line each row starts on (the
    header is line 1; a cell with line breaks makes its row take more than one line)."""
    header = csv_line(list(ALL_COLUMNS))
    lines, starts, line = [header], [], 2
    for row in rows:
        text = csv_line(row)
        lines.append(text)
        starts.append(line)
        line += text.count("\n")
    return "".join(lines), starts


def csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()
