"""Emails about write-ups: when a session's write-up is published, the people who had a place
on it hear of it once."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from events.enums import AttendanceStatus
from events.models import WriteUp, WriteUpNotice
from festival.models import User


def send_writeup_emails(*, writeup_id: int) -> int:
    """Tell the people who had a place on a session that its write-up is out: one email each.

    Goes to those going at the time it runs, except the author and anyone who has opted out.
    Each email is recorded (WriteUpNotice) in the transaction that sends it, so a retried or
    repeated run skips everyone already told. Returns the number sent; 0 if the write-up is
    gone or no longer published.
    """
    writeup = (
        WriteUp.objects.published()
        .select_related("session__festival", "session__room__venue")
        .filter(pk=writeup_id)
        .first()
    )
    if writeup is None:
        return 0
    recipients = (
        User.objects.filter(
            attendances__session_id=writeup.session_id,
            attendances__status=AttendanceStatus.GOING,
            writeup_opt_out__isnull=True,
        )
        .exclude(pk=writeup.author_id)
        .exclude(writeup_notices__writeup=writeup)
        .order_by("pk")
        .distinct()
    )
    sent = 0
    for user in recipients:
        with transaction.atomic():
            _notice, created = WriteUpNotice.objects.get_or_create(writeup=writeup, user=user)
            if not created:  # another run got there first
                continue
            writeup_message(writeup, user=user).send()
            sent += 1
    return sent


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
