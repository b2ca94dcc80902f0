"""Emails of the festival app: the email confirmation link, and the story review request."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from festival import selectors
from festival.email_confirmation import LINK_LIFETIME_DAYS, confirmation_url
from festival.models import Story, User

logger = logging.getLogger(__name__)


def request_story_review(*, story_id: int) -> bool:
    """Email the story's reviewers that it waits for them, with its admin change page.

    One message to them all, replying to the person who sent it. Returns False, sending
    nothing, if the story is gone or no longer a draft (published meanwhile), or if nobody
    can review it (logged: make a superuser).
    """
    story = (
        Story.objects.select_related("submitted_by", "festival")
        .prefetch_related("tags")
        .filter(pk=story_id)
        .first()
    )
    if story is None or story.status != Story.Status.DRAFT:
        return False
    reviewers = selectors.story_reviewers(story=story)
    if not reviewers:
        logger.warning("Story %s was shared, but no one can review it: add a superuser.", story.pk)
        return False
    context = {
        "story": story,
        "sender": story.submitted_by,
        "review_url": settings.SITE_URL
        + reverse("admin:festival_story_change", kwargs={"object_id": story.pk}),
    }
    message = EmailMessage(
        subject=render_to_string("emails/story_shared_subject.txt", context).strip(),
        body=render_to_string("emails/story_shared.txt", context),
        to=[reviewer.email for reviewer in reviewers],
        reply_to=[story.submitted_by.email] if story.submitted_by else None,
    )
    message.send()
    return True


def send_confirmation_email(*, user_id: int) -> bool:
    """Mail the user a fresh link to their current email. False, sending nothing, if they are
    gone."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return False
    context = {
        "user": user,
        "site_url": settings.SITE_URL,
        "confirm_url": confirmation_url(user),
        "link_lifetime": f"{LINK_LIFETIME_DAYS} days",
    }
    message = EmailMessage(
        subject=render_to_string("emails/confirm_email_subject.txt").strip(),
        body=render_to_string("emails/confirm_email.txt", context),
        to=[user.email],
    )
    message.send()
    return True
