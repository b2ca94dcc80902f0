"""Fixtures of the outbox's real-delivery tests (helpers in delivery.py)."""

import pytest
import redis

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
