"""The kick (the sender task queued on commit) and beat's minute scan racing for the same due
rows on PostgreSQL: real threads, each with its own connection, started at one moment. The
row claims decide, so each message goes exactly once."""

import logging
from collections import Counter

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from config.celery import app
from festival.models import OutboxMessage
from festival.outbox.services import SENDER_TASK
from tests.concurrency import run_at_once
from tests.festival.outbox.delivery import owe_confirmations

COUNT = 300


@pytest.mark.django_db(transaction=True)
def test_the_kick_and_the_minute_scan_racing_send_each_message_exactly_once(
    postgresql_only, caplog
):
    caplog.set_level(logging.INFO, logger="festival.outbox.scan")
    expected = owe_confirmations(COUNT)
    OutboxMessage.objects.update(due_at=timezone.now())
    mail.outbox.clear()
    kick = app.tasks[SENDER_TASK]
    minute_scan = app.tasks[settings.CELERY_BEAT_SCHEDULE["send-outbox"]["task"]]

    failures = run_at_once([kick.apply, minute_scan.apply, kick.apply, minute_scan.apply])

    assert failures == []
    recipients = Counter(message.to[0] for message in mail.outbox)
    assert [recipient for recipient, count in recipients.items() if count > 1] == []
    assert sorted(recipients) == expected
    assert set(OutboxMessage.objects.values_list("attempts", "last_error")) == {(1, "")}
    assert OutboxMessage.objects.waiting().count() == 0
    # They did race: the rows were shared between senders running at once.
    shares = [record.args[0].sent for record in caplog.records if record.msg == "Outbox: %s"]
    assert (sum(shares), len(shares) >= 2) == (COUNT, True)
