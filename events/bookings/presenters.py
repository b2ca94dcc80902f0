"""What the attendee's booking pages show: the session page's booking panel, in words."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import ngettext

from events.bookings.selectors import BookingState
from events.models import Session


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


def _held_text(session: Session, state: BookingState | None, *, past: bool) -> str:
    if state is None or not state.is_going:
        return ""
    if session.is_drop_in:
        return "This session was in your programme. " if past else "It is in your programme. "
    return "You had a place. " if past else "You have a place. "
