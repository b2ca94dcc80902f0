"""Celery tasks: thin. Ids in, call a function that does the work, quiet if the row is gone."""

from smtplib import SMTPException

from celery import shared_task

# As events/tasks.py (festival never imports events): below Redis's visibility timeout (one
# hour, config/settings.py), so a retried task is never also redelivered.
MAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="festival.send_email_confirmation", **MAIL_RETRY)
def send_email_confirmation(*, user_id: int) -> None:
    from festival.email_confirmation import send_confirmation_email

    send_confirmation_email(user_id=user_id)
