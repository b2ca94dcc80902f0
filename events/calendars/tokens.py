"""Private calendar links: `/calendar/<token>.ics`, where only the token's SHA-256 is stored.

The token is 32 random bytes (43 URL-safe characters). It exists in plain only in its owner's
session between the POST that made it and the page that shows it, once, and in their
calendar app; a copy of the calendar links table opens no one's calendar.
"""

import hashlib
import re
import secrets

from django.db import transaction
from django.utils import timezone

from events.models import CalendarToken

TOKEN_BYTES = 32
# What secrets.token_urlsafe(32) gives; anything else is not looked up at all.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
# The session key holding a new link's token between the POST that made it and the page
# that shows it; that page takes it out.
SHOW_ONCE_KEY = "calendar_link_to_show"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_token_for(token: str) -> CalendarToken | None:
    """The link this token opens, or None: one query, none for a malformed token."""
    if not TOKEN_PATTERN.fullmatch(token):
        return None
    return CalendarToken.objects.filter(token_hash=hash_token(token)).first()


@transaction.atomic
def make_calendar_link(*, user, reminder_minutes: int | None) -> CalendarToken:
    """Give `user` a new private calendar link, replacing any earlier one.

    Side effects: the earlier link's address answers 404 from now on. Returns the saved row
    with the plain token in its `token` attribute: show it now, it is not kept anywhere.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link, _created = CalendarToken.objects.update_or_create(
        user=user,
        defaults={
            "token_hash": hash_token(token),
            "created_at": timezone.now(),
            "reminder_minutes": reminder_minutes,
        },
    )
    link.token = token
    # The page that shows the new link reads it from the user, as on any later visit.
    user.calendar_token = link
    return link


def keep_to_show_once(session, *, link: CalendarToken) -> None:
    """Hold the new link's plain token in the person's session for the page after the
    redirect (POST, redirect, GET): a reload of that page must not make another link."""
    session[SHOW_ONCE_KEY] = link.token


def take_link_to_show(session, *, link: CalendarToken | None) -> str:
    """The plain token kept by `keep_to_show_once`, taken out of the session so that it is
    shown once; "" when there is none, or it is no longer the person's link."""
    token = session.pop(SHOW_ONCE_KEY, "")
    if link is None or not token or hash_token(token) != link.token_hash:
        return ""
    return token


@transaction.atomic
def set_calendar_reminder(*, user, reminder_minutes: int | None) -> CalendarToken | None:
    """Change the alarm a person's calendar feed gives; None if they have no link yet.

    Side effects: the feed's ETag and Last-Modified move, so calendar apps fetch it again.
    """
    link = CalendarToken.objects.select_for_update().filter(user=user).first()
    if link is None:
        return None
    link.reminder_minutes = reminder_minutes
    link.save(update_fields=["reminder_minutes", "updated_at"])
    return link
