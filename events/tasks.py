"""Celery tasks: thin. Ids in, call a function that does the work, quiet if the row is gone."""

from smtplib import SMTPException

from celery import shared_task

# Below Redis's visibility timeout (one hour, config/settings.py), so a retried task is never
# also redelivered.
MAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="events.send_booking_confirmation", **MAIL_RETRY)
def send_booking_confirmation(*, attendance_id: int) -> None:
    from events.notices import send_booking_notice

    send_booking_notice(attendance_id=attendance_id)


@shared_task(name="events.send_waitlist_promotion", **MAIL_RETRY)
def send_waitlist_promotion(*, attendance_id: int) -> None:
    from events.notices import send_promotion_notice

    send_promotion_notice(attendance_id=attendance_id)
