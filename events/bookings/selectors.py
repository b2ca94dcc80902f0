"""Reads for the organisers' attendance pages: bookings per session, attendee lists, check-in.

Each costs a fixed number of queries, however many sessions, people or matches there are
(pinned by tests with django_assert_num_queries).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When

from events.enums import AttendanceStatus, CalendarAlarm, SessionStatus
from events.models import Attendance, CalendarToken, ReminderSettings, Session
from events.programme.selectors import day_bounds
from festival.models import Festival, User

# Enough to find anyone by part of their name; more means the search was too short.
MOST_CHECK_IN_MATCHES = 50

# Going first, then the waitlist, then cancelled bookings: the order organisers read them in.
STATUS_ORDER = Case(
    When(status=AttendanceStatus.GOING, then=Value(0)),
    When(status=AttendanceStatus.WAITLISTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class BookingDay:
    """One local day of the festival and its sessions, each annotated with its counts."""

    day: date
    sessions: list[Session]


@dataclass(frozen=True)
class FestivalBookings:
    days: list[BookingDay]

    @property
    def sessions(self) -> list[Session]:
        return [session for day in self.days for session in day.sessions]

    @property
    def going(self) -> int:
        return sum(session.going for session in self.sessions)

    @property
    def waitlisted(self) -> int:
        return sum(session.waitlisted for session in self.sessions)

    @property
    def checked_in(self) -> int:
        return sum(session.checked_in for session in self.sessions)


@dataclass(frozen=True)
class SessionPeople:
    """A session's bookings: going by name, the waitlist by position, cancelled by name."""

    going: list[Attendance]
    waitlisted: list[Attendance]
    cancelled: list[Attendance]

    @property
    def checked_in(self) -> int:
        return sum(1 for attendance in self.going if attendance.checked_in_at is not None)


@dataclass(frozen=True)
class PersonBookings:
    """One person found at the door and their places in the sessions searched."""

    user: User
    bookings: list[Attendance] = field(default_factory=list)


@dataclass(frozen=True)
class CheckInMatches:
    people: list[PersonBookings]
    # True when more bookings matched than are shown: the search should be narrowed.
    is_truncated: bool

    @property
    def bookings(self) -> int:
        return sum(len(person.bookings) for person in self.people)


def sessions_with_booking_counts(*, festival: Festival) -> QuerySet[Session]:
    """The festival's sessions in time order, each with `going`, `waitlisted` and `checked_in`
    counted in the same query."""
    return (
        Session.objects.filter(festival=festival)
        .select_related("room")
        .annotate(
            going=Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING)),
            waitlisted=Count(
                "attendances", filter=Q(attendances__status=AttendanceStatus.WAITLISTED)
            ),
            checked_in=Count("attendances", filter=Q(attendances__checked_in_at__isnull=False)),
        )
        .order_by("start", "room__position", "room__name", "title", "pk")
    )


def festival_bookings(*, festival: Festival) -> FestivalBookings:
    """Every session with its counts, grouped by the local day it starts on. One query."""
    zone = festival.zone
    days: dict[date, list[Session]] = {}
    for session in sessions_with_booking_counts(festival=festival):
        days.setdefault(session.start.astimezone(zone).date(), []).append(session)
    return FestivalBookings(days=[BookingDay(day=day, sessions=days[day]) for day in sorted(days)])


def session_people(*, session: Session) -> SessionPeople:
    """Everyone who booked `session`, sorted into its three lists. One query."""
    rows = (
        Attendance.objects.filter(session=session)
        .select_related("user")
        .order_by(STATUS_ORDER, "position", "user__name", "user__email", "pk")
    )
    lists: dict[str, list[Attendance]] = {status: [] for status in AttendanceStatus.values}
    for attendance in rows:
        attendance.session = session  # in hand: what a booking needs reads its session's end
        lists[attendance.status].append(attendance)
    return SessionPeople(
        going=lists[AttendanceStatus.GOING],
        waitlisted=lists[AttendanceStatus.WAITLISTED],
        cancelled=lists[AttendanceStatus.CANCELLED],
    )


def attendee_names(*, attendance_ids: list[int]) -> list[str]:
    """The names of these bookings' people, in the order of the ids given. One query."""
    names = {
        attendance.pk: str(attendance.user)
        for attendance in Attendance.objects.filter(pk__in=attendance_ids).select_related("user")
    }
    return [names[pk] for pk in attendance_ids if pk in names]


def attendees_for_export(
    *, festival: Festival, session: Session | None = None
) -> QuerySet[Attendance]:
    """Bookings of the festival (or of one session) for the attendee list: by session start,
    then going, waitlisted (by position), cancelled; by name within each."""
    rows = Attendance.objects.filter(session__festival=festival)
    if session is not None:
        rows = rows.filter(session=session)
    return rows.select_related("session__room", "user").order_by(
        "session__start",
        "session__room__position",
        "session__title",
        "session__pk",
        STATUS_ORDER,
        "position",
        "user__name",
        "user__email",
        "pk",
    )


def check_in_matches(
    *, festival: Festival, text: str, day: date | None, limit: int = MOST_CHECK_IN_MATCHES
) -> CheckInMatches:
    """People with a place on a session of the festival whose name or email contains `text`
    (any case), with those places: on `day` (local), or on every day when `day` is None.

    One query, at most `limit` bookings; cancelled sessions are left out (no one arrives for
    them).
    """
    text = text.strip()
    if not text:
        return CheckInMatches(people=[], is_truncated=False)
    rows = Attendance.objects.filter(
        Q(user__name__icontains=text) | Q(user__email__icontains=text),
        session__festival=festival,
        session__status=SessionStatus.SCHEDULED,
        status=AttendanceStatus.GOING,
    )
    if day is not None:
        starts, ends = day_bounds(festival=festival, day=day)
        rows = rows.filter(session__start__gte=starts, session__start__lt=ends)
    found = list(
        rows.select_related("user", "session__room").order_by(
            "user__name", "user__email", "user__pk", "session__start", "session__pk"
        )[: limit + 1]
    )
    people: list[PersonBookings] = []
    for attendance in found[:limit]:
        if not people or people[-1].user.pk != attendance.user_id:
            people.append(PersonBookings(user=attendance.user))
        people[-1].bookings.append(attendance)
    return CheckInMatches(people=people, is_truncated=len(found) > limit)


@dataclass(frozen=True)
class BookingState:
    """How full a session is, and the visitor's own booking on it (if any)."""

    going: int
    waiting: int
    status: str | None = None
    position: int | None = None
    attendance_id: int | None = None

    @property
    def is_going(self) -> bool:
        return self.status == AttendanceStatus.GOING

    @property
    def is_waitlisted(self) -> bool:
        return self.status == AttendanceStatus.WAITLISTED


def booking_state(*, session: Session, user) -> BookingState:
    """One aggregate over the session's bookings: the counts, and this person's row.

    A person has at most one row per session, so the largest status, position and pk among
    their rows are that row's.
    """
    mine = Q(user=user)
    row = Attendance.objects.filter(session=session).aggregate(
        going=Count("pk", filter=Q(status=AttendanceStatus.GOING)),
        waiting=Count("pk", filter=Q(status=AttendanceStatus.WAITLISTED)),
        status=Max("status", filter=mine),
        position=Max("position", filter=mine),
        attendance_id=Max("pk", filter=mine),
    )
    return BookingState(**row)


@dataclass(frozen=True)
class MyProgramme:
    """A person's bookings in groups, each in time order (past ones latest first)."""

    booked: list[Attendance] = field(default_factory=list)
    waitlisted: list[Attendance] = field(default_factory=list)
    drop_ins: list[Attendance] = field(default_factory=list)
    past: list[Attendance] = field(default_factory=list)
    calendar_link: CalendarToken | None = None
    """The person's private calendar link; its plain `token` only just after it was made."""
    reminder_settings: ReminderSettings | None = None
    """The person's reminder choices; None until they first save them (defaults apply)."""

    @property
    def upcoming(self) -> list[Attendance]:
        return [*self.booked, *self.waitlisted, *self.drop_ins]

    @property
    def has_upcoming(self) -> bool:
        return bool(self.booked or self.waitlisted or self.drop_ins)

    @property
    def calendar_alarms(self) -> list[tuple[int, str]]:
        """The alarms a calendar link can give, for the form on /me/."""
        return CalendarAlarm.choices


def my_bookings(*, user) -> QuerySet[Attendance]:
    """The person's places and waitlist spots, with each session's festival, room and venue."""
    return (
        Attendance.objects.active()
        .filter(user=user)
        .select_related("session__festival", "session__room__venue")
        .order_by("session__start", "session__end", "session__title", "pk")
    )


def programme_of(*, user, now: datetime) -> MyProgramme:
    """Everything in `user`'s programme at `now`, across festivals, in one query; and their
    calendar link, in one more.

    A session stays upcoming until it ends. A waitlist spot for a session that has ended is
    left out: it came to nothing.
    """
    calendar_link, reminder_settings = own_settings_of(user=user)
    programme = MyProgramme(calendar_link=calendar_link, reminder_settings=reminder_settings)
    for attendance in my_bookings(user=user):
        attendance.user = user  # theirs: their saved needs are read without a query
        session = attendance.session
        if session.end <= now:
            if attendance.is_going:
                programme.past.insert(0, attendance)
        elif attendance.is_waitlisted:
            programme.waitlisted.append(attendance)
        elif session.is_drop_in:
            programme.drop_ins.append(attendance)
        else:
            programme.booked.append(attendance)
    return programme


def own_settings_of(*, user) -> tuple[CalendarToken | None, ReminderSettings | None]:
    """The person's calendar link and reminder settings, in one query for both (none for a
    calendar link this request has just made)."""
    if User.calendar_token.is_cached(user):
        return calendar_link_of(user=user), _reminder_settings(user)
    fresh = User.objects.select_related("calendar_token", "reminder_settings").get(pk=user.pk)
    return calendar_link_of(user=fresh), _reminder_settings(fresh)


def _reminder_settings(user) -> ReminderSettings | None:
    try:
        return user.reminder_settings
    except ObjectDoesNotExist:
        return None


def calendar_link_of(*, user) -> CalendarToken | None:
    """The person's calendar link: the one just made if this request made it, else read."""
    try:
        return user.calendar_token
    except ObjectDoesNotExist:
        return None


def booking_of(*, user, attendance_id: int) -> Attendance | None:
    """One of `user`'s own bookings, with its session and festival; None for anyone else's."""
    return (
        Attendance.objects.filter(pk=attendance_id, user=user)
        .select_related("session__festival")
        .first()
    )


def booked_sessions(*, sessions: QuerySet[Session]) -> list[Session]:
    """Those of `sessions` that people have places on or wait for, in programme order, each
    with `going` and `waitlisted` counted and its festival: the sessions that cannot be
    deleted. One query."""
    return list(
        sessions.annotate(
            going=Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING)),
            waitlisted=Count(
                "attendances", filter=Q(attendances__status=AttendanceStatus.WAITLISTED)
            ),
        )
        .filter(Q(going__gt=0) | Q(waitlisted__gt=0))
        .select_related("festival")
        .order_by("start", "room__position", "title", "pk")
    )
