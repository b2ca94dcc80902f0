"""`make bench-http` (part of `make bench`): the site over HTTP, as production serves it.

Builds a throwaway PostgreSQL database holding the bench's 2,000-session programme (imported
from CSV, as `bench.programme` does), collects the static files, starts gunicorn with 2 workers
on loopback with the production settings, and runs wrk for 20 s on each of the programme page
(its busiest day, 500 sessions), a session page and the festival's calendar feed. Prints
requests per second and the p50 and p99 latencies.

Skipped, with a message, where wrk is not installed or PostgreSQL does not answer.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path

import django

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bench")
DATABASE_NAME = "bench_http"
WORKERS = 2
SECONDS = 20
CONNECTIONS = 8
THREADS = 2
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class HttpFigure:
    page: str
    requests_per_second: float
    p50: str
    p99: str

    def __str__(self) -> str:
        return (
            f"{self.page}: {self.requests_per_second:.0f} requests/s, "
            f"p50 {self.p50}, p99 {self.p99}"
        )


def parse_wrk(page: str, output: str) -> HttpFigure:
    """The figures from `wrk --latency` output."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"{page} answered with errors:\n{output}")
    if not (rate and p50 and p99):
        raise RuntimeError(f"wrk printed no figures for {page}:\n{output}")
    return HttpFigure(page, float(rate.group(1)), p50.group(1), p99.group(1))


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


def serve(
    *, database_url: str, data_dir: str, port: int, extra: dict[str, str] | None = None
) -> subprocess.Popen:
    """gunicorn with the production settings, once its first page answers; `extra` adds to or
    overrides its environment (the load test's broker, cache and mail server)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-http-not-secret",
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


def measure(*, port: int, pages: list[tuple[str, str]]) -> list[HttpFigure]:
    figures = []
    for page, path in pages:
        url = f"http://127.0.0.1:{port}{path}"
        for _ in range(3):  # warm both workers' connections and caches
            urllib.request.urlopen(url, timeout=30).read()
        output = subprocess.run(
            ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        figures.append(parse_wrk(page, output))
        print(figures[-1], flush=True)
    return figures


def main() -> int:
    if shutil.which("wrk") is None:
        print("HTTP bench skipped: wrk is not installed (apt-get install wrk)")
        return 0
    why = postgres_answers(POSTGRES_URL)
    if why:
        print(f"HTTP bench skipped: PostgreSQL does not answer at {POSTGRES_URL} ({why})")
        return 0
    base = POSTGRES_URL.rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{DATABASE_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        pages = build_programme()
        connection.close()
        print(
            f"HTTP: gunicorn ({WORKERS} workers) on loopback, PostgreSQL ({test_database}); "
            f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s on each page"
        )
        port = free_port()
        with tempfile.TemporaryDirectory(prefix="convene-bench-http-") as data_dir:
            server = serve(database_url=f"{base}/{test_database}", data_dir=data_dir, port=port)
            try:
                measure(port=port, pages=pages)
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
