"""Reading and sending the outbox in tests, as the sender does."""

from django.core import mail

from festival.models import OutboxMessage
from festival.outbox.scan import send_due_messages


def owed(kind: str | None = None) -> list[tuple[str, str]]:
    """(kind, recipient) of every message still owed, oldest first."""
    messages = OutboxMessage.objects.waiting()
    if kind is not None:
        messages = messages.filter(kind=kind)
    return list(messages.order_by("pk").values_list("kind", "recipient"))


def send_owed() -> list[mail.EmailMessage]:
    """Send every due message now and return the emails that went (the test's locmem
    outbox), leaving mail.outbox empty for what comes next."""
    send_due_messages(time_budget=60)
    sent, mail.outbox[:] = list(mail.outbox), []
    return sent
