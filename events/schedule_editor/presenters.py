"""What the schedule editor shows: one day, rooms as columns and time to scale, drafts marked.

Times are in 5-minute steps: a card spans one grid row per 5 minutes, so an hour is always the
same height. The cards are listed in time order, which is what a phone shows: the same page
is a grid on a wide screen and a list on a narrow one (static/css/editor.css).
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.urls import reverse

from events.formatting import DASH, clock
from events.models import PendingChange, Session
from events.schedule_editor.services import version_of
from festival.models import Festival

SNAP_MINUTES = 5
# The grid opens on the hour before the first session and closes on the hour after the last.
EMPTY_DAY = (time(9), time(18))


@dataclass(frozen=True)
class EditorCard:
    ref: str
    title: str
    start: datetime
    end: datetime
    room: str
    date: str
    start_text: str
    end_text: str
    version: str
    edit_url: str
    move_url: str
    is_cancelled: bool
    draft: str = ""  # what the unpublished change does: "new", "moved", "cancelled", "edited"
    session_slug: str = ""
    # Where Cancel (or Restore, for a cancelled one) posts; none for a new session's draft.
    status_url: str = ""
    row: int = 0
    row_span: int = 1
    column: int = 1

    @property
    def span(self) -> str:
        return f"{self.start_text}{DASH}{self.end_text}"

    @property
    def style(self) -> str:
        return f"grid-row: {self.row} / span {self.row_span}; grid-column: {self.column};"


@dataclass(frozen=True)
class TrayItem:
    """A new session with no day, time or room yet, waiting to be placed."""

    ref: str
    title: str
    edit_url: str
    move_url: str
    version: str


@dataclass(frozen=True)
class EditorDay:
    day: date
    rooms: list[str]
    cards: list[EditorCard]
    opens: datetime
    slots: int
    hour_marks: list[tuple[int, str]] = field(default_factory=list)
    tray: list[TrayItem] = field(default_factory=list)

    @property
    def style(self) -> str:
        return (
            f"grid-template-columns: 4rem repeat({len(self.rooms)}, minmax(9rem, 1fr)); "
            f"grid-template-rows: 2.5rem repeat({self.slots}, var(--slot-height));"
        )


def editor_day(
    *,
    festival: Festival,
    day: date,
    rooms: list[str],
    sessions: list[Session],
    drafts: list[PendingChange],
) -> EditorDay:
    """The day as the organisers see it: each session as its draft leaves it, if it has one,
    and the new sessions drafted for the day."""
    zone = festival.zone
    draft_of = {draft.ref: draft for draft in drafts}
    cards = []
    for session in sessions:
        draft = draft_of.pop(session.ref, None) if session.ref else None
        cards.append(card_of(festival, session=session, draft=draft))
    tray = []
    for draft in draft_of.values():
        if draft.session_id is None and draft.is_placed:
            cards.append(card_of(festival, session=None, draft=draft))
        elif draft.session_id is None:
            tray.append(tray_item(festival, draft))
    cards = [card for card in cards if card.start.astimezone(zone).date() == day]
    for card in cards:
        if card.room not in rooms:
            rooms.append(card.room)
    first = min([card.start for card in cards], default=None)
    last = max([card.end for card in cards], default=None)
    opens = datetime.combine(day, EMPTY_DAY[0], tzinfo=zone)
    closes = datetime.combine(day, EMPTY_DAY[1], tzinfo=zone)
    if first is not None:
        opens = min(opens, first.astimezone(zone).replace(minute=0, second=0))
        closes = max(closes, last.astimezone(zone))
    slots = max(1, -(-int((closes - opens).total_seconds() // 60) // SNAP_MINUTES))
    placed = [
        place(card, opens=opens, column=rooms.index(card.room) + 2)
        for card in sorted(cards, key=lambda card: (card.start, rooms.index(card.room)))
    ]
    marks = []
    moment = opens
    while moment < closes:
        minutes = int((moment - opens).total_seconds() // 60)
        marks.append((minutes // SNAP_MINUTES + 2, clock(moment, zone)))
        moment += timedelta(hours=1)
    return EditorDay(
        day=day,
        rooms=rooms,
        cards=placed,
        opens=opens,
        slots=slots,
        hour_marks=marks,
        tray=tray,
    )


def tray_item(festival: Festival, draft: PendingChange) -> TrayItem:
    return TrayItem(
        ref=draft.ref,
        title=draft.row["title"],
        edit_url=reverse("organise-draft-edit", args=[festival.slug, draft.ref]),
        move_url=reverse("organise-draft-move", args=[festival.slug, draft.ref]),
        version=version_of(None, draft),
    )


def card_of(
    festival: Festival, *, session: Session | None, draft: PendingChange | None
) -> EditorCard:
    """A session (as its draft leaves it) or a new session's draft, as a card."""
    zone = festival.zone
    if draft is not None:
        row = draft.row
        start = festival.local_datetime(
            date.fromisoformat(row["date"]), time.fromisoformat(row["start"])
        )
        end = festival.local_datetime(
            date.fromisoformat(row["date"]), time.fromisoformat(row["end"])
        )
        kind = draft_kind(draft)
        if session is not None:
            urls = session_urls(festival, session, cancelled=row.get("status") == "cancelled")
        else:
            urls = {
                "edit_url": reverse("organise-draft-edit", args=[festival.slug, draft.ref]),
                "move_url": reverse("organise-draft-move", args=[festival.slug, draft.ref]),
                "status_url": "",
            }
        return EditorCard(
            ref=draft.ref,
            title=row["title"],
            start=start,
            end=end,
            room=row["room"],
            date=row["date"],
            start_text=row["start"],
            end_text=row["end"],
            version=version_of(session, draft),
            is_cancelled=row.get("status") == "cancelled",
            **urls,
            draft=kind,
            session_slug=session.slug if session is not None else "",
        )
    assert session is not None
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    return EditorCard(
        ref=session.ref,
        title=session.title,
        start=session.start,
        end=session.end,
        room=session.room.name,
        date=start.date().isoformat(),
        start_text=clock(start, zone),
        end_text=clock(end, zone),
        version=version_of(session, None),
        is_cancelled=session.is_cancelled,
        **session_urls(festival, session, cancelled=session.is_cancelled),
        session_slug=session.slug,
    )


def session_urls(festival: Festival, session: Session, *, cancelled: bool) -> dict[str, str]:
    args = [festival.slug, session.slug]
    status = "organise-session-restore" if cancelled else "organise-session-cancel"
    return {
        "edit_url": reverse("organise-session-edit", args=args),
        "move_url": reverse("organise-session-move", args=args),
        "status_url": reverse(status, args=args),
    }


def draft_kind(draft: PendingChange) -> str:
    """What a draft does to its session, in one word for the card's badge."""
    base, row = draft.base_row, draft.row
    if base is None:
        return "new"
    if row.get("status") != base.get("status"):
        return "cancelled" if row.get("status") == "cancelled" else "restored"
    if any(row.get(column) != base.get(column) for column in ("date", "start", "end", "room")):
        return "moved"
    return "edited"


def change_label(draft: PendingChange) -> str:
    """What a draft will do, as the publish page and the import's preview name it."""
    base, row = draft.base_row, draft.row
    if base is None:
        return "Added"
    if row.get("status") != base.get("status"):
        return "Cancelled" if row.get("status") == "cancelled" else "Back on"
    if any(row.get(column) != base.get(column) for column in ("date", "start", "end")):
        return "Moved"
    if row.get("room") != base.get("room"):
        return "Room changed"
    return "Edited"


def place(card: EditorCard, *, opens: datetime, column: int) -> EditorCard:
    minutes = int((card.start - opens).total_seconds() // 60)
    length = max(SNAP_MINUTES, int((card.end - card.start).total_seconds() // 60))
    return EditorCard(
        **{
            **card.__dict__,
            "row": minutes // SNAP_MINUTES + 2,
            "row_span": max(1, -(-length // SNAP_MINUTES)),
            "column": column,
        }
    )


def end_keeping_length(row: dict[str, str], *, start: str) -> str:
    """The end time that keeps the session's length when it starts at `start` instead."""
    old_start, old_end = time.fromisoformat(row["start"]), time.fromisoformat(row["end"])
    length = datetime.combine(date.min, old_end) - datetime.combine(date.min, old_start)
    new_end = datetime.combine(date.min, time.fromisoformat(start)) + length
    return f"{new_end:%H:%M}"


@dataclass(frozen=True)
class FormProblem:
    """A problem on the session form, and the id of the field it is about ("" for none)."""

    message: str
    field_id: str = ""


# How a rule's message begins, and the field it is about (the import's words name the column).
PROBLEM_FIELDS = (
    (re.compile(r"^title\b", re.IGNORECASE), "title"),
    (re.compile(r"^date\b|\bis outside\b", re.IGNORECASE), "date"),
    (re.compile(r"^start\b", re.IGNORECASE), "start"),
    (re.compile(r"^end\b|\bends before\b|\bends at or before\b", re.IGNORECASE), "end"),
    (re.compile(r"^format\b", re.IGNORECASE), "format"),
    (re.compile(r"^no room\b|\bis double-booked\b", re.IGNORECASE), "room"),
    (re.compile(r"^speaker\b|\bis booked in two places\b", re.IGNORECASE), "new_speakers"),
    (re.compile(r"^capacity\b", re.IGNORECASE), "capacity"),
    (re.compile(r"^theme\b", re.IGNORECASE), "themes"),
    (re.compile(r"^status\b", re.IGNORECASE), "status"),
    (re.compile(r"^event\b", re.IGNORECASE), "event"),
)


def form_problems(problems: list[str], form) -> list[FormProblem]:
    """Each problem with the form field it names, so the summary can link to it; a problem of
    another draft ("“x” (unpublished): ...") or of the whole form links nowhere."""
    found = []
    for message in problems:
        name = next((name for pattern, name in PROBLEM_FIELDS if pattern.search(message)), "")
        if message.startswith("\N{LEFT DOUBLE QUOTATION MARK}") or name not in form.fields:
            name = ""
        found.append(FormProblem(message, form[name].auto_id if name else ""))
    return found
