"""Booking from the session page, and "my programme" at /me/.

Every action is a POST that goes through the booking services (which lock the session and
keep the waitlist in order), then back to a page with a message: POST, redirect, GET.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events.access.forms import BookingNeedsForm, MyNeedsForm
from events.access.selectors import vocabularies_of, vocabulary_of
from events.bookings.presenters import cancel_confirmation
from events.bookings.selectors import (
    BookingState,
    booking_of,
    booking_state,
    programme_of,
)
from events.bookings.services import BookingError, BookingOutcome, book_place, cancel_booking
from events.calendars.tokens import take_link_to_show
from events.formatting import span_in_week
from events.models import Attendance, Session
from events.permissions import session_or_404, visible_festival_required
from events.programme.selectors import session_of_festival
from events.reminders.forms import ReminderSettingsForm
from festival.models import Festival


@require_POST
@visible_festival_required
def book_session(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    """Book a place, join the waitlist when full, or add a drop-in to the programme."""
    chosen = session_or_404(session_of_festival(festival=festival, slug=session))
    if not request.user.is_authenticated:
        return redirect_to_login(chosen.get_absolute_url())
    try:
        outcome = book_place(user=request.user, session=chosen)
    except BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, booked_message(outcome, email=request.user.email))
        for other in outcome.overlaps:
            messages.warning(request, overlap_message(other, festival=festival))
    return redirect(chosen.get_absolute_url())


@require_http_methods(["GET", "POST"])
@visible_festival_required
def cancel_session_booking(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    """Give up a place, a waitlist spot or a drop-in; back to the page it came from.

    A GET asks first, saying what is lost (a place goes to the next person on the waitlist;
    a waitlist spot, once left, is taken again at the back): the buttons for a place and a
    waitlist spot link here. The POST does it.
    """
    chosen = session_or_404(session_of_festival(festival=festival, slug=session))
    if not request.user.is_authenticated:
        return redirect_to_login(
            request.get_full_path() if request.method == "GET" else chosen.get_absolute_url()
        )
    held = booking_state(session=chosen, user=request.user)
    back = _safe_next(request) or chosen.get_absolute_url()
    if request.method == "GET":
        if not (held.is_going or held.is_waitlisted):
            messages.info(request, f"You have no place on “{chosen.title}” to cancel.")
            return redirect(back)
        return render(
            request,
            "events/cancel_confirm.html",
            {
                "festival": festival,
                "session": chosen,
                "confirm": cancel_confirmation(chosen, held),
                "back": back,
            },
        )
    try:
        cancel_booking(user=request.user, session=chosen)
    except BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, cancelled_message(chosen, held))
    return redirect(back)


@require_safe
@login_required
def my_programme(request: HttpRequest) -> HttpResponse:
    return render_my_programme(request)


@require_POST
def save_access_needs(request: HttpRequest, attendance: int) -> HttpResponse:
    """Store what a person needs to take part in one of their sessions, when it differs from
    their saved needs; or ("follow") go back to their saved needs."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("my-programme"))
    booking = booking_of(user=request.user, attendance_id=attendance)
    if booking is None:
        raise Http404("You have no booking at that address.")
    title = booking.session.title
    if booking.status == Attendance.Status.CANCELLED:
        messages.error(
            request, f"You no longer have a booking for “{title}”, so nothing was saved."
        )
        return redirect("my-programme")
    if booking.session.end <= timezone.now():
        messages.error(request, f"“{title}” is over, so its access needs can no longer change.")
        return redirect("my-programme")
    vocabulary = vocabulary_of(festival=booking.session.festival_id)
    form = BookingNeedsForm(request.POST, attendance=booking, vocabulary=vocabulary)
    if request.POST.get("action") == "follow":
        form.follow_person()
        messages.success(request, f"“{title}” now uses the access needs you saved for everything.")
        return redirect(reverse("my-programme") + f"#booking-{booking.pk}")
    if not form.is_valid():
        messages.error(request, f"Your access needs for “{title}” were not saved: see below.")
        return render_my_programme(request, invalid=form)
    form.save()
    messages.success(
        request, f"Access needs saved for “{title}”. Only the festival's organisers see them."
    )
    return redirect(reverse("my-programme") + f"#booking-{booking.pk}")


@require_POST
def save_my_access_needs(request: HttpRequest) -> HttpResponse:
    """Store what a person needs, once: every booking uses it unless changed for that one."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("my-programme"))
    form = MyNeedsForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "Your access needs were not saved: see below.")
        return render_my_programme(request, invalid_needs=form)
    form.save()
    messages.success(
        request,
        "Access needs saved. Every booking uses them unless you change them for one; only the "
        "organisers of the festivals you book see them.",
    )
    return redirect(reverse("my-programme") + "#access-needs")


@dataclass(frozen=True)
class UpcomingBooking:
    """A booking on /me/ with its access-needs form; it can be cancelled until it starts."""

    attendance: Attendance
    access_form: BookingNeedsForm
    cancel_label: str
    can_cancel: bool
    confirm_first: bool
    """Giving it up cannot be undone (a place, a waitlist spot): ask on a page first."""


@dataclass(frozen=True)
class ProgrammeSection:
    slug: str
    heading: str
    bookings: list[UpcomingBooking]


def render_my_programme(
    request: HttpRequest,
    *,
    invalid: BookingNeedsForm | None = None,
    invalid_needs: MyNeedsForm | None = None,
    reminder_form: ReminderSettingsForm | None = None,
) -> HttpResponse:
    """/me/, with `invalid` (a refused access-needs form) shown in place of its booking's, and
    `invalid_needs` (a refused form of the person's own needs) in place of theirs."""
    now = timezone.now()
    programme = programme_of(user=request.user, now=now)
    new_token = take_link_to_show(request.session, link=programme.calendar_link)
    if new_token:
        programme.calendar_link.token = new_token
    vocabularies = vocabularies_of(
        festival_ids=[attendance.session.festival_id for attendance in programme.upcoming]
    )

    def upcoming(attendances: list[Attendance], cancel_label: str) -> list[UpcomingBooking]:
        return [
            UpcomingBooking(
                attendance=attendance,
                access_form=(
                    invalid
                    if invalid is not None and invalid.attendance.pk == attendance.pk
                    else BookingNeedsForm(
                        attendance=attendance,
                        vocabulary=vocabularies[attendance.session.festival_id],
                    )
                ),
                cancel_label=(
                    "Remove from my programme" if attendance.session.is_cancelled else cancel_label
                ),
                can_cancel=attendance.session.start > now,
                confirm_first=not attendance.session.is_cancelled
                and not attendance.session.is_drop_in,
            )
            for attendance in attendances
        ]

    sections = [
        ProgrammeSection("booked", "Places booked", upcoming(programme.booked, "Cancel my place")),
        ProgrammeSection(
            "waitlisted", "On the waitlist", upcoming(programme.waitlisted, "Leave the waitlist")
        ),
        ProgrammeSection(
            "drop-ins",
            "Drop-ins in my programme",
            upcoming(programme.drop_ins, "Remove from my programme"),
        ),
    ]
    context = {
        "programme": programme,
        "sections": [section for section in sections if section.bookings],
        "past": programme.past,
        "here": reverse("my-programme"),
        "needs_form": invalid_needs or MyNeedsForm(user=request.user),
        "reminder_form": reminder_form
        or ReminderSettingsForm(instance=programme.reminder_settings),
    }
    response = render(request, "events/my_programme.html", context)
    if new_token:
        # The page shows the link this once: nothing may keep a copy of it.
        response["Cache-Control"] = "no-store"
    return response


def booked_message(outcome: BookingOutcome, *, email: str) -> str:
    attendance = outcome.attendance
    if outcome.is_waitlisted:
        return (
            f"The session is full: you are number {attendance.position} on the waitlist. "
            "We will email you if a place comes up."
        )
    confirmation = f"A confirmation is on its way to {email}."
    if attendance.session.is_drop_in:
        return (
            f"“{attendance.session.title}” is in your programme: it is a drop-in, so no place "
            f"is needed. {confirmation}"
        )
    return f"Your place is booked. {confirmation}"


def overlap_message(other: Session, *, festival: Festival) -> str:
    return (
        f"This overlaps with “{other.title}” ({span_in_week(other.start, other.end, festival)}), "
        "which you have also booked."
    )


def cancelled_message(session: Session, held: BookingState) -> str:
    if held.is_waitlisted:
        return f"You have left the waitlist for “{session.title}”."
    if session.is_drop_in:
        return f"“{session.title}” is no longer in your programme."
    return (
        f"Your place on “{session.title}” is cancelled. Thank you for letting someone else have it."
    )


def _safe_next(request: HttpRequest) -> str:
    """The page to go back to, if the form or link named one on this site; else ""."""
    target = (request.POST if request.method == "POST" else request.GET).get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
