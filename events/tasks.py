"""Celery tasks: thin. Ids in, call a function that does the work, quiet if the row is gone."""

from celery import shared_task

from config.celery import MAIL_TASK_OPTIONS


@shared_task(name="events.send_booking_confirmation", **MAIL_TASK_OPTIONS)
def send_booking_confirmation(*, attendance_id: int) -> None:
    from events.notices import send_booking_notice

    send_booking_notice(attendance_id=attendance_id)


@shared_task(name="events.send_waitlist_promotion", **MAIL_TASK_OPTIONS)
def send_waitlist_promotion(*, attendance_id: int) -> None:
    from events.notices import send_promotion_notice

    send_promotion_notice(attendance_id=attendance_id)


@shared_task(name="events.send_writeup_notices", **MAIL_TASK_OPTIONS)
def send_writeup_notices(*, writeup_id: int) -> None:
    from events.notices import send_writeup_notices as send_notices

    send_notices(writeup_id=writeup_id)


@shared_task(name="events.scan_reminders", ignore_result=True)
def scan_reminders() -> None:
    """Beat runs this every minute: send the reminders that are due (rows, not ETA tasks:
    events/reminders/scan.py). No autoretry: a failed send waits on its row instead."""
    from events.reminders.scan import scan_reminders as scan

    scan()


@shared_task(name="events.scan_change_notices", ignore_result=True)
def scan_change_notices() -> None:
    """Beat runs this every minute: send the change notices whose window has closed."""
    from events.change_notices.sending import send_due_change_notices

    send_due_change_notices()
