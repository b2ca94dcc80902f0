"""Celery tasks: thin. Each calls the function that does the work.

Every other email is an outbox row (festival/outbox), sent by the festival app's task.
"""

from celery import shared_task

from events.change_notices.scan import send_due_change_notices
from events.reminders.scan import scan_reminders as scan_due_reminders


@shared_task(name="events.scan_reminders", ignore_result=True)
def scan_reminders() -> None:
    """Beat runs this every minute: send the reminders that are due (rows, not ETA tasks:
    events/reminders/scan.py). No autoretry: a failed send waits on its row instead."""
    scan_due_reminders()


@shared_task(name="events.scan_change_notices", ignore_result=True)
def scan_change_notices() -> None:
    """Beat runs this every minute: send the change notices whose window has closed."""
    send_due_change_notices()
