"""Emails about write-ups: when a session's write-up is published, the people who had a place
on it hear of it once (one outbox message each, owed by writeups.services.publish_writeup)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from events.models import WriteUp
from events.writeups.selectors import writeup_notice_recipients
from festival.models import OutboxMessage, User


def writeup_notice_message(message: OutboxMessage) -> EmailMessage | None:
    """Tell one person who had a place on a session that its write-up is out (an outbox
    renderer). None if the write-up is no longer published, the person has opted out or
    cancelled since."""
    writeup = (
        WriteUp.objects.published()
        .select_related("session__festival", "session__room__venue")
        .filter(pk=message.payload["writeup_id"])
        .first()
    )
    if writeup is None:
        return None
    # Still one of them when it goes: not opted out or cancelled since.
    recipients = writeup_notice_recipients(writeup=writeup)
    user = recipients.filter(pk=message.payload["user_id"]).first()
    if user is None:
        return None
    return writeup_message(writeup, user=user)


def writeup_message(writeup: WriteUp, *, user: User) -> EmailMessage:
    session = writeup.session
    context = {
        "user": user,
        "writeup": writeup,
        "session": session,
        "festival": session.festival,
        "venue": session.room.venue,
        "writeup_url": settings.SITE_URL + writeup.get_absolute_url(),
        "session_url": settings.SITE_URL + session.get_absolute_url(),
        "opt_out_url": settings.SITE_URL + reverse("my-writeup-emails"),
    }
    return EmailMessage(
        subject=f"A write-up of {session.title}",
        body=render_to_string("emails/writeup_published.txt", context),
        to=[user.email],
    )
