"""Places, waitlists and check-in. The last place is never sold twice.

Every write locks the session's row first (`select_for_update`), so bookings, cancellations
and capacity changes on one session happen one after another on PostgreSQL, while different
sessions never wait for each other. Waitlist positions are kept as 1..n with no gaps.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import ngettext

from events.bookings.selectors import booking_state
from events.enums import AttendanceStatus, SessionStatus
from events.models import Attendance, Session
from events.programme.stamp import touch_places
from events.reminders.services import (
    cancel_attendance_reminders,
    plan_attendance_reminders,
    plan_first_reminders,
    reminders_wanted_by,
)
from festival.outbox.services import Message, owe_message, owe_messages

# Kinds of outbox message bookings owe (events/outbox_renderers.py renders them).
BOOKING_CONFIRMATION = "booking-confirmation"
WAITLIST_PROMOTION = "waitlist-promotion"


class BookingError(Exception):
    """A booking action that cannot be done; the message says why, for the person."""


@dataclass(frozen=True)
class BookingOutcome:
    attendance: Attendance
    # The person's other sessions at overlapping times: a warning, not a block.
    overlaps: list[Session] = field(default_factory=list)

    @property
    def is_waitlisted(self) -> bool:
        return self.attendance.status == AttendanceStatus.WAITLISTED


def locked_session(session: Session) -> Session:
    # of=("self",): lock the session row only, not its festival, so that bookings on
    # different sessions of one festival never wait for each other.
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("festival")
        .get(pk=session.pk)
    )


def book_place(*, user, session: Session) -> BookingOutcome:
    """Give `user` a place on `session`, or a place at the end of its waitlist when it is full.

    A drop-in session (no capacity) simply goes into the person's programme. Re-uses the
    person's earlier (cancelled) row for this session. Owes the person a confirmation (the
    outbox, rendered by the sender: nothing is rendered under the session's lock).
    Raises BookingError for a cancelled or past session, or one already booked.

    Only what must see every earlier booking happens under the session's lock: from the lock
    to the commit, a new booking is five statements (the lock, one aggregate for the counts
    and the person's own row, and one insert each for the row, its reminders and its outbox
    row). The person's choice of reminders is read before the lock, their other sessions at
    the same time after the commit: no booking of this session changes either.
    """
    wants = reminders_wanted_by(user=user)
    with transaction.atomic():
        attendance = _take_place(user=user, session=session, wants=wants)
    return BookingOutcome(
        attendance=attendance, overlaps=overlapping_sessions(user=user, session=attendance.session)
    )


def _take_place(*, user, session: Session, wants: str) -> Attendance:
    """book_place's part under the session's lock; `wants` is the person's reminders choice."""
    session = locked_session(session)
    if session.status == SessionStatus.CANCELLED:
        raise BookingError("This session has been cancelled, so it cannot be booked.")
    if session.start <= timezone.now():
        raise BookingError("This session has already started, so it can no longer be booked.")
    state = booking_state(session=session, user=user)
    if state.is_going:
        raise BookingError("You already have a place on this session.")
    if state.is_waitlisted:
        raise BookingError(
            f"You are already on the waitlist for this session, at number {state.position}."
        )
    if state.attendance_id is None:
        attendance = Attendance(user=user, session=session)
    else:
        # Booking again: the cancelled row, read only now (rarely) to keep its access needs.
        attendance = Attendance.objects.get(pk=state.attendance_id)
        # Give it the objects already in hand, so what follows (reminders, the outbox row)
        # reads no more rows under the session's lock.
        attendance.user, attendance.session = user, session
    is_new = attendance.pk is None
    if session.capacity is None or state.going < session.capacity:
        attendance.status, attendance.position = AttendanceStatus.GOING, None
    else:
        attendance.status, attendance.position = AttendanceStatus.WAITLISTED, state.waiting + 1
    attendance.checked_in_at = None
    attendance.save()
    if attendance.status == AttendanceStatus.GOING and state.going + 1 == session.capacity:
        touch_places(session.festival_id)  # the last place: the programme now says "Full"
    if attendance.status == AttendanceStatus.GOING and is_new:
        plan_first_reminders(attendance=attendance, wants=wants)
    elif attendance.status == AttendanceStatus.GOING:
        plan_attendance_reminders(attendance=attendance, wants=wants)
    owe_message(attendance_message(BOOKING_CONFIRMATION, attendance))
    return attendance


def overlapping_sessions(*, user, session: Session) -> list[Session]:
    """The person's other booked or waitlisted sessions that overlap this one in time."""
    return list(
        Session.objects.filter(
            attendances__user_id=user.pk,
            attendances__status__in=[AttendanceStatus.GOING, AttendanceStatus.WAITLISTED],
            start__lt=session.end,
            end__gt=session.start,
        )
        .exclude(pk=session.pk)
        .order_by("start")
    )


@transaction.atomic
def cancel_booking(*, user, session: Session) -> Attendance:
    """Cancel `user`'s place or waitlist spot on `session`.

    A freed place goes to the first person on the waitlist (who is emailed); leaving the
    waitlist moves everyone behind up one. Raises BookingError if there is nothing to cancel.
    """
    session = locked_session(session)
    attendance = Attendance.objects.filter(user=user, session=session).first()
    if attendance is None or attendance.status == AttendanceStatus.CANCELLED:
        raise BookingError("You have no place or waitlist spot on this session to cancel.")
    was_going, position = attendance.is_going, attendance.position
    attendance.status, attendance.position, attendance.checked_in_at = (
        AttendanceStatus.CANCELLED,
        None,
        None,
    )
    attendance.save(update_fields=["status", "position", "checked_in_at", "updated_at"])
    cancel_attendance_reminders(attendance=attendance)
    if position is not None:
        close_waitlist_gap(session=session, after=position, count=1)
    freed = was_going and not promote_from_waitlist(session=session)
    # It was full, and nobody took the place: the programme offers one again.
    if freed and session.capacity == session.attendances.going().count() + 1:
        touch_places(session.festival_id)
    return attendance


def close_waitlist_gap(*, session: Session, after: int, count: int) -> None:
    session.attendances.waitlisted().filter(position__gt=after).update(
        position=F("position") - count
    )


@transaction.atomic
def promote_from_waitlist(*, session: Session) -> list[Attendance]:
    """Fill free places from the front of the waitlist, first come first served.

    Call it whenever places may have opened: a cancellation, a higher capacity, a move to
    another room. Each promoted person is owed an email (the outbox). Returns those promoted.
    """
    session = locked_session(session)
    if session.status == SessionStatus.CANCELLED:
        return []
    waiting = session.attendances.waitlisted().select_related("user").order_by("position")
    if session.capacity is not None:
        free = session.capacity - session.attendances.going().count()
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    if not promoted:
        return []
    now = timezone.now()
    Attendance.objects.filter(pk__in=[attendance.pk for attendance in promoted]).update(
        status=AttendanceStatus.GOING, position=None, updated_at=now
    )
    close_waitlist_gap(session=session, after=promoted[-1].position, count=len(promoted))
    for attendance in promoted:
        attendance.status, attendance.position = AttendanceStatus.GOING, None
        attendance.session, attendance.updated_at = session, now
        plan_attendance_reminders(attendance=attendance)
    owe_messages(attendance_message(WAITLIST_PROMOTION, attendance) for attendance in promoted)
    return promoted


def attendance_message(kind: str, attendance: Attendance) -> Message:
    """The outbox message about this booking as it was just saved. The row is reused when a
    person books again, so the key carries the save's time: one message per booking, and
    one per promotion, never two."""
    return Message(
        kind=kind,
        dedupe_key=f"{kind}:{attendance.pk}:{attendance.updated_at.isoformat()}",
        recipient=attendance.user.email,
        payload={"attendance_id": attendance.pk},
        festival_id=attendance.session.festival_id,
    )


@transaction.atomic
def change_capacity(*, session: Session, capacity: int | None) -> list[Attendance]:
    """Set the number of places (None: drop-in), then promote from the waitlist.

    Raises BookingError if fewer places than people already going are asked for.
    """
    session = locked_session(session)
    going = session.attendances.going().count()
    if capacity is not None and capacity < going:
        raise BookingError(
            ngettext(
                "%(count)s person already has a place, so the capacity cannot be lower than "
                "%(count)s.",
                "%(count)s people already have places, so the capacity cannot be lower than "
                "%(count)s.",
                going,
            )
            % {"count": going}
        )
    Session.objects.filter(pk=session.pk).update(capacity=capacity, updated_at=timezone.now())
    touch_places(session.festival_id)  # the cards show the number of places
    return promote_from_waitlist(session=session)


@transaction.atomic
def check_in(*, attendance: Attendance) -> Attendance:
    """Mark a person with a place as arrived. Raises BookingError for anyone else."""
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if attendance.status != AttendanceStatus.GOING:
        raise BookingError(f"{attendance.user} has no place on this session to check in.")
    if attendance.checked_in_at is None:
        attendance.checked_in_at = timezone.now()
        attendance.save(update_fields=["checked_in_at", "updated_at"])
    return attendance


@transaction.atomic
def undo_check_in(*, attendance: Attendance) -> Attendance:
    """Take back a check-in made by mistake."""
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if attendance.checked_in_at is not None:
        attendance.checked_in_at = None
        attendance.save(update_fields=["checked_in_at", "updated_at"])
    return attendance
