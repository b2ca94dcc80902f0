"""Real Celery workers for the mail benches: an SMTP sink on loopback and worker processes on
Redis, started together and stopped together (bench/reminders.py, bench/outbox.py)."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
CELERY = str(Path(sys.executable).with_name("celery"))


def worker_environment(redis_url: str, smtp_port: int) -> dict[str, str]:
    """What a worker process needs to see the bench's database and Redis and mail the sink."""
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "convene-bench-key-not-secret"),
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def workers_mailing(sink, *, redis_url: str, count: int, name: str) -> Iterator[dict[str, str]]:
    """`count` workers (solo pool) on the emptied Redis at `redis_url`, mailing an aiosmtpd
    server whose handler is `sink`; yields their environment (for `celery call`)."""
    import redis
    from aiosmtpd.controller import Controller

    redis.Redis.from_url(redis_url).flushdb()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = worker_environment(redis_url, port)
    command = [CELERY, "-A", "config", "worker", "--pool=solo", "--without-heartbeat",
               "--without-gossip", "--without-mingle", "--loglevel=WARNING"]  # fmt: skip
    workers = [
        subprocess.Popen(
            [*command, f"--hostname={name}{n}@%h"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(count)
    ]
    try:
        yield env
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
        controller.stop()
