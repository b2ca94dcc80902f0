"""`make bench-http` (part of `make bench`): the site over HTTP, as production serves it.

Builds a throwaway PostgreSQL database holding the bench's 2,000-session programme (imported
from CSV, as `bench.programme` does) and a second festival of the size issue #13 measured (a
programme day of 160 sessions), collects the static files, starts gunicorn with 2 workers on
loopback with the production settings, and runs wrk (8 connections) on:

- the programme page (its busiest day, 500 sessions), a session page and the festival's
  calendar feed, 20 s each; requests per second and the p50 and p99 latencies;
- the 160-session programme day side by side with the same bytes served as a static file by
  the same gunicorn (whitenoise), anonymous and signed in, and with `Accept-Encoding: gzip`,
  as browsers send: 3 interleaved rounds of 8 s each, then the medians and the issue's ratios
  (anonymous at least 0.40 of the static file's requests/s, signed in at least 0.20, p99
  under 100 ms).

Skipped, with a message, where wrk is not installed or PostgreSQL does not answer.
"""

import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from bench.wrk import HttpFigure, medians, p99_line, parse_wrk, ratio_line

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bench")
# Named after BENCH_POSTGRES_URL's database, so two benches given two names never share one.
DATABASE_NAME = f"{POSTGRES_URL.rsplit('/', 1)[1]}_http"
WORKERS = 2
SECONDS = 20
CONNECTIONS = 8
THREADS = 2
ROOT = Path(__file__).resolve().parents[1]
# The server's and this process's: the signed-in visitor's session is made here.
SECRET_KEY = "bench-http-not-secret"

# Issue #13 measured "163 sessions (136 KiB)": 16 in each of the 10 rooms is 160.
ISSUE_SESSIONS_PER_ROOM = 16
ROUNDS = 3
ROUND_SECONDS = 8
STATIC_COPY = "bench-programme.html"
VISITOR_NAME = "Bench Visitor"
GZIP = "Accept-Encoding: gzip"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_answers(url: str) -> str:
    """Why PostgreSQL cannot be used, or "" when it answers."""
    import psycopg

    server = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(server, connect_timeout=2).close()
    except psycopg.Error as error:
        return str(error).strip()
    return ""


def build_programme() -> list[tuple[str, str]]:
    """The 2,000-session festival in the test database; the pages to measure."""
    from django.urls import reverse

    from bench.programme import FIRST_DAY, make_festival, programme_text
    from events.importing import import_programme
    from events.models import Session

    festival = make_festival("big")
    result = import_programme(festival=festival, content=programme_text(per_room_per_day=50))
    print(f"imported: {result.summary()}")
    session = Session.objects.filter(event__festival=festival).order_by("start", "room")[250]
    programme = reverse("festival-programme", kwargs={"festival": festival.slug})
    return [
        ("programme page, 500 sessions in the day", f"{programme}?day={FIRST_DAY.isoformat()}"),
        ("session page", session.get_absolute_url()),
        (
            "festival calendar feed, 2,000 sessions",
            reverse("festival-calendar", kwargs={"festival": festival.slug}),
        ),
    ]


def build_issue_day() -> tuple[str, str]:
    """A festival whose first day has the issue's 160 sessions, and a visitor with three of
    them booked; the day's path and the key of the visitor's signed-in session."""
    # Django's models and URLs: only once main() has set Django up.
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.urls import reverse

    from bench.programme import FIRST_DAY, make_festival, programme_text
    from events.bookings.services import book_place
    from events.importing import import_programme
    from events.models import Session
    from festival.models import User

    festival = make_festival("issue")
    text = programme_text(per_room_per_day=ISSUE_SESSIONS_PER_ROOM)
    print(f"imported: {import_programme(festival=festival, content=text).summary()}")
    on_first_day = Session.objects.filter(event__festival=festival, start__date=FIRST_DAY)
    print(f"the issue's programme day: {on_first_day.count()} sessions")
    visitor = User.objects.create_user(email="visitor@example.org", name=VISITOR_NAME)
    first_room = Session.objects.filter(event__festival=festival, room__name="Room 0")
    # An hour apart on the first day: places the page may mark as the visitor's own.
    for session in first_room.order_by("start")[0:12:4]:
        with transaction.atomic():
            book_place(user=visitor, session=session)
    programme = reverse("festival-programme", kwargs={"festival": festival.slug})
    return f"{programme}?day={FIRST_DAY.isoformat()}", signed_in(visitor, SessionStore)


def signed_in(user, store) -> str:
    """The key of a session as Django's login leaves it: the user, the backend, and the hash
    of their password that every request checks."""
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


@contextmanager
def throwaway_database(database_url: str, *, secret_key: str = SECRET_KEY) -> Iterator[str]:
    """Django on the test settings, with a throwaway `test_` copy of `database_url`'s
    database made and, whatever happens, dropped; yields its name. The HTTP and load benches
    both start so. `secret_key` must be the server's: the sessions made here are signed."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["SECRET_KEY"] = secret_key
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield test_database
    finally:
        connection.close()
        connection.creation.destroy_test_db(test_database, verbosity=0)
        teardown_test_environment()


def serve(
    *, database_url: str, data_dir: str, port: int, extra: dict[str, str] | None = None
) -> subprocess.Popen:
    """gunicorn with the production settings, once its first page answers; `extra` adds to or
    overrides its environment (the load test's broker, cache and mail server)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": "memory://",
        "CONVENE_DATA_DIR": data_dir,
        **(extra or {}),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(WORKERS),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=environment,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer on loopback within 20 s")


def fetch(url: str, *headers: str) -> tuple[bytes, dict[str, list[str]]]:
    """The body as sent (not decompressed) and the headers, each name's values in a list."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        names = {name.lower() for name in response.headers}
        return body, {name: response.headers.get_all(name) for name in names}


def copy_as_static_file(*, server: subprocess.Popen, port: int, path: str, data_dir: str) -> str:
    """The anonymous page's bytes among the collected static files, with the gzip copy that
    whitenoise serves to a client that accepts it (compressed at Django's GZipMiddleware's
    level); gunicorn's workers are restarted (HUP) so whitenoise, which lists the files when
    it starts, serves them. Prints the sizes; the static path."""
    body, _ = fetch(f"http://127.0.0.1:{port}{path}")
    target = Path(data_dir) / "staticfiles" / STATIC_COPY
    target.write_bytes(body)
    target.with_name(f"{STATIC_COPY}.gz").write_bytes(gzip.compress(body, compresslevel=6))
    server.send_signal(signal.SIGHUP)
    time.sleep(1)  # the old workers answer 404 until the new ones are up
    static_path = f"/static/{STATIC_COPY}"
    for _ in range(100):
        try:
            static, _ = fetch(f"http://127.0.0.1:{port}{static_path}")
            break
        except OSError:
            time.sleep(0.2)
    else:
        raise RuntimeError("gunicorn did not serve the static copy within 20 s of its restart")
    page, _ = fetch(f"http://127.0.0.1:{port}{path}")
    if len(static) != len(page):
        raise RuntimeError(f"the static copy is {len(static):,} bytes, the page {len(page):,}")
    static_gzip, static_headers = fetch(f"http://127.0.0.1:{port}{static_path}", GZIP)
    page_gzip, page_headers = fetch(f"http://127.0.0.1:{port}{path}", GZIP)
    if static_headers.get("content-encoding") != ["gzip"]:
        raise RuntimeError("whitenoise did not serve the static copy's gzip file")
    print(
        f"programme day: the page {len(page):,} bytes, the static file {len(static):,} bytes; "
        f"with {GZIP}: the page {len(page_gzip):,} bytes "
        f"({', '.join(page_headers.get('content-encoding', ['not compressed']))}), "
        f"the static file {len(static_gzip):,} bytes (gzip)"
    )
    return static_path


def visitor_cookie(*, port: int, path: str, session_key: str) -> str:
    """The Cookie header of the signed-in visitor: the session, and the CSRF cookie the page's
    log-out form sets on a first visit, if it sets one (sent back, as a browser would, so no
    answer sets a new one). Checks that the page names the visitor, so the cookie really signs
    in."""
    session = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    body, headers = fetch(f"http://127.0.0.1:{port}{path}", f"Cookie: {session}")
    if VISITOR_NAME.encode() not in body:
        raise RuntimeError(f"the programme page does not name {VISITOR_NAME}: not signed in")
    cookies = [session] + [
        cookie.split(";", 1)[0]
        for cookie in headers.get("set-cookie", [])
        if cookie.startswith(f"{settings.CSRF_COOKIE_NAME}=")
    ]
    print(f"programme day, signed in as {VISITOR_NAME}: {len(body):,} bytes")
    return f"Cookie: {'; '.join(cookies)}"


def run_wrk(page: str, url: str, *, seconds: int, headers: tuple[str, ...] = ()) -> HttpFigure:
    output = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
         *(argument for header in headers for argument in ("-H", header)), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout  # fmt: skip
    return parse_wrk(page, output)


def measure(*, port: int, pages: list[tuple[str, str]]) -> list[HttpFigure]:
    figures = []
    for page, path in pages:
        url = f"http://127.0.0.1:{port}{path}"
        for _ in range(3):  # warm both workers' connections and caches
            urllib.request.urlopen(url, timeout=30).read()
        figures.append(run_wrk(page, url, seconds=SECONDS))
        print(figures[-1], flush=True)
    return figures


def measure_side_by_side(
    *, port: int, rows: list[tuple[str, str, tuple[str, ...]]]
) -> list[list[HttpFigure]]:
    """Every row once a round, ROUNDS times: a slower minute on the machine falls on all of
    them alike. The figures, a list a round."""
    for _, path, headers in rows:
        for _ in range(3):  # warm both workers' connections and caches
            fetch(f"http://127.0.0.1:{port}{path}", *headers)
    rounds = []
    for number in range(1, ROUNDS + 1):
        rounds.append(
            [
                run_wrk(page, f"http://127.0.0.1:{port}{path}", seconds=ROUND_SECONDS,
                        headers=headers)
                for page, path, headers in rows
            ]
        )  # fmt: skip
        for figure in rounds[-1]:
            print(f"round {number}, {figure}", flush=True)
    return rounds


def report_side_by_side(rounds: list[list[HttpFigure]]) -> None:
    median = medians(rounds)
    print(f"the issue's programme day, medians of {len(rounds)} rounds:")
    for figure in median.values():
        print(f"  {figure}")
    static, anonymous, signed_in = (
        median["static file"], median["anonymous"], median["signed in"]
    )  # fmt: skip
    print("issue #13's targets:")
    for line in (
        ratio_line("anonymous / static file", anonymous, static, at_least=0.40),
        ratio_line("signed in / static file", signed_in, static, at_least=0.20),
        ratio_line(
            f"anonymous / static file, both with {GZIP}",
            median["anonymous, gzip"],
            median["static file, gzip"],
            at_least=0.40,
        ),
        p99_line("p99 anonymous", anonymous, under_ms=100),
        p99_line("p99 signed in", signed_in, under_ms=100),
    ):
        print(f"  {line}")


def serve_and_measure(*, database_url: str, pages: list[tuple[str, str]], issue_day: str,
                      session_key: str) -> None:  # fmt: skip
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="convene-bench-http-") as data_dir:
        server = serve(database_url=database_url, data_dir=data_dir, port=port)
        try:
            static = copy_as_static_file(
                server=server, port=port, path=issue_day, data_dir=data_dir
            )
            cookie = visitor_cookie(port=port, path=issue_day, session_key=session_key)
            measure(port=port, pages=pages)
            print(
                f"side by side: {ROUNDS} rounds of wrk -t{THREADS} -c{CONNECTIONS} "
                f"-d{ROUND_SECONDS}s on each row, interleaved",
                flush=True,
            )
            rounds = measure_side_by_side(
                port=port,
                rows=[
                    ("static file", static, ()),
                    ("anonymous", issue_day, ()),
                    ("signed in", issue_day, (cookie,)),
                    ("static file, gzip", static, (GZIP,)),
                    ("anonymous, gzip", issue_day, (GZIP,)),
                ],
            )
            report_side_by_side(rounds)
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> int:
    if shutil.which("wrk") is None:
        print("HTTP bench skipped: wrk is not installed (apt-get install wrk)")
        return 0
    why = postgres_answers(POSTGRES_URL)
    if why:
        print(f"HTTP bench skipped: PostgreSQL does not answer at {POSTGRES_URL} ({why})")
        return 0
    started = time.monotonic()
    base = POSTGRES_URL.rsplit("/", 1)[0]
    with throwaway_database(f"{base}/{DATABASE_NAME}") as test_database:
        from django.db import connection

        pages = build_programme()
        issue_day, session_key = build_issue_day()
        connection.close()
        print(
            f"HTTP: gunicorn ({WORKERS} workers) on loopback, PostgreSQL ({test_database}); "
            f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s on each page"
        )
        serve_and_measure(
            database_url=f"{base}/{test_database}",
            pages=pages,
            issue_day=issue_day,
            session_key=session_key,
        )
    print(
        f"whole run {time.monotonic() - started:.0f} s; load average after it "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
