"""The sender (festival/outbox/scan.py): what happens to a row whose renderer fails, has nothing
to say, or whose SMTP server fails, down to giving up at the fifth attempt."""

from datetime import UTC, datetime, timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend

from festival.models import OutboxMessage
from festival.outbox import kinds
from festival.outbox.retries import MAX_ATTEMPTS
from festival.outbox.scan import SendResult, send_due_messages

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 7, 1, 9, tzinfo=UTC)


def hello(message: OutboxMessage) -> EmailMessage:
    return EmailMessage(subject="Hello", body="Hi", to=[message.recipient])


def broken(message: OutboxMessage) -> EmailMessage:
    raise LookupError("the booking is gone")


def nothing(message: OutboxMessage) -> None:
    return None


kinds.register("test-hello", hello, label="Hello")
kinds.register("test-broken", broken, label="Broken")
kinds.register("test-nothing", nothing, label="Nothing")


def owe(kind: str, key: str = "one") -> OutboxMessage:
    return OutboxMessage.objects.create(
        kind=kind, dedupe_key=key, recipient="ana@example.org", due_at=NOW
    )


def state(row: OutboxMessage) -> tuple:
    row.refresh_from_db()
    return (row.attempts, row.sent_at, row.cancelled_at, row.failed_at, row.last_error, row.due_at)


def test_a_due_message_is_sent_and_marked_sent():
    row = owe("test-hello")

    result = send_due_messages(now=lambda: NOW)

    assert (result.sent, [message.to for message in mail.outbox]) == (1, [["ana@example.org"]])
    assert state(row) == (1, NOW, None, None, "", NOW)


def test_a_message_not_due_yet_waits():
    row = owe("test-hello")

    result = send_due_messages(now=lambda: NOW - timedelta(seconds=1))

    assert (result.sent, mail.outbox, state(row)) == (0, [], (0, None, None, None, "", NOW))


def test_a_renderer_that_fails_is_a_failed_attempt_retried_later():
    row = owe("test-broken")

    result = send_due_messages(now=lambda: NOW)

    assert (result.retrying, mail.outbox) == (1, [])
    assert state(row) == (
        1, None, None, None, "LookupError: the booking is gone", NOW + timedelta(minutes=1)
    )  # fmt: skip


def test_a_renderer_with_nothing_to_say_closes_the_row_unsent():
    row = owe("test-nothing")

    result = send_due_messages(now=lambda: NOW)

    assert (result.dropped, mail.outbox, state(row)) == (1, [], (1, None, NOW, None, "", NOW))


class DisconnectingBackend(EmailBackend):
    """An SMTP server that drops the line on every message, and fails its QUIT too."""

    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    def close(self):
        raise SMTPServerDisconnected("please run connect() first")


def test_smtp_failing_five_times_gives_the_row_up_and_every_attempt_is_counted(settings):
    settings.EMAIL_BACKEND = "tests.festival.outbox.test_scan.DisconnectingBackend"
    row = owe("test-hello")
    at = NOW
    for _ in range(MAX_ATTEMPTS):
        send_due_messages(now=lambda at=at: at)
        row.refresh_from_db()
        at = row.due_at

    assert state(row) == (
        MAX_ATTEMPTS, None, None, row.failed_at, "SMTPServerDisconnected: Connection unexpectedly "
        "closed", row.due_at,
    )  # fmt: skip
    assert row.failed_at is not None
    assert send_due_messages(now=lambda: at + timedelta(days=1)).sent == 0


class UnreachableBackend(EmailBackend):
    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")


def test_a_mail_server_that_is_down_costs_no_row_an_attempt(settings, caplog):
    settings.EMAIL_BACKEND = "tests.festival.outbox.test_scan.UnreachableBackend"
    row = owe("test-hello")

    result = send_due_messages(now=lambda: NOW)

    assert (result.sent, result.retrying, state(row)) == (0, 0, (0, None, None, None, "", NOW))
    assert [record.getMessage() for record in caplog.records] == [
        "Outbox: mail server unreachable ([Errno 111] Connection refused); 1 messages waiting."
    ]


def test_with_nothing_due_the_mail_server_is_not_even_called(settings, caplog):
    settings.EMAIL_BACKEND = "tests.festival.outbox.test_scan.UnreachableBackend"
    owe("test-hello").__class__.objects.update(due_at=NOW + timedelta(minutes=5))

    result = send_due_messages(now=lambda: NOW)

    assert (result, caplog.records) == (SendResult(), [])
