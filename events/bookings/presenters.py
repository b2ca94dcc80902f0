"""What the booking pages show, in words: the session page's booking panel, and at the door
a warning on every place that is not for today."""

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from events.bookings.selectors import BookingState, CheckInMatches
from events.formatting import date_spelled_out, day_spelled_out, local
from events.models import Attendance, Session
from festival.models import User


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


@dataclass(frozen=True)
class CheckInBooking:
    """A place found at the door, and what to say when its session is not today ("" when
    it is)."""

    attendance: Attendance
    warning: str


@dataclass(frozen=True)
class CheckInPerson:
    user: User
    bookings: list[CheckInBooking]


def check_in_people(*, matches: CheckInMatches, today: date, zone: tzinfo) -> list[CheckInPerson]:
    """The people found, each place with its warning when its session is on another day than
    `today` (the festival's own date)."""
    return [
        CheckInPerson(
            user=person.user,
            bookings=[
                CheckInBooking(
                    attendance=attendance,
                    warning=not_today_warning(
                        start=attendance.session.start, today=today, zone=zone
                    ),
                )
                for attendance in person.bookings
            ],
        )
        for person in matches.people
    ]


def not_today_warning(*, start: datetime, today: date, zone: tzinfo) -> str:
    """Like "Not today: this session is on Tuesday 29 December, in 3 weeks." for a session
    that starts on another local day than `today`; "" on its day. Checking in stays allowed
    (a session may run past midnight, or a list be kept early): this only says so."""
    day = local(start, zone).date()
    days = (day - today).days
    if days == 0:
        return ""
    when = day_spelled_out(day) if day.year == today.year else date_spelled_out(day)
    if days > 0:
        return f"Not today: this session is on {when}, {_days_away(days)}."
    return f"Not today: this session was on {when}, {_days_away(days)}."


def _days_away(days: int) -> str:
    """Like "tomorrow", "in 5 days", "3 weeks ago", "in 2 months"."""
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    count = abs(days)
    if count < 14:
        amount = f"{count} days"
    elif count < 61:
        amount = f"{count // 7} weeks"
    else:
        amount = f"{count // 30} months"
    return f"in {amount}" if days > 0 else f"{amount} ago"
