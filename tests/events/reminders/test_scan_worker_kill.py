"""A worker killed with SIGKILL in the middle of a scan: after a new worker starts, every
reminder is sent, and at most the one in flight at the kill is sent twice.

Real processes (`celery -A config worker`) on the real Redis and PostgreSQL (the worker
cannot see SQLite's in-memory test database), and a slow SMTP sink on loopback so the kill
lands mid-scan.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from events.models import Reminder
from tests.events.reminders.test_scan_worker import due_reminders, free_port

ROOT = Path(__file__).resolve().parents[3]
CELERY = str(Path(sys.executable).with_name("celery"))
COUNT = 30


class SlowSink:
    """Accepts every message, a fifth of a second each, noting its reminder id on arrival."""

    def __init__(self) -> None:
        self.ids: list[int] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.ids.append(int(message_from_bytes(envelope.content)["X-Convene-Reminder"]))
        await asyncio.sleep(0.2)
        return "250 OK"


def worker_environment(*, redis_url: str, smtp_port: int) -> dict[str, str]:
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "convene-test-key-not-secret",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_LEVEL": "WARNING",
    }


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [CELERY, "-A", "config", "worker", "--pool=solo", "--without-heartbeat",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def queue_scan(env: dict[str, str]) -> None:
    subprocess.run(
        [CELERY, "-A", "config", "call", "events.scan_reminders"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=30,
    )  # fmt: skip


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_scan_loses_nothing_and_repeats_at_most_the_one_in_flight(
    postgresql_only, redis_url, tmp_path
):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    # Real time: the worker's clock is not the test's.
    expected = due_reminders(COUNT, at=datetime.now(UTC) - timedelta(minutes=1))
    Reminder.objects.update(due_at=datetime.now(UTC) - timedelta(minutes=1))
    session = Reminder.objects.first().session
    session.start = datetime.now(UTC) + timedelta(hours=2)
    session.end = session.start + timedelta(hours=1)
    session.save()
    sink = SlowSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = worker_environment(redis_url=redis_url, smtp_port=controller.port)
    log = tmp_path / "worker.log"
    first = start_worker(env, log)
    second = None
    try:
        queue_scan(env)
        wait_for(lambda: len(sink.ids) >= 5, seconds=60, what="the first messages")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        received_before_kill = list(sink.ids)
        time.sleep(0.5)  # PostgreSQL rolls back the dead worker's open transaction
        marked_sent = set(
            Reminder.objects.filter(sent_at__isnull=False).values_list("pk", flat=True)
        )
        in_flight = set(received_before_kill) - marked_sent

        second = start_worker(env, log)
        queue_scan(env)  # what beat does every minute
        wait_for(
            lambda: not Reminder.objects.filter(sent_at__isnull=True).exists(),
            seconds=60,
            what="the new worker to send the rest",
        )
        time.sleep(0.5)
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=20)
        controller.stop()

    counts = Counter(sink.ids)
    twice = {pk for pk, count in counts.items() if count > 1}
    assert 5 <= len(received_before_kill) < COUNT, log.read_text()
    assert sorted(counts) == expected  # none lost
    assert len(in_flight) <= 1
    # Sent twice: exactly the reminder whose message was out when the kill came (its
    # transaction had not committed), and nothing else.
    assert twice == in_flight
    assert max(counts.values()) <= 2
