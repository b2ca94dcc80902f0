"""The rules a hand edit of the programme must keep, and how it is recorded.

A session saved from a form (the admin's session page, an event's sessions) is checked here
for what the database or the timetable would refuse, and its changes are then recorded
through `events.programme.services`, so calendars see a new SEQUENCE and attendees hear of it.
Any other page that edits sessions one by one uses the same functions.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count
from django.utils.translation import ngettext

from events.bookings.services import promote_from_waitlist
from events.enums import AttendanceStatus, SessionStatus
from events.formatting import span_abbreviated
from events.models import Attendance, Session
from events.programme.services import SessionTimes, record_session_added, record_session_change
from festival.models import Festival


def programme_problems(
    *, festival: Festival, sessions: list[Session], changed: list[Session]
) -> list[tuple[str, str]]:
    """(field, message) for each thing the database or the timetable would refuse.

    `sessions` are all the rows about to be saved together and `changed` those of them to
    check. The festival is copied from the event on save, so a form cannot check the
    festival's unique slugs and refs itself.
    """
    return taken_identifiers(festival=festival, sessions=sessions, changed=changed) + (
        room_clashes(festival=festival, sessions=sessions, changed=changed)
    )


def taken_identifiers(
    *, festival: Festival, sessions: list[Session], changed: list[Session]
) -> list[tuple[str, str]]:
    """A changed session's slug or ref that another session of the festival already has, in
    the database or among the rows saved with it. Blank refs are never taken."""
    others = Session.objects.filter(festival=festival).exclude(
        pk__in=[session.pk for session in sessions if session.pk]
    )
    problems = []
    for field in ("slug", "ref"):
        wanted = [getattr(session, field) for session in changed if getattr(session, field)]
        taken = set(others.filter(**{f"{field}__in": wanted}).values_list(field, flat=True))
        taken |= {getattr(session, field) for session in sessions if session not in changed}
        for value in wanted:
            if value in taken:
                problems.append(
                    (field, f"Another session at this festival has the {field} “{value}”.")
                )
            taken.add(value)
    return problems


def room_clashes(
    *, festival: Festival, sessions: list[Session], changed: list[Session]
) -> list[tuple[str, str]]:
    """Changed sessions in a room that another session (at any festival) has at the time.

    Clashes between unchanged sessions are left alone: they are not this edit's doing.
    """
    live = [session for session in changed if session.status != SessionStatus.CANCELLED]
    if not live:
        return []
    booked = list(
        Session.objects.exclude(pk__in=[session.pk for session in sessions if session.pk])
        .exclude(status=SessionStatus.CANCELLED)
        .filter(
            room__in={session.room_id for session in live},
            start__lt=max(session.end for session in live),
            end__gt=min(session.start for session in live),
        )
        .select_related("room")
        # Programme order, so that several clashes are told in the order the timetable has.
        .order_by("start", "room__position", "title", "pk")
    )
    booked += [session for session in sessions if session.status != SessionStatus.CANCELLED]
    problems, reported = [], set()
    for session in live:
        for other in booked:
            pair = frozenset((id(session), id(other)))
            if (
                other is session
                or pair in reported
                or other.room_id != session.room_id
                or not (session.start < other.end and other.start < session.end)
            ):
                continue
            reported.add(pair)
            when = span_abbreviated(other.start, other.end, festival.zone)
            problems.append(
                ("room", f"{other.room} is already booked for “{other.title}” ({when}).")
            )
    return problems


def times_in_database(pks: Iterable[int | None]) -> dict[int, SessionTimes]:
    """The sessions as they are before a save: a form's instances already hold new values."""
    return {
        session.pk: SessionTimes.of(session)
        for session in Session.objects.filter(pk__in=[pk for pk in pks if pk]).select_related(
            "room"
        )
    }


@transaction.atomic
def record_admin_edits(
    *, saved: list[Session], before: dict[int, SessionTimes], festival_had_sessions: bool
) -> None:
    """Tell calendars about sessions just saved from a form: changed ones by their old
    times (`before`, from `times_in_database`), new ones only when the festival's programme
    already existed.

    Side effects: for each saved session whose times, room or status changed, `sequence` +1
    and a ScheduleChange; for each new one, an "added" ScheduleChange.
    """
    for session in saved:
        if session.pk in before:
            record_session_change(session=session, old=before[session.pk])
        elif festival_had_sessions:
            record_session_added(session=session)


def capacity_problems(sessions: Iterable[Session]) -> list[tuple[str, str]]:
    """("capacity", message) for each session whose new capacity is below the number of
    people who already have places: the admin must not sell a place twice either."""
    asking = {session.pk: session.capacity for session in sessions if session.pk}
    limited = {pk: capacity for pk, capacity in asking.items() if capacity is not None}
    if not limited:
        return []
    going = dict(
        Attendance.objects.filter(session_id__in=limited, status=AttendanceStatus.GOING)
        .values("session_id")
        .annotate(count=Count("pk"))
        .values_list("session_id", "count")
    )
    return [
        (
            "capacity",
            ngettext(
                "%(count)s person already has a place, so the capacity cannot be lower than "
                "%(count)s.",
                "%(count)s people already have places, so the capacity cannot be lower than "
                "%(count)s.",
                going[pk],
            )
            % {"count": going[pk]},
        )
        for pk, capacity in limited.items()
        if going.get(pk, 0) > capacity
    ]


def promote_after_admin_edits(*, saved: list[Session]) -> None:
    """A higher capacity or a session back on can free places: fill them from the waitlist."""
    for session in saved:
        promote_from_waitlist(session=session)
