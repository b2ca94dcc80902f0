"""Celery tasks: thin. Ids in, call a function that does the work, quiet if the row is gone."""

from celery import shared_task

from config.celery import MAIL_TASK_OPTIONS


@shared_task(name="festival.send_email_confirmation", **MAIL_TASK_OPTIONS)
def send_email_confirmation(*, user_id: int) -> None:
    from festival.email_confirmation import send_confirmation_email

    send_confirmation_email(user_id=user_id)


@shared_task(name="festival.send_story_review_request", **MAIL_TASK_OPTIONS)
def send_story_review_request(*, story_id: int) -> None:
    from festival.services import request_story_review

    request_story_review(story_id=story_id)
