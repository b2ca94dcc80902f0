"""One reminder email: plain text and HTML from templates/emails/, the session's .ics (the
same file as booking confirmations), a one-click link to stop reminders or cancel the place,
and the reminder's id in a header (X-Convene-Reminder) so duplicates can be counted.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import ngettext

from events.calendars.feeds import session_calendar_file
from events.formatting import span_in_full
from events.models import Reminder, Session
from events.reminders.kinds import ATTENDEE_PREFIX, SPEAKER_PREFIX, WRITE_UP_PROMPT
from events.reminders.stop_links import stop_url

HEADER = "X-Convene-Reminder"


@dataclass
class CalendarFiles:
    """The .ics of each session, made once per scan: many reminders share a session."""

    files: dict[tuple[int, int], bytes] = field(default_factory=dict)

    def of(self, session: Session) -> bytes:
        key = (session.pk, session.sequence)
        if key not in self.files:
            self.files[key] = session_calendar_file(session)
        return self.files[key]


def lead_time(minutes: int) -> str:
    """ "in 24 hours", "in 1 hour", "in 90 minutes", "in 2 days"."""
    span = timedelta(minutes=minutes)
    if minutes % (24 * 60) == 0 and minutes >= 48 * 60:
        return f"in {span.days} days"
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("in %(count)s hour", "in %(count)s hours", hours) % {"count": hours}
    return ngettext("in %(count)s minute", "in %(count)s minutes", minutes) % {"count": minutes}


def template_and_subject(reminder: Reminder) -> tuple[str, str]:
    title = reminder.session.title
    if reminder.kind == WRITE_UP_PROMPT:
        return "writeup_prompt", f"How did it go? Write up “{title}”"
    minutes = int(reminder.kind.rsplit(":", 1)[1])
    if reminder.kind.startswith(SPEAKER_PREFIX):
        return "speaker_reminder", f"You are speaking {lead_time(minutes)}: {title}"
    return "reminder", f"Starts {lead_time(minutes)}: {title}"


def reminder_message(reminder: Reminder, *, calendars: CalendarFiles) -> EmailMultiAlternatives:
    """The email for `reminder`, ready to send. `reminder` comes with its user, and its session
    with festival, room and venue."""
    session = reminder.session
    festival = session.festival
    template, subject = template_and_subject(reminder)
    link = stop_url(reminder)
    context = {
        "reminder": reminder,
        "user": reminder.user,
        "session": session,
        "festival": festival,
        "room": session.room,
        "venue": session.room.venue,
        "when": f"{span_in_full(session.start, session.end, festival)} ({festival.timezone} time)",
        "session_url": settings.SITE_URL + session.get_absolute_url(),
        "my_programme_url": settings.SITE_URL + reverse("my-programme"),
        "writeup_url": settings.SITE_URL
        + reverse("writeup-new", kwargs={"festival": festival.slug, "session": session.slug}),
        "stop_url": link,
        "is_attendee": reminder.kind.startswith(ATTENDEE_PREFIX),
        # A drop-in has no places to give back: its mails must not talk of one.
        "drop_in": session.capacity is None,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        to=[reminder.user.email],
        headers={HEADER: str(reminder.pk), "List-Unsubscribe": f"<{link}>"},
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    if reminder.kind != WRITE_UP_PROMPT:
        message.attach(f"{session.slug}.ics", calendars.of(session), "text/calendar")
    return message
