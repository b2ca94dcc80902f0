"""Waking the sender on commit: at once when the broker is up, a logged warning and no wait
when it is down (a real Redis, and a closed port: not mocks)."""

import json
import logging
import time

import pytest
import redis
from django.db import transaction

from festival.models import OutboxMessage
from festival.outbox.services import SENDER_TASK, Message, owe_message, wake_sender

NOT_QUEUED = "Could not queue the outbox sender; the minute scan will send what is owed."


def queued_tasks(redis_url: str) -> list[str]:
    """The names of the tasks waiting in the default queue."""
    messages = redis.Redis.from_url(redis_url).lrange("celery", 0, -1)
    return [json.loads(message)["headers"]["task"] for message in messages]


def test_waking_the_sender_with_the_broker_down_logs_and_returns_at_once(broker_down, caplog):
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        wake_sender()
        timings.append(time.perf_counter() - started)

    assert [
        (record.levelno, record.getMessage())
        for record in caplog.records
        if record.name == "festival.outbox.services"
    ] == [(logging.WARNING, NOT_QUEUED)] * 3
    # kombu's own reconnect loop took about 6 s a try before the sender connected once itself.
    assert max(timings) < 1.0, timings


def test_waking_the_sender_with_the_broker_up_queues_it_once(broker_up, redis_url, caplog):
    wake_sender()

    assert queued_tasks(redis_url) == [SENDER_TASK]
    assert [record for record in caplog.records if record.name.startswith("festival")] == []


@pytest.mark.django_db(transaction=True)
def test_owing_a_message_with_the_broker_down_keeps_the_row_and_logs(broker_down, caplog):
    with transaction.atomic():
        owe_message(
            Message(
                kind="email-confirmation",
                dedupe_key="email-confirmation:1:now",
                recipient="ann@example.org",
                payload={"user_id": 1},
            )
        )

    assert list(OutboxMessage.objects.values_list("kind", "recipient", "sent_at")) == [
        ("email-confirmation", "ann@example.org", None)
    ]
    assert [r.getMessage() for r in caplog.records if r.name == "festival.outbox.services"] == [
        NOT_QUEUED
    ]
