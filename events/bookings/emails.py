"""Emails to attendees about their bookings: written from templates/emails/, sent once.

A place (booked, drop-in or from the waitlist) comes with the session's calendar file, the
one the session page offers: same UID and SEQUENCE as the feeds, so calendars that have it
from both see one event. A waitlist spot has none: it is not in the person's diary yet.

These are outbox renderers (events/outbox_renderers.py): the row in, the email as the booking
stands when it goes out, or None when there is nothing left to say.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from events.calendars.feeds import session_calendar_file
from events.enums import AttendanceStatus
from events.models import Attendance
from festival.models import OutboxMessage


def attendance_for_email(attendance_id: int) -> Attendance | None:
    return (
        Attendance.objects.select_related(
            "user", "session__festival", "session__room__venue", "session__event"
        )
        .filter(pk=attendance_id)
        .first()
    )


def booking_confirmation_message(message: OutboxMessage) -> EmailMessage | None:
    """Confirm a place, a waitlist spot or a drop-in, as the booking stands now.

    None if the booking is gone or was cancelled meanwhile.
    """
    attendance = attendance_for_email(message.payload["attendance_id"])
    if attendance is None or attendance.status == AttendanceStatus.CANCELLED:
        return None
    if attendance.status == AttendanceStatus.WAITLISTED:
        subject = f"You are number {attendance.position} on the waitlist: {attendance.session}"
    elif attendance.session.capacity is None:
        subject = f"In your programme: {attendance.session}"
    else:
        subject = f"Your place is booked: {attendance.session}"
    template = "emails/booking_confirmation.txt"
    return attendance_email(attendance, subject=subject, template=template)


def promotion_message(message: OutboxMessage) -> EmailMessage | None:
    """Tell someone a place has come up for them from the waitlist; None if they no longer
    have it (cancelled since)."""
    attendance = attendance_for_email(message.payload["attendance_id"])
    if attendance is None or attendance.status != AttendanceStatus.GOING:
        return None
    subject = f"A place has come up for you: {attendance.session}"
    template = "emails/waitlist_promotion.txt"
    return attendance_email(attendance, subject=subject, template=template)


def attendance_email(attendance: Attendance, *, subject: str, template: str) -> EmailMessage:
    session = attendance.session
    context = {
        "attendance": attendance,
        "session": session,
        "festival": session.festival,
        "venue": session.room.venue,
        "session_url": settings.SITE_URL + session.get_absolute_url(),
        "my_programme_url": settings.SITE_URL + "/me/",
    }
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        to=[attendance.user.email],
    )
    if attendance.status == AttendanceStatus.GOING:
        message.attach(f"{session.slug}.ics", session_calendar_file(session), "text/calendar")
    return message
