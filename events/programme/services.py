"""Writes to the programme that attendees and calendars must hear about."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.change_notices.services import collect_change_notices
from events.enums import ChangeKind, SessionStatus
from events.models import ScheduleChange, Session
from events.programme.stamp import touch_programmes
from events.reminders.services import reschedule_session_reminders
from festival.models import Room


@dataclass(frozen=True)
class SessionTimes:
    """The parts of a session that a calendar shows as a change (SEQUENCE +1)."""

    start: datetime
    end: datetime
    room: Room
    status: str

    @classmethod
    def of(cls, session: Session) -> "SessionTimes":
        return cls(start=session.start, end=session.end, room=session.room, status=session.status)


def change_kind(old: SessionTimes, new: SessionTimes) -> str | None:
    """The headline of a change, or None when nothing a calendar shows has changed."""
    if old.status != new.status:
        return (
            ChangeKind.CANCELLED if new.status == SessionStatus.CANCELLED else ChangeKind.RESTORED
        )
    if (old.start, old.end) != (new.start, new.end):
        return ChangeKind.MOVED
    if old.room.pk != new.room.pk:
        return ChangeKind.ROOM
    return None


def record_session_changes(
    *, changes: Sequence[tuple[Session, SessionTimes]]
) -> list[ScheduleChange]:
    """Compare saved sessions with their earlier times, room and status, in a fixed number of
    queries however many sessions there are.

    Side effects, for each session whose calendar view changed: `sequence` +1 and
    `updated_at` now (saved, and refreshed on the instance), a ScheduleChange with the old
    and new values, its unsent reminders recomputed (or cancelled with the session), and the
    change added to the change notice of everyone booked or waiting on it. Sessions with no
    such change are left alone. Returns the changes written.
    """
    changed = [
        (session, old, kind)
        for session, old in changes
        if (kind := change_kind(old, SessionTimes.of(session))) is not None
    ]
    if not changed:
        return []
    with transaction.atomic():
        return write_session_changes(changed)


def write_session_changes(changed: list[tuple[Session, SessionTimes, str]]) -> list[ScheduleChange]:
    now = timezone.now()
    pks = [session.pk for session, _old, _kind in changed]
    # F() so that two writers racing on one session both count.
    Session.objects.filter(pk__in=pks).update(sequence=F("sequence") + 1, updated_at=now)
    touch_programmes({session.festival_id for session, _old, _kind in changed})
    sequences = dict(Session.objects.filter(pk__in=pks).values_list("pk", "sequence"))
    for session, _old, _kind in changed:
        session.sequence, session.updated_at = sequences[session.pk], now
    written = ScheduleChange.objects.bulk_create(
        ScheduleChange(
            # bulk_create skips ScheduleChange.save(), which copies these from the session.
            festival_id=session.festival_id,
            session=session,
            session_title=session.title,
            kind=kind,
            old_start=old.start,
            old_end=old.end,
            old_room=old.room,
            new_start=session.start,
            new_end=session.end,
            new_room=session.room,
        )
        for session, old, kind in changed
    )
    reschedule_session_reminders(sessions=[session for session, _old, _kind in changed])
    collect_change_notices(changes=written)
    return written


def record_session_change(*, session: Session, old: SessionTimes) -> ScheduleChange | None:
    """`record_session_changes` for one session: the change written, or None."""
    written = record_session_changes(changes=[(session, old)])
    return written[0] if written else None


def record_sessions_added(*, sessions: Sequence[Session]) -> list[ScheduleChange]:
    """Log sessions added to an already published programme, in one query."""
    return ScheduleChange.objects.bulk_create(
        ScheduleChange(
            # bulk_create skips ScheduleChange.save(), which copies these from the session.
            festival_id=session.festival_id,
            session=session,
            session_title=session.title,
            kind=ChangeKind.ADDED,
            new_start=session.start,
            new_end=session.end,
            new_room=session.room,
        )
        for session in sessions
    )


def record_session_added(*, session: Session) -> ScheduleChange:
    """`record_sessions_added` for one session."""
    return record_sessions_added(sessions=[session])[0]
