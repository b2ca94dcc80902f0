"""Fixtures of the outbox's real-delivery tests (helpers in delivery.py)."""

from collections.abc import Iterator

import pytest
import redis

from config.celery import app
from tests.events.reminders.test_scan_worker import forget_connections, free_port
from tests.events.reminders.test_scan_worker_kill import worker_environment


@pytest.fixture
def smtp_settings(settings):
    """Django's SMTP backend, pointed at a sink the test starts (`use(port)`)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    def use(port: int) -> None:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port

    return use


@pytest.fixture
def worker_env(redis_url):
    """What a worker process needs to see this test's database and Redis; Redis emptied."""
    redis.Redis.from_url(redis_url).flushdb()

    def env(*, smtp_port: int) -> dict[str, str]:
        return worker_environment(redis_url=redis_url, smtp_port=smtp_port)

    yield env
    redis.Redis.from_url(redis_url).flushdb()


def use_broker(url: str, monkeypatch) -> Iterator[None]:
    """Queue tasks on the broker at `url` for real (not inline as in the rest of the suite)."""
    # Celery reads CELERY_BROKER_URL from the environment before its configuration, and the
    # test settings set it to memory://.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=url, task_always_eager=False)
    forget_connections()
    assert app.connection_for_write().as_uri() == url.replace("redis://", "redis://:**@")
    yield
    app.conf.update(saved)
    forget_connections()


@pytest.fixture
def broker_down(monkeypatch):
    """The broker is a Redis port nothing listens on."""
    yield from use_broker(f"redis://127.0.0.1:{free_port()}/0", monkeypatch)


@pytest.fixture
def broker_up(monkeypatch, redis_url):
    """The broker is the real Redis of this machine, emptied."""
    redis.Redis.from_url(redis_url).flushdb()
    yield from use_broker(redis_url, monkeypatch)
    redis.Redis.from_url(redis_url).flushdb()
