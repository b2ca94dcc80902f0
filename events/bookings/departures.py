"""An account deleted (the admin's user list) takes its bookings with it: first they are
cancelled as the person would cancel them, under each session's lock, so the place goes to
the waitlist's first (who is emailed), a waitlist closes its gap, and the programme stops
saying the session is full. Sessions already started are left as they are: nobody is
promoted into a session that is under way or over."""

from contextlib import suppress

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from events.bookings.services import BookingError, cancel_booking
from events.enums import AttendanceStatus
from events.models import Attendance
from festival.models import User


@receiver(pre_delete, sender=User)
def cancel_bookings_of_deleted_account(sender, instance: User, **kwargs) -> None:
    standing = (
        Attendance.objects.filter(
            user=instance,
            status__in=[AttendanceStatus.GOING, AttendanceStatus.WAITLISTED],
            session__start__gt=timezone.now(),
        )
        .select_related("session")
        # Sessions locked in one order, as any two deletions at once take them.
        .order_by("session_id")
    )
    for attendance in standing:
        # Cancelled meanwhile by the person themselves: nothing left to give up.
        with suppress(BookingError):
            cancel_booking(user=instance, session=attendance.session)
