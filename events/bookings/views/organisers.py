"""Organiser pages: the festivals a person organises, and bookings, attendee lists and
check-in at the door.

Only a festival's organisers reach them (events.permissions.organiser_required); every write
goes through the booking services, which lock the session and keep the waitlist in order.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events.access.presenters import festival_needs, need_sums, warnings_for
from events.access.selectors import STANDARD_VOCABULARY, needs_of_sessions, vocabulary_of
from events.bookings.charts import FillChart, session_fill_chart
from events.bookings.exports import attendee_csv
from events.bookings.forms import CapacityForm, CheckInSearchForm
from events.bookings.presenters import check_in_people, not_today_warning
from events.bookings.selectors import (
    BookingDay,
    attendee_names,
    attendees_for_export,
    check_in_matches,
    festival_bookings,
    session_people,
)
from events.bookings.services import BookingError, change_capacity, check_in, undo_check_in
from events.bookings.undelivered import undelivered_messages
from events.formatting import day_spelled_out
from events.models import Attendance, Session
from events.permissions import organiser_required, session_or_404
from events.programme.selectors import session_of_festival
from festival.models import Festival
from festival.selectors import festivals_organised_by


@require_safe
@login_required
def organiser_home(request: HttpRequest) -> HttpResponse:
    """/organise/: where organisers land after logging in. Their festivals, each with its
    bookings, check-in, import and schedule editor; 403 for people who organise none."""
    festivals = festivals_organised_by(user=request.user)
    if not festivals:
        raise PermissionDenied("Only festivals' organisers have this page.")
    return render(request, "events/organise/home.html", {"festivals": festivals})


@require_safe
@organiser_required
def bookings_overview(request: HttpRequest, festival: Festival) -> HttpResponse:
    """Every session by day: places taken, waitlist, check-ins, and a chart of how full; and
    the festival's emails that have not gone out."""
    bookings = festival_bookings(festival=festival)
    days = [(day, day_fill_chart(day, festival=festival)) for day in bookings.days]
    vocabulary = vocabulary_of(festival=festival)
    context = {
        "festival": festival,
        "bookings": bookings,
        "days": days,
        "undelivered": undelivered_messages(festival=festival, now=timezone.now()),
        "needs": festival_needs(
            needs_of_sessions(sessions=bookings.sessions), vocabulary=vocabulary
        ),
    }
    return render(request, "events/organise/bookings.html", context)


def day_fill_chart(day: BookingDay, *, festival: Festival) -> FillChart:
    return session_fill_chart(
        chart_id=f"fill-{day.day.isoformat()}",
        title=f"How full each session is on {day_spelled_out(day.day)}",
        sessions=day.sessions,
        zone=festival.zone,
        link=lambda session: reverse(
            "organise-session", kwargs={"festival": festival.slug, "session": session.slug}
        ),
    )


@require_http_methods(["GET", "POST"])
@organiser_required
def session_bookings(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    """A session's people, and its capacity: raising it gives places to the waitlist."""
    found = organised_session_or_404(festival, session)
    form = CapacityForm(request.POST or None, initial={"capacity": found.capacity})
    if request.method == "POST" and form.is_valid():
        capacity = form.cleaned_data["capacity"]
        try:
            promoted = change_capacity(session=found, capacity=capacity)
        except BookingError as error:
            form.add_error("capacity", str(error))
        else:
            names = attendee_names(attendance_ids=[attendance.pk for attendance in promoted])
            messages.success(request, capacity_changed_message(capacity, names))
            return redirect("organise-session", festival=festival.slug, session=found.slug)
    vocabulary = vocabulary_of(festival=festival)
    needs = needs_of_sessions(sessions=[found])[found.pk]
    context = {
        "festival": festival,
        "session": found,
        "people": session_people(session=found),
        "form": form,
        "vocabulary": vocabulary,
        "need_sums": need_sums(needs, vocabulary=vocabulary),
        "access_warnings": [] if found.is_cancelled else warnings_for(needs, vocabulary=vocabulary),
    }
    return render(request, "events/organise/session_bookings.html", context)


def organised_session_or_404(festival: Festival, slug: str) -> Session:
    """The session with its room, venue and event, as the organiser pages show it."""
    return session_or_404(
        session_of_festival(festival=festival, slug=slug, related=("room__venue", "event"))
    )


def capacity_changed_message(capacity: int | None, promoted_names: list[str]) -> str:
    if capacity is None:
        message = "The session is now drop-in: no booking needed."
    else:
        message = ngettext(
            "The session now has %(count)s place.",
            "The session now has %(count)s places.",
            capacity,
        ) % {"count": capacity}
    if promoted_names:
        message += f" Given a place from the waitlist: {', '.join(promoted_names)}."
    return message


@require_safe
@organiser_required
def session_attendees_csv(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    found = organised_session_or_404(festival, session)
    return attendee_csv_response(
        festival=festival,
        attendances=attendees_for_export(festival=festival, session=found),
        filename=f"{festival.slug}-{found.slug}-attendees.csv",
    )


@require_safe
@organiser_required
def festival_attendees_csv(request: HttpRequest, festival: Festival) -> HttpResponse:
    return attendee_csv_response(
        festival=festival,
        attendances=attendees_for_export(festival=festival),
        filename=f"{festival.slug}-attendees.csv",
    )


def attendee_csv_response(
    *, festival: Festival, attendances: Iterable[Attendance], filename: str
) -> HttpResponse:
    response = HttpResponse(
        attendee_csv(festival=festival, attendances=attendances),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@organiser_required
def check_in_page(request: HttpRequest, festival: Festival) -> HttpResponse:
    """At the door, on a phone: find people by part of their name or email, and check them in
    to today's sessions (or another day's) with one tap."""
    today = festival_today(festival)
    form = CheckInSearchForm(request.GET, festival=festival, today=today)
    matches, people = None, []
    if form.is_valid() and form.cleaned_data["q"]:
        matches = check_in_matches(
            festival=festival, text=form.cleaned_data["q"], day=form.cleaned_data["day"]
        )
        people = check_in_people(matches=matches, today=today, zone=festival.zone)
    context = {
        "festival": festival,
        "form": form,
        "matches": matches,
        "people": people,
        "vocabulary": STANDARD_VOCABULARY if matches is None else vocabulary_of(festival=festival),
    }
    return render(request, "events/organise/check_in.html", context)


@require_POST
@organiser_required
def check_in_attendee(request: HttpRequest, festival: Festival, attendance_id: int) -> HttpResponse:
    attendance = attendance_or_404(festival, attendance_id)
    try:
        check_in(attendance=attendance)
    except BookingError as error:
        messages.error(request, f"Not checked in: {error}")
    else:
        checked_in = f"Checked in: {attendance.user}, {attendance.session.title}"
        warning = not_today_warning(
            start=attendance.session.start, today=festival_today(festival), zone=festival.zone
        )
        if warning:
            messages.warning(request, f"{checked_in}. {warning}")
        else:
            messages.success(request, checked_in)
    return back_to_search(request, festival, attendance)


@require_POST
@organiser_required
def undo_check_in_attendee(
    request: HttpRequest, festival: Festival, attendance_id: int
) -> HttpResponse:
    attendance = attendance_or_404(festival, attendance_id)
    undo_check_in(attendance=attendance)
    messages.success(request, f"Check-in undone: {attendance.user}, {attendance.session.title}")
    return back_to_search(request, festival, attendance)


def attendance_or_404(festival: Festival, attendance_id: int) -> Attendance:
    return get_object_or_404(
        Attendance.objects.select_related("user", "session"),
        pk=attendance_id,
        session__festival=festival,
    )


def back_to_search(
    request: HttpRequest, festival: Festival, attendance: Attendance
) -> HttpResponse:
    """To the search the check-in came from (its words and day are posted with it), scrolled
    to the person's booking."""
    search = CheckInSearchForm(request.POST, festival=festival, today=festival_today(festival))
    url = reverse("organise-check-in", kwargs={"festival": festival.slug})
    return redirect(f"{url}?{search.query_string()}#booking-{attendance.pk}")


def festival_today(festival: Festival) -> date:
    return timezone.localdate(timezone=festival.zone)
