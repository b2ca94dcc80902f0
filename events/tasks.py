"""Celery tasks: thin. Ids in, call a function that does the work, quiet if the row is gone.

The services queue these by name (`config.celery.queue_on_commit`) rather than importing this
module: the tasks sit above every capability, so each can import what it calls here, at the
top, with no import running back up.
"""

from celery import shared_task

from config.celery import MAIL_TASK_OPTIONS
from events.bookings.emails import send_booking_confirmation_email, send_promotion_email
from events.change_notices.scan import send_due_change_notices
from events.reminders.scan import scan_reminders as scan_due_reminders
from events.writeups.emails import send_writeup_emails


@shared_task(name="events.send_booking_confirmation", **MAIL_TASK_OPTIONS)
def send_booking_confirmation(*, attendance_id: int) -> None:
    send_booking_confirmation_email(attendance_id=attendance_id)


@shared_task(name="events.send_waitlist_promotion", **MAIL_TASK_OPTIONS)
def send_waitlist_promotion(*, attendance_id: int) -> None:
    send_promotion_email(attendance_id=attendance_id)


@shared_task(name="events.send_writeup_notices", **MAIL_TASK_OPTIONS)
def send_writeup_notices(*, writeup_id: int) -> None:
    send_writeup_emails(writeup_id=writeup_id)


@shared_task(name="events.scan_reminders", ignore_result=True)
def scan_reminders() -> None:
    """Beat runs this every minute: send the reminders that are due (rows, not ETA tasks:
    events/reminders/scan.py). No autoretry: a failed send waits on its row instead."""
    scan_due_reminders()


@shared_task(name="events.scan_change_notices", ignore_result=True)
def scan_change_notices() -> None:
    """Beat runs this every minute: send the change notices whose window has closed."""
    send_due_change_notices()
