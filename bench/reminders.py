"""Reminders: 10,000 due, sent by two real worker processes over the real Redis broker to an
SMTP sink on loopback; then EXPLAIN of the scan's claim on a table of 1,000,000 reminders.

PostgreSQL and Redis only (REDIS_URL, default redis://127.0.0.1:6379/15; the database is
flushed): the workers are separate processes and must see the bench database.
"""

import os
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction

from bench.setting import bench_session
from bench.workers import CELERY, ROOT, workers_mailing
from events.enums import AttendanceStatus
from events.models import Attendance, Reminder, Session
from events.reminders.scan import claim_query
from festival.models import User

DUE = 10_000
WORKERS = 2
TABLE_ROWS = 1_000_000
HEADER = b"X-Convene-Reminder: "


class CountingSink:
    def __init__(self) -> None:
        self.ids: list[int] = []
        self.first_at = self.last_at = 0.0

    async def handle_DATA(self, server, session, envelope) -> str:
        content = envelope.content
        start = content.index(HEADER) + len(HEADER)
        self.ids.append(int(content[start : content.index(b"\r\n", start)]))
        self.last_at = time.perf_counter()
        self.first_at = self.first_at or self.last_at
        return "250 OK"


def redis_or_reason() -> tuple[str, str]:
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return url, f"no Redis at {url} ({error})"
    return url, ""


def make_due_reminders() -> Session:
    now = datetime.now(UTC)
    session = bench_session(
        name="Reminder bench",
        slug="reminder-bench",
        starts=now + timedelta(hours=2),
        event_hours=6,
        reminder_offsets=[60],
    )
    users = User.objects.bulk_create(
        (User(email=f"bench{n}@example.org", name=f"Bench {n}") for n in range(DUE)),
        batch_size=2000,
    )
    attendances = Attendance.objects.bulk_create(
        (Attendance(user=u, session=session, status=AttendanceStatus.GOING) for u in users),
        batch_size=2000,
    )
    Reminder.objects.bulk_create(
        (
            Reminder(
                user_id=a.user_id,
                session=session,
                attendance=a,
                kind="before:60",
                due_at=now - timedelta(minutes=1),
            )
            for a in attendances
        ),
        batch_size=2000,
    )
    return session


def send_with_workers(redis_url: str) -> None:
    sink = CountingSink()
    with workers_mailing(sink, redis_url=redis_url, count=WORKERS, name="bench") as env:
        # Queued while the workers boot; the rate is timed from the first message to the last.
        for _ in range(4 * WORKERS):  # beat would queue one a minute; a queue of them is faster
            subprocess.run(
                [CELERY, "-A", "config", "call", "events.scan_reminders"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                timeout=60,
            )
        deadline = time.monotonic() + 300
        while len(sink.ids) < DUE and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2)  # anything sent twice arrives now
        elapsed = sink.last_at - sink.first_at
    counts = Counter(sink.ids)
    # Only this bench's rows: the booking bench before it leaves reminders of its own (not due).
    expected = set(
        Reminder.objects.filter(session__festival__slug="reminder-bench").values_list(
            "pk", flat=True
        )
    )
    duplicates = sum(count - 1 for count in counts.values())
    missing = len(expected - set(counts))
    print(
        f"reminders: {DUE:,} due, {WORKERS} workers (solo pool), Redis broker, SMTP sink: "
        f"{elapsed:.1f} s first to last, {len(sink.ids) / elapsed:.0f} messages/s, "
        f"duplicates {duplicates}, missing {missing}"
    )


def explain_scan() -> None:
    """Fill the table to a million rows (mostly sent, as a festival's history is), then show
    the plan of the scan's claim."""
    session = Session.objects.get(slug="doing-it-together")
    user = User.objects.order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO events_reminder
                (user_id, session_id, kind, due_at, sent_at, attempts, last_error, created_at)
            SELECT %s, %s, 'bench:' || g, now() - g * interval '1 second',
                   CASE WHEN g %% 100 = 0 THEN NULL ELSE now() END, 1, '', now()
            FROM generate_series(1, %s) AS g
            """,
            [user.pk, session.pk, TABLE_ROWS - Reminder.objects.count()],
        )
        cursor.execute("ANALYZE events_reminder")
    claim = claim_query(now=datetime.now(UTC))[:1]
    with transaction.atomic():
        plan = claim.explain(analyze=True)
    print(f"reminders: EXPLAIN ANALYZE of the scan's claim, {Reminder.objects.count():,} rows:")
    for line in plan.splitlines():
        print(f"    {line}")
    print(f"reminders: partial index reminder_waiting_due used: {'reminder_waiting_due' in plan}")


def run() -> None:
    if connection.vendor != "postgresql":
        print("reminders: skipped (needs PostgreSQL: the workers are other processes)")
        return
    redis_url, reason = redis_or_reason()
    if reason:
        print(f"reminders: skipped ({reason})")
        return
    make_due_reminders()
    send_with_workers(redis_url)
    explain_scan()
