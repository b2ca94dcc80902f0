"""A worker killed with SIGKILL in the middle of sending the outbox: after a new worker starts,
every message is sent, and at most the one in flight at the kill is sent twice.

Real processes (`celery -A config worker`) on the real Redis and PostgreSQL (a worker cannot
see SQLite's in-memory test database), and a slow SMTP sink on loopback so the kill lands
mid-send.
"""

import signal
import time
from collections import Counter

import pytest
from django.utils import timezone

from festival.models import OutboxMessage
from tests.festival.outbox.delivery import (
    Sink,
    owe_confirmations,
    queue_sender,
    start_sink,
    start_worker,
    stop,
    wait_for,
)

COUNT = 30


def marked_sent() -> set[str]:
    return set(
        OutboxMessage.objects.filter(sent_at__isnull=False).values_list("recipient", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_nothing_and_repeats_at_most_the_one_in_flight(
    postgresql_only, worker_env, tmp_path
):
    expected = owe_confirmations(COUNT)
    # Real time: the worker's clock is not the test's.
    OutboxMessage.objects.update(due_at=timezone.now())
    sink = Sink(delay=0.2)
    controller = start_sink(sink)
    env = worker_env(smtp_port=controller.port)
    log = tmp_path / "worker.log"
    first = start_worker(env, log)
    second = None
    try:
        queue_sender(env)
        wait_for(lambda: len(sink.received) >= 5, seconds=60, what="the first messages")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        received_before_kill = list(sink.recipients)
        time.sleep(0.5)  # PostgreSQL rolls back the dead worker's open transaction
        in_flight = set(received_before_kill) - marked_sent()

        second = start_worker(env, log)
        queue_sender(env)  # what beat does every minute
        wait_for(
            lambda: not OutboxMessage.objects.waiting().exists(),
            seconds=60,
            what="the new worker to send the rest",
        )
        time.sleep(0.5)  # anything sent twice would land now
    finally:
        stop(first)
        stop(second)
        controller.stop()

    counts = Counter(sink.recipients)
    twice = {recipient for recipient, count in counts.items() if count > 1}
    assert 5 <= len(received_before_kill) < COUNT, log.read_text()
    assert sorted(counts) == expected  # none lost
    assert len(in_flight) <= 1
    # Sent twice: exactly the message that was out when the kill came (its transaction had
    # not committed), and nothing else.
    assert twice == in_flight
    assert max(counts.values()) <= 2
    assert sorted(marked_sent()) == expected
