"""Links that prove a person owns their account's email: made, read and mailed.

A link carries the user's pk and email (lower-cased), signed with SECRET_KEY and a salt of its
own and stamped with the time: it works for LINK_LIFETIME_DAYS, and only while the account
still has that email, so a link mailed to an old address cannot confirm a new one.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from festival.models import User

SALT = "festival.email_confirmation"
LINK_LIFETIME_DAYS = 3


def make_confirmation_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email.lower()}, salt=SALT)


def user_for_confirmation_token(token: str) -> User | None:
    """The user the token confirms, or None if it is tampered, expired or for another email."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=timedelta(days=LINK_LIFETIME_DAYS))
        user_id, email = payload["user"], payload["email"]
    except (signing.BadSignature, TypeError, KeyError):
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None or user.email.lower() != email:
        return None
    return user


def confirmation_url(user: User) -> str:
    # SITE_URL, not the request's Host header, as for the password reset link.
    path = reverse("confirm-email", kwargs={"token": make_confirmation_token(user)})
    return settings.SITE_URL + path
