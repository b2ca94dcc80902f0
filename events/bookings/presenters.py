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
