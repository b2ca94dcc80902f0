"""Real delivery for the outbox's tests: an SMTP server on loopback, owed messages of a real
kind (the email confirmation: one per person, so the recipient names the message), and real
Celery worker processes."""

import asyncio
import subprocess
import sys
import time
from datetime import UTC, datetime
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

from aiosmtpd.controller import Controller
from django.db import transaction

from festival.models import OutboxMessage, User
from festival.services import request_email_confirmation
from tests.events.reminders.test_scan_worker import free_port

ROOT = Path(__file__).resolve().parents[3]
CELERY = str(Path(sys.executable).with_name("celery"))
# Far enough ahead that no sender finds it due until the test says so.
NOT_YET = datetime(2099, 1, 1, tzinfo=UTC)


class Sink:
    """An SMTP server's handler: refuses the first `refusals` messages with "try again later",
    then accepts each one, `delay` seconds each, noting (recipient, subject) on arrival."""

    def __init__(self, *, refusals: int = 0, delay: float = 0.0) -> None:
        self.refusals, self.delay = refusals, delay
        self.attempts = 0
        self.received: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.attempts += 1
        if self.attempts <= self.refusals:
            return "451 4.3.0 Try again later"
        email = message_from_bytes(envelope.content)
        self.received.append((email["To"], str(make_header(decode_header(email["Subject"])))))
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK"

    @property
    def recipients(self) -> list[str]:
        return [recipient for recipient, _subject in self.received]


def start_sink(sink: Sink) -> Controller:
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


def owe_confirmations(count: int) -> list[str]:
    """`count` people, each owed an email confirmation (a real kind), not yet due: the kick
    queued on commit finds nothing to send. The test makes them due when it is ready.
    Returns the recipients."""
    users = User.objects.bulk_create(
        User(email=f"person{number}@example.org", name=f"Person {number}")
        for number in range(count)
    )
    with transaction.atomic():
        for user in users:
            request_email_confirmation(user=user)
        OutboxMessage.objects.update(due_at=NOT_YET)
    return sorted(user.email for user in users)


def start_worker(env: dict[str, str], log: Path, *extra: str) -> subprocess.Popen:
    """`celery -A config worker` as production runs it, one process (solo pool)."""
    return subprocess.Popen(
        [CELERY, "-A", "config", "worker", "--pool=solo", "--without-heartbeat",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING", *extra],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def queue_sender(env: dict[str, str]) -> None:
    """Queue the sender task from another process, as beat does every minute."""
    subprocess.run(
        [CELERY, "-A", "config", "call", "festival.send_outbox"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=30,
    )  # fmt: skip


def stop(worker: subprocess.Popen | None) -> None:
    if worker is not None and worker.poll() is None:
        worker.terminate()
        worker.wait(timeout=30)


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.1)
