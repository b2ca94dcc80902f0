"""The one-click link in every reminder: stop reminders, or cancel the booking, no login.

The token is the reminder's id signed with SECRET_KEY and a salt of its own (so no other
signed value of the site can stand in for it); it lasts STOP_LINK_DAYS. The page it opens
asks to confirm with a POST: mail scanners follow links, and a GET must change nothing.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from events.models import Reminder

SALT = "convene.reminders.stop-link"
STOP_LINK_DAYS = 90


def stop_token(reminder: Reminder) -> str:
    return signing.dumps(reminder.pk, salt=SALT, compress=False)


def stop_url(reminder: Reminder) -> str:
    return settings.SITE_URL + reverse("reminder-stop", kwargs={"token": stop_token(reminder)})


def reminder_from_token(token: str) -> Reminder | None:
    """The reminder a link was made for, with its person and session; None if the link is
    altered, too old or its reminder is gone."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=STOP_LINK_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Reminder.objects.select_related("user", "session__festival", "attendance")
        .filter(pk=pk)
        .first()
    )
