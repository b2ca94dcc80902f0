"""The change notice email: one paragraph per changed session, with the updated .ics of each
session the person has a place on."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from events.calendars.feeds import session_calendar_file
from events.change_notices.presenters import SessionChangeSummary
from festival.models import User

SUBJECT = "Changes to your programme"


def change_notice_message(user: User, items: list[SessionChangeSummary]) -> EmailMultiAlternatives:
    """The email: one paragraph per changed session, and the .ics of each session the person
    has a place on (a cancelled one says STATUS:CANCELLED, so calendars strike it through)."""
    festivals = list(dict.fromkeys(item.session.festival.name for item in items))
    context = {
        "user": user,
        "items": items,
        "attached": sum(1 for item in items if item.has_place),
        "signature": " and ".join(festivals),
        "my_programme_url": settings.SITE_URL + reverse("my-programme"),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECT,
        body=render_to_string("emails/change_notice.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string("emails/change_notice.html", context), "text/html")
    for item in items:
        if item.has_place:
            message.attach(
                f"{item.session.slug}.ics", session_calendar_file(item.session), "text/calendar"
            )
    return message
