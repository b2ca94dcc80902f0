"""The programme as the import's own CSV: download, edit in a spreadsheet, import back."""

import csv
import io

from events.enums import SessionStatus
from events.importing import COLUMNS
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
    """One row per session, in the columns and notation `import_programme` reads."""
    zone = festival.zone
    rows = []
    for session in sessions_for_csv(festival=festival):
        start, end = session.start.astimezone(zone), session.end.astimezone(zone)
        rows.append(
            [
                session.ref,
                session.event.slug,
                start.date().isoformat(),
                f"{start:%H:%M}",
                f"{end:%H:%M}",
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
        )
    return rows


def programme_csv(*, festival: Festival) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(programme_csv_rows(festival=festival))
    return out.getvalue()
