"""Emails of the festival app: the email confirmation link, and the story review request.

Outbox renderers (festival/outbox_renderers.py): each takes the outbox row and returns the
email as it should go now, or None when there is nothing left to say.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from festival import selectors
from festival.email_confirmation import LINK_LIFETIME_DAYS, confirmation_url
from festival.models import OutboxMessage, Story, User

logger = logging.getLogger(__name__)


def story_review_message(message: OutboxMessage) -> EmailMessage | None:
    """Tell the story's reviewers that it waits for them, with its admin change page.

    One message to them all, replying to the person who sent it. None if the story is gone or
    no longer a draft (published meanwhile), or if nobody can review it (logged: make a
    superuser).
    """
    story_id = message.payload["story_id"]
    story = (
        Story.objects.select_related("submitted_by", "festival")
        .prefetch_related("tags")
        .filter(pk=story_id)
        .first()
    )
    if story is None or story.status != Story.Status.DRAFT:
        return None
    reviewers = selectors.story_reviewers(story=story)
    if not reviewers:
        logger.warning("Story %s was shared, but no one can review it: add a superuser.", story.pk)
        return None
    context = {
        "story": story,
        "sender": story.submitted_by,
        "review_url": settings.SITE_URL
        + reverse("admin:festival_story_change", kwargs={"object_id": story.pk}),
    }
    return EmailMessage(
        subject=render_to_string("emails/story_shared_subject.txt", context).strip(),
        body=render_to_string("emails/story_shared.txt", context),
        to=[reviewer.email for reviewer in reviewers],
        reply_to=[story.submitted_by.email] if story.submitted_by else None,
    )


def email_confirmation_message(message: OutboxMessage) -> EmailMessage | None:
    """A fresh link to confirm the user's current email. None if they are gone."""
    user = User.objects.filter(pk=message.payload["user_id"]).first()
    if user is None:
        return None
    context = {
        "user": user,
        "site_url": settings.SITE_URL,
        "confirm_url": confirmation_url(user),
        "link_lifetime": f"{LINK_LIFETIME_DAYS} days",
    }
    return EmailMessage(
        subject=render_to_string("emails/confirm_email_subject.txt").strip(),
        body=render_to_string("emails/confirm_email.txt", context),
        to=[user.email],
    )
