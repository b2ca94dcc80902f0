"""The outbox: booking confirmations (a real kind, with its calendar file) owed to 3,000
people, sent by two real worker processes over the real Redis broker to an SMTP sink on
loopback; three runs, the median rate. Run after the reminders bench in `make bench`, so the
two figures come from the same machine at the same time.

PostgreSQL and Redis only (REDIS_URL, default redis://127.0.0.1:6379/15; the database is
flushed): the workers are separate processes and must see the bench database.
"""

import statistics
import time
import warnings
from collections import Counter
from datetime import UTC, datetime, timedelta

import redis
from celery.exceptions import AlwaysEagerIgnored
from django.db import connection

from bench.reminders import redis_or_reason
from bench.setting import bench_session
from bench.workers import workers_mailing
from config.celery import app
from events.bookings.services import BOOKING_CONFIRMATION
from events.enums import AttendanceStatus
from events.models import Attendance, Session
from festival.models import OutboxMessage, User
from festival.outbox.services import SENDER_TASK

OWED = 3_000
RUNS = 3
WORKERS = 2


class RecipientSink:
    """Counts each message by its recipient (one booking, one person) as it arrives."""

    def __init__(self) -> None:
        self.recipients: list[str] = []
        self.first_at = self.last_at = 0.0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.recipients.extend(envelope.rcpt_tos)
        self.last_at = time.perf_counter()
        self.first_at = self.first_at or self.last_at
        return "250 OK"


def make_session() -> Session:
    starts = datetime.now(UTC) + timedelta(days=1)
    return bench_session(name="Outbox bench", slug="outbox-bench", starts=starts, event_hours=24)


def owe_confirmations(session: Session, *, run: int) -> set[str]:
    """OWED people with a place on `session`, each owed a booking confirmation that is due.
    Returns their addresses."""
    users = User.objects.bulk_create(
        (User(email=f"outbox{run}-{n}@example.org", name=f"Outbox {n}") for n in range(OWED)),
        batch_size=2000,
    )
    attendances = Attendance.objects.bulk_create(
        (Attendance(user=u, session=session, status=AttendanceStatus.GOING) for u in users),
        batch_size=2000,
    )
    due = datetime.now(UTC) - timedelta(minutes=1)
    OutboxMessage.objects.bulk_create(
        (
            OutboxMessage(
                kind=BOOKING_CONFIRMATION,
                dedupe_key=f"bench:{run}:{attendance.pk}",
                recipient=user.email,
                payload={"attendance_id": attendance.pk},
                festival_id=session.festival_id,
                due_at=due,
            )
            for user, attendance in zip(users, attendances, strict=True)
        ),
        batch_size=2000,
    )
    return {user.email for user in users}


def queue_senders(redis_url: str) -> None:
    """What the kicks and beat do: a sender task for each worker, unless some still wait."""
    if redis.Redis.from_url(redis_url).llen("celery") >= WORKERS:
        return
    with app.connection_for_write(redis_url) as broker, warnings.catch_warnings():
        # The bench runs with the test settings (tasks inline); send_task queues regardless.
        warnings.simplefilter("ignore", AlwaysEagerIgnored)
        for _ in range(WORKERS):
            app.send_task(SENDER_TASK, connection=broker)


def send_once(session: Session, redis_url: str, sink: RecipientSink, *, run: int) -> float:
    """One run: owe, queue, wait for every message; the rate from the first to the last."""
    expected = owe_confirmations(session, run=run)
    sink.recipients.clear()
    sink.first_at = sink.last_at = 0.0
    deadline = time.monotonic() + 300
    while len(sink.recipients) < OWED and time.monotonic() < deadline:
        # A sender stops after its time budget (50 s); beat would queue the next each minute.
        queue_senders(redis_url)
        time.sleep(0.5)
    time.sleep(1)  # anything sent twice arrives now
    counts = Counter(sink.recipients)
    duplicates = sum(count - 1 for count in counts.values())
    missing = len(expected - set(counts))
    rate = len(sink.recipients) / (sink.last_at - sink.first_at)
    print(
        f"outbox: run {run}: {OWED:,} booking confirmations, {sink.last_at - sink.first_at:.1f} s "
        f"first to last, {rate:.0f} messages/s, duplicates {duplicates}, missing {missing}"
    )
    return rate


def send_with_workers(redis_url: str) -> None:
    session = make_session()
    sink = RecipientSink()
    with workers_mailing(sink, redis_url=redis_url, count=WORKERS, name="outbox"):
        rates = [send_once(session, redis_url, sink, run=run) for run in range(1, RUNS + 1)]
    print(
        f"outbox: {WORKERS} workers (solo pool), Redis broker, SMTP sink: median "
        f"{statistics.median(rates):.0f} messages/s over {RUNS} runs of {OWED:,} "
        f"(min {min(rates):.0f}, max {max(rates):.0f}); still owed "
        f"{OutboxMessage.objects.waiting().count()}"
    )


def run() -> None:
    if connection.vendor != "postgresql":
        print("outbox: skipped (needs PostgreSQL: the workers are other processes)")
        return
    redis_url, reason = redis_or_reason()
    if reason:
        print(f"outbox: skipped ({reason})")
        return
    send_with_workers(redis_url)
