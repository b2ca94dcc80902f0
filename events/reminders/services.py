"""Reminder rows follow bookings and sessions: the rows a session should have are worked out
from the festival's offsets, its places, its speakers and each person's settings, and the
stored rows are brought in line with that ("converged").

Rules (tests/events/reminders/test_services.py holds them):
- An attendee with a place gets "before:<minutes>" for each festival offset; a speaker linked
  to a user gets "speaker-before:<minutes>", and "write-up-prompt" due at the session's end.
- ReminderSettings: "none" gives no rows at all, "last" only the smallest offset (the
  write-up prompt is kept for "last": it is not a reminder of the time).
- A reminder whose time has already passed when it is planned gets no row (a booking 30
  minutes before the start gets no 1-hour reminder), and an unsent one whose time passes
  because the session moved earlier is cancelled, not sent late: the change notice already
  tells the person the new time, and "starts in 24 hours" three hours before would be wrong.
  The write-up prompt is the exception: due at the end, it goes even if the end has passed.
- A sent row is never touched again (the row is the truth of what was sent); an unsent row
  is updated in place, and a cancelled one is reactivated when wanted again (re-booking,
  a restored session), so (user, session, kind) stays unique.
- Failed rows are left alone: they stay on the organisers' list.

Speaker rows are planned by the minute scan (`plan_speaker_reminders`) for sessions coming
up within the longest offset, as well as whenever a session changes: a speaker can be linked
to a session (import, admin) or to a user (sign-up) anywhere, with no hook to call, and the
scan sees every such change within a minute. The unique constraint makes the repeat harmless.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.enums import AttendanceStatus, RemindersWanted, SessionStatus
from events.models import Attendance, Reminder, ReminderSettings, Session
from events.reminders.kinds import (
    ATTENDEE_PREFIX,
    SPEAKER_PREFIX,
    WRITE_UP_PROMPT,
    kind_due_at,
)
from festival.models import Festival, Speaker

# The scan also plans speaker rows for sessions that ended this recently (write-up prompts),
# and plans them this long before their earliest reminder is due.
PROMPT_WINDOW = timedelta(days=1)
PLANNING_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class Wanted:
    """One row a session should have."""

    user_id: int
    kind: str
    due_at: datetime
    attendance_id: int | None = None
    speaker_id: int | None = None
    # The write-up prompt still makes sense after its time; a reminder of a start does not.
    late_ok: bool = False


def offsets_for(festival: Festival, choice: str) -> list[int]:
    """The minutes before a session that this person is reminded, largest first."""
    offsets = sorted({int(minutes) for minutes in festival.reminder_offsets or []}, reverse=True)
    if choice == RemindersWanted.NONE:
        return []
    if choice == RemindersWanted.LAST:
        return offsets[-1:]
    return offsets


def settings_of(user_ids: Iterable[int]) -> dict[int, str]:
    return dict(
        ReminderSettings.objects.filter(user_id__in=set(user_ids)).values_list(
            "user_id", "reminders"
        )
    )


def reminders_wanted_by(*, user) -> str:
    """The person's choice of reminders (all of them until they choose). One query."""
    return settings_of([user.pk]).get(user.pk, RemindersWanted.ALL)


def wanted_for_attendances(
    session: Session, attendances: Iterable[Attendance], *, choices: dict[int, str]
) -> list[Wanted]:
    if session.status == SessionStatus.CANCELLED:
        return []
    wanted = []
    for attendance in attendances:
        if attendance.status != AttendanceStatus.GOING:
            continue
        choice = choices.get(attendance.user_id, RemindersWanted.ALL)
        for minutes in offsets_for(session.festival, choice):
            kind = f"{ATTENDEE_PREFIX}{minutes}"
            due_at = kind_due_at(session, kind)
            wanted.append(Wanted(attendance.user_id, kind, due_at, attendance_id=attendance.pk))
    return wanted


def wanted_for_speakers(
    session: Session, speakers: Iterable[Speaker], *, choices: dict[int, str]
) -> list[Wanted]:
    if session.status == SessionStatus.CANCELLED:
        return []
    wanted = []
    for speaker in speakers:
        if speaker.user_id is None:
            continue
        choice = choices.get(speaker.user_id, RemindersWanted.ALL)
        if choice == RemindersWanted.NONE:
            continue
        for minutes in offsets_for(session.festival, choice):
            kind = f"{SPEAKER_PREFIX}{minutes}"
            due_at = kind_due_at(session, kind)
            wanted.append(Wanted(speaker.user_id, kind, due_at, speaker_id=speaker.pk))
        wanted.append(
            Wanted(
                speaker.user_id, WRITE_UP_PROMPT, session.end, speaker_id=speaker.pk, late_ok=True
            )
        )
    return wanted


def new_row(*, session_id: int, item: Wanted) -> Reminder:
    return Reminder(
        user_id=item.user_id,
        session_id=session_id,
        kind=item.kind,
        due_at=item.due_at,
        attendance_id=item.attendance_id,
        speaker_id=item.speaker_id,
    )


def converge(*, session: Session, wanted: list[Wanted], scope: Q, now: datetime) -> None:
    """`converge_sessions` for one session."""
    converge_sessions(sessions=[session], wanted={session.pk: wanted}, scope=scope, now=now)


def converge_sessions(
    *, sessions: list[Session], wanted: dict[int, list[Wanted]], scope: Q, now: datetime
) -> None:
    """Make the sessions' rows within `scope` match `wanted` (by session pk): create what is
    missing, move or reactivate unsent rows, cancel unsent rows no longer wanted. Sent and
    failed rows stay. A row that would be new, moved or reactivated to a time already past
    is left out (or cancelled) instead; a waiting row whose time has not changed is kept even
    if it is due. A fixed number of queries however many sessions.

    Updates re-check `sent_at IS NULL` in the UPDATE itself, so a row a scan is sending
    right now (locked) is left as the scan leaves it.
    """
    stored = {
        (row.session_id, row.user_id, row.kind): row
        for row in Reminder.objects.filter(scope, session__in=[s.pk for s in sessions]).only(
            "pk", "session_id", "user_id", "kind", "due_at", "sent_at", "cancelled_at", "failed_at"
        )
    }
    wanted_by_key = {
        (session_pk, item.user_id, item.kind): item
        for session_pk, items in wanted.items()
        for item in items
    }
    to_create, to_move = [], []
    too_late = set()
    for key, item in wanted_by_key.items():
        row = stored.get(key)
        in_time = item.late_ok or item.due_at > now
        if row is None:
            if not in_time:
                continue
            to_create.append(new_row(session_id=key[0], item=item))
        elif row.sent_at is None and row.failed_at is None:
            unchanged = row.due_at == item.due_at and row.cancelled_at is None
            if unchanged:
                continue
            if in_time:
                row.due_at, row.cancelled_at = item.due_at, None
                to_move.append(row)
            else:
                too_late.add(key)
    unwanted = [
        row.pk
        for key, row in stored.items()
        if (key not in wanted_by_key or key in too_late)
        and row.sent_at is None
        and row.failed_at is None
        and row.cancelled_at is None
    ]
    if to_create:
        # ignore_conflicts: a scan may be planning the same speaker rows at this moment.
        Reminder.objects.bulk_create(to_create, ignore_conflicts=True)
    if to_move:
        # bulk_update updates through this queryset, so the sent_at check holds per row.
        Reminder.objects.filter(sent_at__isnull=True).bulk_update(
            to_move, ["due_at", "cancelled_at"], batch_size=200
        )
    if unwanted:
        Reminder.objects.filter(pk__in=unwanted, sent_at__isnull=True).update(cancelled_at=now)


ATTENDEE_ROWS = Q(kind__startswith=ATTENDEE_PREFIX)
SPEAKER_ROWS = Q(kind__startswith=SPEAKER_PREFIX) | Q(kind=WRITE_UP_PROMPT)


# No savepoint: nobody catches a failure here to carry on, so it would be two statements for
# nothing (a promotion plans once per person promoted, under the session's lock).
@transaction.atomic(savepoint=False)
def plan_attendance_reminders(
    *, attendance: Attendance, now: datetime | None = None, wants: str | None = None
) -> None:
    """Create (or reactivate) the reminders a new place or a promotion needs. `wants` is the
    person's choice if the caller has read it already (reminders_wanted_by).

    Side effects: Reminder rows of this person on this session created, moved, reactivated
    or cancelled to match the festival's offsets and the person's settings.
    """
    now = now or timezone.now()
    session = attendance.session
    choices = settings_of([attendance.user_id]) if wants is None else {attendance.user_id: wants}
    wanted = wanted_for_attendances(session, [attendance], choices=choices)
    converge(
        session=session, wanted=wanted, scope=ATTENDEE_ROWS & Q(user_id=attendance.user_id), now=now
    )


def plan_first_reminders(
    *, attendance: Attendance, wants: str, now: datetime | None = None
) -> None:
    """The reminders of a booking whose row was just created: one insert, nothing read.

    A new row has no reminders to move or reactivate (a booking's rows go with it: CASCADE),
    so the read plan_attendance_reminders makes would find none. `wants`: the person's
    choice (reminders_wanted_by), read before the session's lock was taken.

    Side effects: the Reminder rows due after `now`, created.
    """
    now = now or timezone.now()
    wanted = wanted_for_attendances(
        attendance.session, [attendance], choices={attendance.user_id: wants}
    )
    rows = [
        new_row(session_id=attendance.session_id, item=item)
        for item in wanted
        if item.late_ok or item.due_at > now
    ]
    if rows:
        # None can be there (above); were one left somehow, the booking stands and keeps it.
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def cancel_attendance_reminders(*, attendance: Attendance) -> None:
    """Cancel the unsent reminders of a cancelled booking."""
    Reminder.objects.filter(
        ATTENDEE_ROWS,
        session_id=attendance.session_id,
        user_id=attendance.user_id,
        sent_at__isnull=True,
        cancelled_at__isnull=True,
    ).update(cancelled_at=timezone.now())


@transaction.atomic
def reschedule_session_reminders(
    *, sessions: Iterable[Session], now: datetime | None = None
) -> None:
    """Recompute the unsent reminders of changed sessions: moved ones get new times (or are
    cancelled when the new time has passed), cancelled sessions lose them all, restored ones
    get them back. Attendees' and speakers' rows alike, in a fixed number of queries however
    many sessions changed (a re-import can move hundreds)."""
    now = now or timezone.now()
    sessions = list(sessions)
    if not sessions:
        return
    festivals = Festival.objects.in_bulk({session.festival_id for session in sessions})
    for session in sessions:
        session.festival = festivals[session.festival_id]
    pks = [session.pk for session in sessions]
    attendances: dict[int, list[Attendance]] = defaultdict(list)
    for attendance in Attendance.objects.filter(session__in=pks, status=AttendanceStatus.GOING):
        attendances[attendance.session_id].append(attendance)
    speakers: dict[int, list[Speaker]] = defaultdict(list)
    for link in Session.speakers.through.objects.filter(
        session__in=pks, speaker__user__isnull=False
    ).select_related("speaker"):
        speakers[link.session_id].append(link.speaker)
    choices = settings_of(
        [a.user_id for rows in attendances.values() for a in rows]
        + [speaker.user_id for rows in speakers.values() for speaker in rows]
    )
    converge_sessions(
        sessions=sessions,
        wanted={
            s.pk: wanted_for_attendances(s, attendances[s.pk], choices=choices) for s in sessions
        },
        scope=ATTENDEE_ROWS,
        now=now,
    )
    converge_sessions(
        sessions=sessions,
        wanted={s.pk: wanted_for_speakers(s, speakers[s.pk], choices=choices) for s in sessions},
        scope=SPEAKER_ROWS,
        now=now,
    )


def sessions_with_waiting_speaker_rows():
    return Reminder.objects.filter(
        SPEAKER_ROWS, sent_at__isnull=True, cancelled_at__isnull=True, failed_at__isnull=True
    ).values("session_id")


def plan_speaker_reminders(*, now: datetime) -> int:
    """The scan's planning step: bring speaker rows in line for every session that starts
    within the longest offset (plus PLANNING_MARGIN) or ended within PROMPT_WINDOW.
    Returns the number of sessions looked at. Idempotent."""
    festivals = Festival.objects.filter(end_date__gte=(now - PROMPT_WINDOW).date())
    horizon = max((max(festival.reminder_offsets or [0]) for festival in festivals), default=0)
    sessions = list(
        Session.objects.filter(
            festival__in=festivals,
            end__gte=now - PROMPT_WINDOW,
            start__lte=now + timedelta(minutes=horizon) + PLANNING_MARGIN,
        )
        # Sessions with a speaker to remind, and sessions still holding speaker rows: a speaker
        # taken off a session (or unlinked from their account) must lose theirs.
        .filter(Q(speakers__user__isnull=False) | Q(pk__in=sessions_with_waiting_speaker_rows()))
        .distinct()
        .select_related("festival")
        .prefetch_related("speakers")
    )
    if not sessions:
        return 0
    user_ids = [s.user_id for session in sessions for s in session.speakers.all() if s.user_id]
    choices = settings_of(user_ids)
    with transaction.atomic():
        converge_sessions(
            sessions=sessions,
            wanted={
                session.pk: wanted_for_speakers(session, session.speakers.all(), choices=choices)
                for session in sessions
            },
            scope=SPEAKER_ROWS,
            now=now,
        )
    return len(sessions)


@transaction.atomic
def replan_reminders_of(*, user, now: datetime | None = None) -> None:
    """After a person changes their reminder settings: their upcoming places and talks."""
    now = now or timezone.now()
    for attendance in Attendance.objects.filter(
        user=user, status=AttendanceStatus.GOING, session__start__gt=now
    ).select_related("session__festival"):
        plan_attendance_reminders(attendance=attendance, now=now)
    for session in (
        Session.objects.filter(speakers__user=user, end__gte=now - PROMPT_WINDOW)
        .select_related("festival")
        .distinct()
    ):
        speakers = list(session.speakers.filter(user=user))
        converge(
            session=session,
            wanted=wanted_for_speakers(session, speakers, choices=settings_of([user.pk])),
            scope=SPEAKER_ROWS & Q(user_id=user.pk),
            now=now,
        )


@transaction.atomic
def save_reminder_settings(*, user, reminders: str, change_notices: bool) -> ReminderSettings:
    """Store the person's choice, then bring their unsent reminders in line with it.

    Side effects: ReminderSettings created or updated; reminders of their upcoming places and
    talks created, reactivated or cancelled (see planning.replan_reminders_of).
    """
    chosen, _created = ReminderSettings.objects.update_or_create(
        user=user, defaults={"reminders": reminders, "change_notices": change_notices}
    )
    replan_reminders_of(user=user)
    return chosen


@transaction.atomic
def stop_reminders(*, user) -> ReminderSettings:
    """The stop link: no more reminders (change notices as they were)."""
    current = ReminderSettings.objects.filter(user=user).first()
    return save_reminder_settings(
        user=user,
        reminders=RemindersWanted.NONE,
        change_notices=current.change_notices if current else True,
    )


def settings_for_form(*, user, stored: ReminderSettings | None) -> ReminderSettings:
    """The person's settings, or the defaults (unsaved) if they never chose."""
    return stored or ReminderSettings(user=user)
