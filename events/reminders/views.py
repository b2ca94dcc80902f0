"""Reminders: the settings form on /me/, and the one-click stop link in every reminder (no
login needed)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from events.bookings.services import BookingError, cancel_booking
from events.bookings.views.attendee import render_my_programme
from events.models import Attendance
from events.reminders.forms import ReminderSettingsForm
from events.reminders.services import save_reminder_settings, stop_reminders
from events.reminders.stop_links import reminder_from_token

REMINDERS_SECTION = "#reminders"
STOP_DONE_KEY = "reminder_stop_done"


@require_POST
def save_my_reminder_settings(request: HttpRequest) -> HttpResponse:
    """The reminder settings form on /me/."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("my-programme"))
    form = ReminderSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Your reminder settings were not saved: see below.")
        return render_my_programme(request, reminder_form=form)
    chosen = save_reminder_settings(
        user=request.user,
        reminders=form.cleaned_data["reminders"],
        change_notices=form.cleaned_data["change_notices"],
    )
    messages.success(request, f"Reminder settings saved: {chosen.get_reminders_display().lower()}.")
    return redirect(reverse("my-programme") + REMINDERS_SECTION)


@require_http_methods(["GET", "POST"])
def reminder_stop_link(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click link in a reminder, no login needed: a page that asks, then a POST that
    cancels the place or stops reminders. A GET changes nothing (mail scanners follow links).
    """
    reminder = reminder_from_token(token)
    if reminder is None:
        return render(request, "events/reminder_stop.html", {"invalid": True}, status=404)
    session, user = reminder.session, reminder.user
    attendance = reminder.attendance
    can_cancel = (
        attendance is not None
        and attendance.status != Attendance.Status.CANCELLED
        and session.start > timezone.now()
    )
    # What the POST did, shown once by the page it redirects to (POST, redirect, GET).
    done = request.session.pop(STOP_DONE_KEY, "") if request.method == "GET" else ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel-booking" and can_cancel:
            try:
                cancel_booking(user=user, session=session)
            except BookingError as error:
                done = str(error)
            else:
                done = (
                    f"Your booking for “{session.title}” is cancelled. "
                    "Thank you for letting someone else have it."
                )
        elif action == "stop-reminders":
            stop_reminders(user=user)
            done = (
                "You will get no more reminders before sessions. "
                "You can turn them back on from your programme page."
            )
        else:
            return render(request, "events/reminder_stop.html", {"invalid": True}, status=400)
        request.session[STOP_DONE_KEY] = done
        return redirect(request.path)
    context = {
        "session": session,
        "festival": session.festival,
        "person": user,
        "can_cancel": can_cancel,
        "done": done,
        "my_programme_url": reverse("my-programme"),
    }
    return render(request, "events/reminder_stop.html", context)
