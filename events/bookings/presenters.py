"""What the booking pages show, in words: the session page's booking panel, and at the door
a warning on every place that is not for today."""

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from django.utils.translation import ngettext

from events.bookings.selectors import BookingState, CheckInMatches
from events.enums import SessionPhase
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
    confirm_first: bool = False
    """The action cannot be undone: the button links to a page that asks first."""


@dataclass(frozen=True)
class CancelConfirmation:
    """The page that asks before a place or a waitlist spot is given up."""

    heading: str
    consequence: str
    button: str


def cancel_confirmation(session: Session, state: BookingState) -> CancelConfirmation:
    """What giving up `state` on `session` costs, in words."""
    if state.is_waitlisted:
        return CancelConfirmation(
            heading=f"Leave the waitlist for “{session.title}”?",
            consequence=(
                f"You are number {state.position} on the waitlist. If you leave, you lose that "
                "number: joining again puts you at the back."
            ),
            button="Leave the waitlist",
        )
    if session.is_drop_in:
        return CancelConfirmation(
            heading=f"Remove “{session.title}” from your programme?",
            consequence="It is a drop-in, so you can still come along, or add it again later.",
            button="Remove from my programme",
        )
    return CancelConfirmation(
        heading=f"Cancel your place on “{session.title}”?",
        consequence=(
            "Your place goes straight to the next person on the waitlist, or back on offer. "
            "If you change your mind, the session may be full by then."
        ),
        button="Cancel my place",
    )


def booking_panel(*, session: Session, state: BookingState | None, now: datetime) -> BookingPanel:
    """The panel for `session` as it stands at `now`; `state` is None for anonymous visitors."""
    if session.is_cancelled:
        return BookingPanel(
            state="cancelled", text="This session has been cancelled, so it cannot be booked."
        )
    # Once it is over the session page shows its write-ups, not this panel.
    if session.phase_at(now) != SessionPhase.UPCOMING:
        holds = _held_text(session, state)
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
            confirm_first=True,
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
            state="going",
            text="You have a place.",
            action="cancel",
            button="Cancel my place",
            confirm_first=True,
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
            text=ngettext(
                "%(left)s of %(capacity)s place left.",
                "%(left)s of %(capacity)s places left.",
                session.capacity,
            )
            % {"left": left, "capacity": f"{session.capacity:,}"},
            action="book",
            button="Book a place",
        )
    waiting = (
        "Nobody is on the waitlist yet."
        if not state.waiting
        else ngettext(
            "%(count)s person is waiting.", "%(count)s people are waiting.", state.waiting
        )
        % {"count": f"{state.waiting:,}"}
    )
    return BookingPanel(
        state="full",
        text=f"This session is full. {waiting}",
        action="book",
        button="Join the waitlist",
    )


def _held_text(session: Session, state: BookingState | None) -> str:
    if state is None or not state.is_going:
        return ""
    return "It is in your programme. " if session.is_drop_in else "You have a place. "


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
