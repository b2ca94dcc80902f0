"""Password reset by email, through the outbox like every other email.

Django's form would send the mail inside the request: with SMTP down the mail is lost (Django
only logs it) and with SMTP hanging the request waits. Here the form owes a message instead,
and the sender builds the link when it sends, so no reset token is ever stored.
"""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import ngettext

from festival.models import OutboxMessage, User
from festival.outbox.services import Message, owe_message

PASSWORD_RESET = "password-reset"


def reset_link_lifetime() -> str:
    """How long a reset link works, in words: "3 days", "1 hour", "30 minutes"."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    units = (
        (86400, "%(count)s day", "%(count)s days"),
        (3600, "%(count)s hour", "%(count)s hours"),
        (60, "%(count)s minute", "%(count)s minutes"),
    )
    for unit_seconds, singular, plural in units:
        if seconds >= unit_seconds and seconds % unit_seconds == 0:
            count = seconds // unit_seconds
            return ngettext(singular, plural, count) % {"count": count}
    return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's form (the same users found, unknown emails silently ignored), owing the email
    instead of sending it."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None) -> None:  # fmt: skip
        user = context["user"]
        owe_message(
            Message(
                kind=PASSWORD_RESET,
                # Every request is its own message: asking twice mails twice, as people expect.
                dedupe_key=f"{PASSWORD_RESET}:{user.pk}:{timezone.now().isoformat()}",
                recipient=to_email,
                payload={"user_id": user.pk},
            )
        )


def password_reset_message(message: OutboxMessage) -> EmailMessage | None:
    """The reset link, made now (so it lives its whole lifetime from when it is sent), to the
    account's current email. None if the account is gone or can no longer log in."""
    user = User.objects.filter(pk=message.payload["user_id"], is_active=True).first()
    if user is None or not user.has_usable_password():
        return None
    context = {
        "user": user,
        "email": user.email,
        "site_url": settings.SITE_URL,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "link_lifetime": reset_link_lifetime(),
    }
    return EmailMessage(
        subject=render_to_string("emails/password_reset_subject.txt").strip(),
        body=render_to_string("emails/password_reset.txt", context),
        to=[user.email],
    )
