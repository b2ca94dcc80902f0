"""Celery tasks of the festival app: thin, each calls the function that does the work."""

from celery import shared_task

from festival.outbox.scan import send_due_messages
from festival.outbox.services import SENDER_TASK


@shared_task(name=SENDER_TASK, ignore_result=True)
def send_outbox() -> None:
    """Send every outbox message that is due. Queued on commit by whatever owed one, and by
    beat every minute. No autoretry: a failed send waits on its row instead."""
    send_due_messages()
