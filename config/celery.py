import os
from smtplib import SMTPException

from celery import Celery
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("convene")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Options for every task that sends mail. The longest backoff stays below the Redis broker's
# visibility timeout (one hour, config/settings.py), so a task being retried is never also
# redelivered; the tasks themselves are idempotent.
MAIL_TASK_OPTIONS = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


def queue_on_commit(task_name: str, **kwargs) -> None:
    """Queue the task registered as `task_name` once the current transaction commits.

    By name, so that a service never imports the tasks module that imports it back; the
    registered task (the apps import their tasks in `ready`) runs inline in the tests' eager mode.
    """
    # A name no app registered would be sent to the broker and never run: fail here instead.
    task = app.tasks[task_name]
    transaction.on_commit(lambda: task.apply_async(kwargs=kwargs))
