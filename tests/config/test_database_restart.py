"""PostgreSQL stopped under a running server, then started again: every page answers a plain
503 while it is away, and the same server process serves pages again once it is back.

Real parts throughout: a PostgreSQL cluster of its own (initdb, pg_ctl; the machine's shared
server is never touched), gunicorn serving the site with persistent connections (the harder
case: each worker holds a connection that dies with the server), and urllib as the client.
"""

import getpass
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from glob import glob
from pathlib import Path

import pytest

from tests.browser.demo_site import missing

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PAGES = ["/", "/stories/", "/healthz"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bin() -> Path:
    found = sorted(glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        missing("needs PostgreSQL's server programs (initdb, pg_ctl) to start a cluster")
    return Path(found[-1]).parent


class Cluster:
    """A PostgreSQL cluster in a temporary folder, run as the `postgres` user when we are root
    (PostgreSQL refuses to run as root)."""

    def __init__(self) -> None:
        self.bin = postgres_bin()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="convene-pg-"))
        self.data = self.folder / "data"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if getpass.getuser() == "root" else []
        if self.as_owner:
            shutil.chown(self.folder, "postgres")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_owner, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                 "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run([*self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m",
                        "immediate", "stop"], capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def cluster():
    cluster = Cluster()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def server(cluster):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": cluster.url,
        "CONN_MAX_AGE": "600",
        "DEBUG": "false",
        "SECRET_KEY": "convene-test-key-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CELERY_BROKER_URL": "memory://",
        "SITE_URL": f"http://127.0.0.1:{port}",
        # Production serves hashed static files: collected into a folder of the test's own.
        "CONVENE_DATA_DIR": str(cluster.folder / "site"),
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=300)  # fmt: skip
    process = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(cluster.folder / "gunicorn.log").open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            get(base + "/healthz")
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=30)


def statuses(base: str) -> dict[str, int]:
    return {page: get(base + page)[0] for page in PAGES}


def test_pages_answer_503_while_postgresql_is_stopped_and_recover_without_a_restart(
    cluster, server
):
    assert statuses(server) == dict.fromkeys(PAGES, 200)

    cluster.stop()
    away = {page: get(server + page) for page in PAGES}

    assert {page: status for page, (status, _, _) in away.items()} == dict.fromkeys(PAGES, 503)
    _, headers, body = away["/stories/"]
    assert (headers["Retry-After"], "<h1>Back in a moment</h1>" in body) == ("30", True)
    assert "Traceback" not in body and "OperationalError" not in body
    # A page that needs nothing from the database (an anonymous visitor's login form) still
    # shows; sending it is what needs the database.
    assert get(server + "/accounts/login/")[0] == 200
    assert away["/healthz"][2] == (
        '{"database": "unreachable", "broker": "ok", "mail": "ok", "messages_waiting": null}'
    )

    cluster.start()

    assert statuses(server) == dict.fromkeys(PAGES, 200)
