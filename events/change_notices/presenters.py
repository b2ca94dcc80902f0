"""What a change notice says about each session: the net change over the window, in words.

Only the net change is told: from the session as it stood before the notice's first change
to the session as it stands now. A session moved and moved back, or cancelled and restored,
within one window is left out: nothing the person knew has changed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from django.conf import settings

from events.enums import AttendanceStatus, ChangeKind
from events.formatting import DASH, local, span_without_year
from events.models import Attendance, ScheduleChange, Session
from festival.models import Room


@dataclass(frozen=True)
class SessionChangeSummary:
    """One changed session in a notice: `label` ("Moved") and `text` make the headline."""

    session: Session
    label: str
    text: str
    standing: str
    url: str
    has_place: bool

    @property
    def headline(self) -> str:
        return f"{self.label}: {self.text}"


def summarise_session_changes(
    *, session: Session, changes: Sequence[ScheduleChange], attendance: Attendance
) -> SessionChangeSummary | None:
    """The net effect of `changes` (oldest first) on `session` as it stands now, for the
    person booked or waiting on it; None when there is nothing left to tell."""
    first = changes[0]
    if first.old_start is None or first.old_end is None:
        return None
    zone = session.festival.zone
    was_cancelled = cancelled_before(changes, now_cancelled=session.is_cancelled)
    moved = (first.old_start, first.old_end) != (session.start, session.end)
    new_room = first.old_room_id is not None and first.old_room_id != session.room_id
    title = session.title
    if session.is_cancelled:
        if was_cancelled:
            return None
        where = f", in {room_phrase(first.old_room)}" if first.old_room else ""
        label = "Cancelled"
        was = span_without_year(first.old_start, first.old_end, zone)
        text = f"{title} ({was}{where}) has been cancelled."
    elif was_cancelled:
        label = "Back on"
        text = (
            f"{title} is on again: {span_without_year(session.start, session.end, zone)}"
            f"{was_span(first, session, zone) if moved else ''}, in {room_phrase(session.room)}"
            f"{was_room(first.old_room) if new_room else ''}."
        )
    elif moved:
        label = "Moved"
        text = (
            f"{title} is now {span_without_year(session.start, session.end, zone)}"
            f"{was_span(first, session, zone)}, in {room_phrase(session.room)}"
            f"{was_room(first.old_room) if new_room else ''}."
        )
    elif new_room:
        label = "New room"
        text = (
            f"{title}, {span_without_year(session.start, session.end, zone)}, is now in "
            f"{room_phrase(session.room)}{was_room(first.old_room)}."
        )
    else:
        return None
    return SessionChangeSummary(
        session=session,
        label=label,
        text=text,
        standing=standing(attendance, cancelled=session.is_cancelled),
        url=settings.SITE_URL + session.get_absolute_url(),
        has_place=attendance.status == AttendanceStatus.GOING,
    )


def cancelled_before(changes: Sequence[ScheduleChange], *, now_cancelled: bool) -> bool:
    """Whether the session was cancelled before the first of `changes`: the first change of
    status says which way it went; with none, the status is what it is now."""
    for change in changes:
        if change.kind == ChangeKind.CANCELLED:
            return False
        if change.kind == ChangeKind.RESTORED:
            return True
    return now_cancelled


def standing(attendance: Attendance, *, cancelled: bool) -> str:
    """The person's booking on the session, in a sentence."""
    if attendance.status == AttendanceStatus.WAITLISTED:
        verb = "were" if cancelled else "are"
        return f"You {verb} number {attendance.position} on the waitlist."
    if attendance.session.is_drop_in:
        return "It was in your programme." if cancelled else "It is in your programme (drop-in)."
    return "You had a place." if cancelled else "You have a place."


def was_span(first: ScheduleChange, session: Session, zone: tzinfo) -> str:
    """Like " (was 10:00-11:00)" (an en dash): only the clock times when the day and zone
    are the same."""
    old_start, old_end = local(first.old_start, zone), local(first.old_end, zone)
    start, end = local(session.start, zone), local(session.end, zone)
    same_day = old_start.date() == old_end.date() == start.date() == end.date()
    same_zone = old_start.tzname() == old_end.tzname() == end.tzname()
    if same_day and same_zone:
        return f" (was {old_start:%H:%M}{DASH}{old_end:%H:%M})"
    return f" (was {span_without_year(old_start, old_end, zone)})"


def was_room(room: Room | None) -> str:
    return f" (was {room_phrase(room)})" if room is not None else ""


def room_phrase(room: Room) -> str:
    """ "the Main Hall"; a name that is a number ("Room 2") or starts with "The" is left bare."""
    name = room.name.strip()
    last_word = name.rsplit(" ", 1)[-1]
    if name.lower().startswith("the ") or last_word.isdigit():
        return name
    return f"the {name}"
