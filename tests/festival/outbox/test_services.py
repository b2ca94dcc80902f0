"""Owing messages (festival/outbox/services.py): one row per dedupe key, nothing written for a
kind nobody renders, and a kick that neither raises nor holds the request when the broker is
down."""

import json
import logging
from time import perf_counter

import pytest
import redis
from django.db import transaction

from festival.models import OutboxMessage
from festival.outbox import services
from festival.outbox.kinds import UnknownMessageKind
from festival.outbox.services import SENDER_TASK, Message, owe_message, owe_messages, wake_sender
from festival.services import EMAIL_CONFIRMATION

pytestmark = pytest.mark.django_db
LOGGER = "festival.outbox.services"
NOT_QUEUED = "Could not queue the outbox sender; the minute scan will send what is owed."


def message(key: str, kind: str = EMAIL_CONFIRMATION) -> Message:
    return Message(kind=kind, dedupe_key=key, recipient=f"{key}@example.org")


def test_the_same_dedupe_key_is_owed_once():
    owe_message(message("ana"))
    owe_messages([message("ana"), message("bo")])

    assert list(OutboxMessage.objects.order_by("pk").values_list("dedupe_key", "recipient")) == [
        ("ana", "ana@example.org"),
        ("bo", "bo@example.org"),
    ]


def test_a_kind_nobody_renders_is_refused_and_nothing_is_written():
    with pytest.raises(UnknownMessageKind):
        owe_messages([message("ana"), message("bo", kind="no-such-kind")])

    assert OutboxMessage.objects.count() == 0


def test_a_kick_with_the_broker_down_is_logged_fast_then_paused(broker_down, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        started = perf_counter()
        wake_sender()
        first = perf_counter() - started
        started = perf_counter()
        wake_sender()
        second = perf_counter() - started

    assert [record.getMessage() for record in caplog.records if record.name == LOGGER] == [
        "Could not queue the outbox sender; the minute scan will send what is owed."
    ]
    # Generous bounds: the point is "well under kombu's own retries (6 s)", and "no try".
    assert (first < 2, second < 0.05) == (True, True)


def test_after_the_pause_the_kick_tries_again(broker_down, caplog, monkeypatch):
    wake_sender()
    monkeypatch.setattr(services, "_kick_failed_at", -services.KICK_PAUSE_SECONDS)
    caplog.clear()

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        wake_sender()

    assert len([record for record in caplog.records if record.name == LOGGER]) == 1


def queued_tasks(redis_url: str) -> list[str]:
    """The names of the tasks waiting in the default queue."""
    messages = redis.Redis.from_url(redis_url).lrange("celery", 0, -1)
    return [json.loads(message)["headers"]["task"] for message in messages]


def test_waking_the_sender_with_the_broker_up_queues_it_once(broker_up, redis_url, caplog):
    wake_sender()

    assert queued_tasks(redis_url) == [SENDER_TASK]
    assert [record for record in caplog.records if record.name.startswith("festival")] == []


@pytest.mark.django_db(transaction=True)
def test_owing_a_message_with_the_broker_down_keeps_the_row_and_logs(broker_down, caplog):
    with transaction.atomic():
        owe_message(message("ann"))

    assert list(OutboxMessage.objects.values_list("kind", "recipient", "sent_at")) == [
        (EMAIL_CONFIRMATION, "ann@example.org", None)
    ]
    assert [r.getMessage() for r in caplog.records if r.name == LOGGER] == [NOT_QUEUED]
