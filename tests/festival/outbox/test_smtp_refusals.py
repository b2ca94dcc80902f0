"""The shared sender against a real SMTP server on loopback that says "try again later" twice:
the row waits out the backoff, then the message arrives once and the row says what happened."""

from datetime import UTC, datetime, timedelta

import pytest

from festival.models import OutboxMessage
from festival.outbox.scan import SendResult, send_due_messages
from tests.festival.outbox.delivery import Sink, owe_confirmations, start_sink

OWED_AT = datetime(2027, 7, 1, 9, 0, tzinfo=UTC)
REFUSAL = "SMTPDataError: (451, b'4.3.0 Try again later')"


@pytest.fixture
def refusing_twice(smtp_settings):
    sink = Sink(refusals=2)
    controller = start_sink(sink)
    smtp_settings(controller.port)
    yield sink
    controller.stop()


def send_at(at: datetime) -> SendResult:
    return send_due_messages(now=lambda: at)


@pytest.mark.django_db
def test_a_message_refused_twice_is_retried_after_each_backoff_and_arrives_once(refusing_twice):
    owe_confirmations(1)
    OutboxMessage.objects.update(due_at=OWED_AT)

    first = send_at(OWED_AT)
    before_the_first_backoff = send_at(OWED_AT + timedelta(seconds=59))
    second = send_at(OWED_AT + timedelta(minutes=1))
    before_the_second_backoff = send_at(OWED_AT + timedelta(minutes=2, seconds=59))
    third = send_at(OWED_AT + timedelta(minutes=3))
    after = send_at(OWED_AT + timedelta(hours=1))

    assert [first, before_the_first_backoff, second, before_the_second_backoff, third, after] == [
        SendResult(retrying=1),
        SendResult(),
        SendResult(retrying=1),
        SendResult(),
        SendResult(sent=1),
        SendResult(),
    ]
    assert refusing_twice.attempts == 3
    assert refusing_twice.received == [("person0@example.org", "Confirm your email address")]
    row = OutboxMessage.objects.get()
    assert (row.attempts, row.last_error, row.sent_at, row.failed_at, row.cancelled_at) == (
        3,
        REFUSAL,
        OWED_AT + timedelta(minutes=3),
        None,
        None,
    )


@pytest.mark.django_db
def test_a_message_refused_at_every_attempt_fails_for_good_at_the_fifth(smtp_settings):
    sink = Sink(refusals=100)
    controller = start_sink(sink)
    smtp_settings(controller.port)
    owe_confirmations(1)
    OutboxMessage.objects.update(due_at=OWED_AT)
    try:
        # 1, 2, 4 and 8 minutes apart: each attempt is made the moment its backoff ends.
        results = [send_at(OWED_AT + timedelta(minutes=m)) for m in (0, 1, 3, 7, 15, 16 * 60)]
    finally:
        controller.stop()

    assert results == [SendResult(retrying=1)] * 4 + [SendResult(failed=1), SendResult()]
    assert (sink.attempts, sink.received) == (5, [])
    row = OutboxMessage.objects.get()
    assert (row.attempts, row.last_error, row.sent_at, row.failed_at) == (
        5,
        REFUSAL,
        None,
        OWED_AT + timedelta(minutes=15),
    )
