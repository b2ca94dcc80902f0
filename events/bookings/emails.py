"""Emails to attendees about their bookings: written from templates/emails/, sent once.

A place (booked, drop-in or from the waitlist) comes with the session's calendar file, the
one the session page offers: same UID and SEQUENCE as the feeds, so calendars that have it
from both see one event. A waitlist spot has none: it is not in the person's diary yet.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from events.calendars.feeds import session_calendar_file
from events.enums import AttendanceStatus
from events.models import Attendance


def attendance_for_email(attendance_id: int) -> Attendance | None:
    return (
        Attendance.objects.select_related(
            "user", "session__festival", "session__room__venue", "session__event"
        )
        .filter(pk=attendance_id)
        .first()
    )


def send_booking_confirmation_email(*, attendance_id: int) -> bool:
    """Confirm a place, a waitlist spot or a drop-in, as the booking stands now.

    Returns False, sending nothing, if the booking is gone or was cancelled meanwhile.
    """
    attendance = attendance_for_email(attendance_id)
    if attendance is None or attendance.status == AttendanceStatus.CANCELLED:
        return False
    if attendance.status == AttendanceStatus.WAITLISTED:
        subject = f"You are number {attendance.position} on the waitlist: {attendance.session}"
    elif attendance.session.capacity is None:
        subject = f"In your programme: {attendance.session}"
    else:
        subject = f"Your place is booked: {attendance.session}"
    template = "emails/booking_confirmation.txt"
    return send_attendance_email(attendance, subject=subject, template=template)


def send_promotion_email(*, attendance_id: int) -> bool:
    """Tell someone a place has come up for them from the waitlist."""
    attendance = attendance_for_email(attendance_id)
    if attendance is None or attendance.status != AttendanceStatus.GOING:
        return False
    subject = f"A place has come up for you: {attendance.session}"
    template = "emails/waitlist_promotion.txt"
    return send_attendance_email(attendance, subject=subject, template=template)


def send_attendance_email(attendance: Attendance, *, subject: str, template: str) -> bool:
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
    message.send()
    return True
