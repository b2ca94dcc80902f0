"""Writes to the programme that attendees and calendars must hear about."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.enums import ChangeKind, SessionStatus
from events.models import ScheduleChange, Session
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


@transaction.atomic
def record_session_change(*, session: Session, old: SessionTimes) -> ScheduleChange | None:
    """Compare a saved session with its earlier times, room and status.

    Side effects, when something a calendar shows has changed: bumps `sequence` (saved), and
    writes a ScheduleChange with the old and new values. Returns the change, or None.
    """
    new = SessionTimes.of(session)
    kind = change_kind(old, new)
    if kind is None:
        return None
    # F() so two writers racing on one session both count.
    Session.objects.filter(pk=session.pk).update(
        sequence=F("sequence") + 1, updated_at=timezone.now()
    )
    session.refresh_from_db(fields=["sequence", "updated_at"])
    return ScheduleChange.objects.create(
        session=session,
        kind=kind,
        old_start=old.start,
        old_end=old.end,
        old_room=old.room,
        new_start=new.start,
        new_end=new.end,
        new_room=new.room,
    )


@transaction.atomic
def record_session_added(*, session: Session) -> ScheduleChange:
    """Log a session added to an already published programme."""
    return ScheduleChange.objects.create(
        session=session,
        kind=ChangeKind.ADDED,
        new_start=session.start,
        new_end=session.end,
        new_room=session.room,
    )
