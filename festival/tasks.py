"""Celery tasks: thin. Ids in, call a function that does the work, quiet if the row is gone.

The services queue these by name (`config.celery.queue_on_commit`), so this module imports
what it calls at the top and nothing imports it back.
"""

from celery import shared_task

from config.celery import MAIL_TASK_OPTIONS
from festival.emails import request_story_review, send_confirmation_email


@shared_task(name="festival.send_email_confirmation", **MAIL_TASK_OPTIONS)
def send_email_confirmation(*, user_id: int) -> None:
    send_confirmation_email(user_id=user_id)


@shared_task(name="festival.send_story_review_request", **MAIL_TASK_OPTIONS)
def send_story_review_request(*, story_id: int) -> None:
    request_story_review(story_id=story_id)
