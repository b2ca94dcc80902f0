"""`make bench-load`: launch day under locust, against the site as production runs it.

Builds a throwaway PostgreSQL database (`test_loadbench`) holding the bench's 2,000-session
programme (imported from CSV, as `bench.http` does), 10 popular sessions of 5 places and 100
people with a real (PBKDF2) password hash, 90 of them with a session made beforehand as a
login makes it (10 log in through the form during the run). Serves it from gunicorn (2
workers) with the production settings (DEBUG off, collected static files, CONN_MAX_AGE=60,
Redis db 9 as the cache and Celery's broker) beside a real Celery worker that mails an SMTP
sink on loopback. Then runs locust headless for the scenario in locustfile.py, and two
closed-loop baselines (8 users, no wait, 10 s each): the programme day page, and the same
bytes as a static file served by the same gunicorn. Prints one table, places oversold (from
the database) and the booking mail delivered; exits 1 on any error or oversold place.

Skipped, with a message, where PostgreSQL or Redis does not answer.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from bench.http import free_port, postgres_answers, serve, signed_in, throwaway_database
from bench.load.report import (
    EndpointFigure,
    bookings_per_second,
    endpoint_figures,
    figures_table,
    places_oversold,
)

POSTGRES_URL = os.environ.get(
    "BENCH_LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/loadbench"
)
REDIS_URL = os.environ.get("BENCH_LOAD_REDIS_URL", "redis://127.0.0.1:6379/9")
ROOT = Path(__file__).resolve().parents[2]
LOCUST = str(Path(sys.executable).with_name("locust"))
CELERY = str(Path(sys.executable).with_name("celery"))
LOCUSTFILE = str(Path(__file__).with_name("locustfile.py"))

BOOKERS = 100
USERS = 320  # 200 visitors, 100 bookers, 20 calendar apps (fixed counts in locustfile.py)
SPAWN_RATE = 50
SIGN_IN_DEADLINE_SECONDS = 90
BROWSE_SECONDS = 45
DOORS_AFTER_SECONDS = 15
BOOKINGS_DEADLINE_SECONDS = 60
RUN_LIMIT_SECONDS = (
    SIGN_IN_DEADLINE_SECONDS + BROWSE_SECONDS + BOOKINGS_DEADLINE_SECONDS + 10
)  # locust stops itself sooner
POPULAR_SESSIONS = 10
POPULAR_PLACES = 5
PASSWORD = "launch-day-bench-password"
# Bookers who log in through the form at the start; the others come with the session such a
# login leaves, made beforehand: 100 PBKDF2 checks at once would take the 2 cores a minute.
LOGINS = 10
SECRET_KEY = "bench-load-not-secret"  # the server's and this process's: sessions are signed
BASELINE_USERS = 8
BASELINE_SECONDS = 10
STATIC_COPY = "load/programme-day.html"


def redis_answers(url: str) -> str:
    """Why Redis cannot be used, or "" when it answers."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return str(error)
    return ""


def build_launch() -> dict:
    """The festival, its popular sessions and bookers in the test database; the plan for
    locustfile.py (every path it reads, the bookers' emails and password)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse

    from bench.programme import DAYS, FIRST_DAY, make_festival, programme_text
    from events.importing import import_programme
    from events.models import Session
    from festival.models import Speaker, Tag, User

    festival = make_festival("launch")
    result = import_programme(festival=festival, content=programme_text(per_room_per_day=50))
    print(f"imported: {result.summary()}")
    sessions = list(
        Session.objects.filter(event__festival=festival).select_related("room").order_by("start")
    )
    # One session a room on the first day, an hour apart from 10:00: no booker's two overlap.
    popular = [
        [s for s in sessions if s.room.name == f"Room {room}"][8 + 4 * room]
        for room in range(POPULAR_SESSIONS)
    ]
    Session.objects.filter(pk__in=[s.pk for s in popular]).update(capacity=POPULAR_PLACES)
    # The production hasher (the test settings' is MD5), one hash shared by all: hashing 100
    # passwords would take a minute of PBKDF2 here; each login still checks it in full.
    hasher = PBKDF2PasswordHasher()
    password = hasher.encode(PASSWORD, hasher.salt())
    bookers = User.objects.bulk_create(
        User(email=f"booker{n}@example.org", name=f"Booker {n}", password=password)
        for n in range(BOOKERS)
    )
    programme = reverse("festival-programme", kwargs={"festival": festival.slug})
    feed = reverse("festival-calendar", kwargs={"festival": festival.slug})
    room = popular[0].room
    theme = Tag.objects.filter(sessions__event__festival=festival).first()
    speakers = Speaker.objects.filter(festival=festival).select_related("festival")
    return {
        "programme_days": [
            f"{programme}?day={(FIRST_DAY + timedelta(days=day)).isoformat()}"
            for day in range(DAYS)
        ],
        "sessions": [s.get_absolute_url() for s in sessions[::5]],
        "speakers": [s.get_absolute_url() for s in speakers.order_by("pk")[:200]],
        "popular": [s.get_absolute_url() for s in popular],
        "feeds": [
            feed,
            f"{feed}?format=workshop",
            f"{feed}?theme={theme.slug}",
            f"{feed}?room={room.pk}",
        ],
        "login": reverse("login"),
        "after_login": reverse("my-programme"),
        "bookers": [
            {"email": user.email, "session": "" if n < LOGINS else signed_in(user, SessionStore)}
            for n, user in enumerate(bookers)
        ],
        "password": PASSWORD,
        "sign_in_deadline_seconds": SIGN_IN_DEADLINE_SECONDS,
        "browse_seconds": BROWSE_SECONDS,
        "doors_after_seconds": DOORS_AFTER_SECONDS,
        "bookings_deadline_seconds": BOOKINGS_DEADLINE_SECONDS,
    }


class MailSink:
    """An SMTP server on loopback that counts what the worker sends, by recipient."""

    def __init__(self) -> None:
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


def start_worker(environment: dict[str, str], data_dir: str) -> subprocess.Popen:
    """One Celery worker with beat inside it, as `make run` starts it, on the Redis broker."""
    return subprocess.Popen(
        [CELERY, "-A", "config", "worker", "-B", "--pool=solo", "--loglevel=WARNING",
         "--without-gossip", "--without-mingle",
         "--schedule", str(Path(data_dir) / "celerybeat-schedule")],
        cwd=ROOT,
        env={**os.environ, **environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # the delivered count below says whether mail flowed
    )  # fmt: skip


def copy_as_static_file(*, server: subprocess.Popen, port: int, path: str, data_dir: str) -> str:
    """The page's bytes as a file among the collected static files; gunicorn's workers are
    restarted (HUP) so whitenoise, which lists the files when it starts, serves it."""
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()
    target = Path(data_dir) / "staticfiles" / STATIC_COPY
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    server.send_signal(signal.SIGHUP)
    time.sleep(1)  # the old workers answer 404 until the new ones are up
    static_path = f"/static/{STATIC_COPY}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{static_path}", timeout=5) as got:
                if got.read() == body:
                    print(f"the programme day page as a static file: {len(body):,} bytes")
                    return static_path
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not serve the static copy within 20 s of its restart")


def run_locust(
    *, port: int, out: Path, prefix: str, classes: list[str], users: int, spawn_rate: int,
    seconds: int, environment: dict[str, str],
) -> tuple[list[EndpointFigure], str]:  # fmt: skip
    """locust headless; its per-endpoint figures and what it printed."""
    completed = subprocess.run(
        [LOCUST, "-f", LOCUSTFILE, "--headless", "--host", f"http://127.0.0.1:{port}",
         "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{seconds}s",
         "--csv", str(out / prefix), "--only-summary", "--loglevel", "WARNING", *classes],
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )  # fmt: skip
    printed = completed.stdout + completed.stderr
    Path(os.environ.get("BENCH_LOAD_LOG_DIR", out), f"{prefix}.log").write_text(printed)
    exceptions = (out / f"{prefix}_exceptions.csv").read_text().strip().splitlines()[1:]
    if exceptions:
        print(printed)
        raise RuntimeError(f"locust's users raised: {exceptions}")
    return endpoint_figures((out / f"{prefix}_stats.csv").read_text()), printed


def booking_counts() -> dict:
    """Going and waitlisted on the popular sessions, places oversold over every session, the
    bookings' rate from the first to the last written, and the confirmations owed."""
    from django.db.models import Count, Q

    from events.bookings.services import BOOKING_CONFIRMATION
    from events.enums import AttendanceStatus
    from events.models import Attendance, Session
    from festival.models import OutboxMessage

    going = Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING))
    sessions = Session.objects.filter(festival__slug="launch").annotate(going=going)
    oversold = places_oversold(sessions.values_list("going", "capacity"))
    bookings = Attendance.objects.filter(session__festival__slug="launch")
    return {
        "going": bookings.filter(status=AttendanceStatus.GOING).count(),
        "waitlisted": bookings.filter(status=AttendanceStatus.WAITLISTED).count(),
        "oversold": oversold,
        "per_second": bookings_per_second(list(bookings.values_list("created_at", flat=True))),
        "owed": OutboxMessage.objects.filter(kind=BOOKING_CONFIRMATION).count(),
    }


def wait_for_quiet(*, port: int, path: str, seconds: float = 60) -> None:
    """Until gunicorn answers a static file at once: the requests a stopped locust left in
    its queue are served first, and would slow the next run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        asked = time.monotonic()
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=seconds).read()
        if time.monotonic() - asked < 0.1:
            return
        time.sleep(0.5)


def wait_for_mail(sink: MailSink, *, owed: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while len(sink.recipients) < owed and time.monotonic() < deadline:
        time.sleep(0.2)


def run_launch(*, database_url: str, sink: MailSink, mail_port: int) -> list[EndpointFigure]:
    """Build, serve, load, and return every figure (the scenario's, then the baselines)."""
    from django.db import connection

    plan = build_launch()
    connection.close()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="convene-bench-load-") as data_dir:
        out = Path(data_dir)
        (out / "plan.json").write_text(json.dumps(plan))
        production = {
            "CONN_MAX_AGE": "60",
            "CELERY_BROKER_URL": REDIS_URL,
            "CACHE_URL": REDIS_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{mail_port}",
            "LOG_LEVEL": "WARNING",
            "SECRET_KEY": SECRET_KEY,
        }
        server = serve(database_url=database_url, data_dir=data_dir, port=port, extra=production)
        worker = start_worker(
            {**production, "DATABASE_URL": database_url, "CONVENE_DATA_DIR": data_dir},
            data_dir,
        )  # fmt: skip
        try:
            static_path = copy_as_static_file(
                server=server, port=port, path=plan["programme_days"][0], data_dir=data_dir
            )
            print(
                f"locust: {USERS} users (200 visitors, {BOOKERS} bookers, 20 calendar apps) "
                f"on gunicorn (2 workers), PostgreSQL, Redis, a Celery worker",
                flush=True,
            )
            environment = {"CONVENE_LOAD_PLAN": str(out / "plan.json")}
            figures, printed = run_locust(
                port=port, out=out, prefix="launch", classes=["Visitor", "Booker", "CalendarApp"],
                users=USERS, spawn_rate=SPAWN_RATE, seconds=RUN_LIMIT_SECONDS,
                environment=environment,
            )  # fmt: skip
            print(*(line for line in printed.splitlines() if line.startswith("launch:")), sep="\n")
            wait_for_quiet(port=port, path=static_path)
            for name, path in (
                ("baseline: programme day page, 8 users, no wait", plan["programme_days"][0]),
                ("baseline: the same bytes as a static file, 8 users, no wait", static_path),
            ):
                baseline, _ = run_locust(
                    port=port, out=out, prefix="baseline", classes=["Baseline"],
                    users=BASELINE_USERS, spawn_rate=BASELINE_USERS, seconds=BASELINE_SECONDS,
                    environment={**environment, "CONVENE_LOAD_BASELINE_PATH": path,
                                 "CONVENE_LOAD_BASELINE_NAME": name},
                )  # fmt: skip
                figures.append(next(figure for figure in baseline if figure.name == name))
                wait_for_quiet(port=port, path=static_path)
            wait_for_mail(sink, owed=booking_counts()["owed"])
        finally:
            for process in (worker, server):
                process.terminate()
                process.wait(timeout=30)
    return figures


def main() -> int:
    import redis
    from aiosmtpd.controller import Controller

    why = postgres_answers(POSTGRES_URL)
    if why:
        print(f"load bench skipped: PostgreSQL does not answer at {POSTGRES_URL} ({why})")
        return 0
    why = redis_answers(REDIS_URL)
    if why:
        print(f"load bench skipped: Redis does not answer at {REDIS_URL} ({why})")
        return 0
    started = time.monotonic()
    with throwaway_database(POSTGRES_URL, secret_key=SECRET_KEY) as test_database:
        redis.Redis.from_url(REDIS_URL).flushdb()
        sink = MailSink()
        mail = Controller(sink, hostname="127.0.0.1", port=free_port())
        mail.start()
        try:
            figures = run_launch(
                database_url=f"{POSTGRES_URL.rsplit('/', 1)[0]}/{test_database}",
                sink=sink,
                mail_port=mail.port,
            )
            counts = booking_counts()
        finally:
            mail.stop()
            redis.Redis.from_url(REDIS_URL).flushdb()  # the broker's and cache's keys of this run
    errors = sum(figure.errors for figure in figures if figure.name != "Aggregated")
    print()
    print(figures_table(figures))
    print()
    print(
        f"bookings: {counts['going']} places and {counts['waitlisted']} on waitlists "
        f"({POPULAR_SESSIONS} popular sessions of {POPULAR_PLACES} places), "
        f"{counts['per_second']:.0f} bookings/s from the first to the last written; "
        f"places oversold: {counts['oversold']}; errors: {errors}; booking confirmations "
        f"delivered by the worker: {len(sink.recipients)} of {counts['owed']}; "
        f"whole run {time.monotonic() - started:.0f} s; load average after it "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 1 if errors or counts["oversold"] else 0


if __name__ == "__main__":
    sys.exit(main())
