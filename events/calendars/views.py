"""iCalendar feeds, and making a private calendar link from /me/.

Feeds are fetched by calendar apps without logging in: an unpublished festival has none.
Each answers 304 from its version stamp before building anything, and is gzipped when the
client accepts it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from events.bookings.selectors import calendar_link_of
from events.calendars.feeds import FestivalCalendar, SessionCalendar, SpeakerCalendar
from events.calendars.forms import CalendarLinkForm
from events.calendars.personal import PersonalCalendar
from events.calendars.tokens import (
    keep_to_show_once,
    make_calendar_link,
    set_calendar_reminder,
)
from events.enums import CalendarAlarm, CalendarLinkAction

# Gzip is done by the feeds themselves (see events/calendars/http.py): GZipMiddleware would
# compress a 3 MB feed again on every request, where a kept .gz costs nothing.
festival_calendar = require_safe(FestivalCalendar())
session_calendar = require_safe(SessionCalendar())
speaker_calendar = require_safe(SpeakerCalendar())
personal_calendar = require_safe(PersonalCalendar())

CALENDAR_SECTION = "#calendar"


@require_POST
def regenerate_calendar_link(request: HttpRequest) -> HttpResponse:
    """Make a new private calendar link (the old one stops working), then on to /me/, which
    shows it once; or save the reminder the feed gives."""
    here = reverse("my-programme")
    if not request.user.is_authenticated:
        return redirect_to_login(here)
    form = CalendarLinkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(here + CALENDAR_SECTION)
    reminder = form.cleaned_data["reminder"]
    if form.cleaned_data["action"] == CalendarLinkAction.SAVE_ALARM:
        if set_calendar_reminder(user=request.user, reminder_minutes=reminder) is None:
            messages.error(request, "Make your calendar link first, then choose a reminder.")
        else:
            messages.success(request, reminder_message(reminder))
        return redirect(here + CALENDAR_SECTION)
    link = make_calendar_link(user=request.user, reminder_minutes=reminder)
    keep_to_show_once(request.session, link=link)
    messages.success(
        request,
        "Your new calendar link is below. Any link you made before has stopped working.",
    )
    return redirect(here + CALENDAR_SECTION)


@require_safe
@login_required
def confirm_new_calendar_link(request: HttpRequest) -> HttpResponse:
    """Ask before making a new link: the one in use stops working at once. With no link yet
    there is nothing to lose, so /me/ makes the first one without asking."""
    link = calendar_link_of(user=request.user)
    if link is None:
        return redirect(reverse("my-programme") + CALENDAR_SECTION)
    return render(request, "events/calendar_new_link_confirm.html", {"link": link})


def reminder_message(reminder: int | None) -> str:
    if reminder is None:
        return "Saved: no reminders. Your calendar app drops them at its next refresh."
    when = CalendarAlarm(reminder).label
    return (
        f"Saved: your calendar app will remind you {when} each session you have a place on, "
        "from its next refresh."
    )
