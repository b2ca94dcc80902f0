"""A visitor's own bookings: where they stand on one session (the session page's booking
panel), and their whole programme across festivals (`/me/`).

Each read is one query, however many people booked the session or sessions the person holds
(pinned by tests with django_assert_num_queries). The panel and the groups are worked out in
Python from what was read, so the templates only lay them out.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Max, Q, QuerySet

from events.enums import AttendanceStatus
from events.models import Attendance, CalendarToken, ReminderSettings, Session
from events.models.calendar_token import CalendarReminder
from festival.models import Festival, User

DASH = "\N{EN DASH}"


def session_of_festival(*, festival: Festival, slug: str) -> Session | None:
    """The session to book or cancel: just the row, with its festival (already loaded)."""
    session = Session.objects.filter(festival=festival, slug=slug).first()
    if session is not None:
        session.festival = festival
    return session


@dataclass(frozen=True)
class BookingState:
    """How full a session is, and the visitor's own booking on it (if any)."""

    going: int
    waiting: int
    status: str | None = None
    position: int | None = None

    @property
    def is_going(self) -> bool:
        return self.status == AttendanceStatus.GOING

    @property
    def is_waitlisted(self) -> bool:
        return self.status == AttendanceStatus.WAITLISTED


def booking_state(*, session: Session, user) -> BookingState:
    """One aggregate over the session's bookings: the counts, and this person's row.

    A person has at most one row per session, so the largest status and position among their
    rows are that row's.
    """
    mine = Q(user=user)
    row = Attendance.objects.filter(session=session).aggregate(
        going=Count("pk", filter=Q(status=AttendanceStatus.GOING)),
        waiting=Count("pk", filter=Q(status=AttendanceStatus.WAITLISTED)),
        status=Max("status", filter=mine),
        position=Max("position", filter=mine),
    )
    return BookingState(
        going=row["going"], waiting=row["waiting"], status=row["status"], position=row["position"]
    )


@dataclass(frozen=True)
class BookingPanel:
    """What the session page offers this visitor: a line of text and at most one action.

    `action` is "book", "cancel" or "" (nothing to do); `needs_login` shows the log-in and
    sign-up links instead of a button.
    """

    state: str
    text: str
    action: str = ""
    button: str = ""
    needs_login: bool = False
    login_label: str = ""


def booking_panel(*, session: Session, state: BookingState | None, now: datetime) -> BookingPanel:
    """The panel for `session` as it stands at `now`; `state` is None for anonymous visitors."""
    if session.is_cancelled:
        return BookingPanel(
            state="cancelled", text="This session has been cancelled, so it cannot be booked."
        )
    if session.end <= now:
        had = _held_text(session, state, past=True)
        return BookingPanel(state="over", text=f"{had}This session is over.".strip())
    if session.start <= now:
        holds = _held_text(session, state, past=False)
        return BookingPanel(
            state="started",
            text=f"{holds}This session has started, so it can no longer be booked.".strip(),
        )
    if state is None:
        if session.is_drop_in:
            return BookingPanel(
                state="log-in",
                text="A drop-in session: no need to book. Log in to add it to your programme.",
                needs_login=True,
                login_label="Log in to add it",
            )
        return BookingPanel(
            state="log-in",
            text="Log in or sign up to book a place.",
            needs_login=True,
            login_label="Log in to book",
        )
    if state.is_waitlisted:
        return BookingPanel(
            state="waitlisted",
            text=f"You are number {state.position} on the waitlist.",
            action="cancel",
            button="Leave the waitlist",
        )
    if state.is_going and session.is_drop_in:
        return BookingPanel(
            state="in-programme",
            text="This drop-in session is in your programme.",
            action="cancel",
            button="Remove from my programme",
        )
    if state.is_going:
        return BookingPanel(
            state="going", text="You have a place.", action="cancel", button="Cancel my place"
        )
    if session.is_drop_in:
        return BookingPanel(
            state="drop-in",
            text="A drop-in session: no place needed, just come along.",
            action="book",
            button="Add to my programme",
        )
    left = max(session.capacity - state.going, 0)
    if left:
        return BookingPanel(
            state="open",
            text=f"{left} of {_count(session.capacity, 'place')} left.",
            action="book",
            button="Book a place",
        )
    waiting = (
        "Nobody is on the waitlist yet."
        if not state.waiting
        else f"{_count(state.waiting, 'person', 'people')} {_be(state.waiting)} waiting."
    )
    return BookingPanel(
        state="full",
        text=f"This session is full. {waiting}",
        action="book",
        button="Join the waitlist",
    )


def _held_text(session: Session, state: BookingState | None, *, past: bool) -> str:
    if state is None or not state.is_going:
        return ""
    if session.is_drop_in:
        return "This session was in your programme. " if past else "It is in your programme. "
    return "You had a place. " if past else "You have a place. "


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def _be(number: int) -> str:
    return "is" if number == 1 else "are"


def time_span(session: Session, *, festival: Festival) -> str:
    """Like "Tue 10:00-11:00" (an en dash) in the festival's zone; "Tue 23:00-Wed 01:00" across
    midnight."""
    start = session.start.astimezone(festival.zone)
    end = session.end.astimezone(festival.zone)
    ends = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}"
    return f"{start:%a %H:%M}{DASH}{ends}"


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
    def calendar_reminders(self) -> list[tuple[int, str]]:
        """The reminders a calendar link can give, for the form on /me/."""
        return CalendarReminder.choices


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
