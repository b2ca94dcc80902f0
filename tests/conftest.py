import os

import pytest
import redis
from django.db import connection


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def postgresql_only():
    """Tests of PostgreSQL behaviour: skipped on SQLite locally, never skipped in CI."""
    if not on_postgresql():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run this test on PostgreSQL: set DATABASE_URL.")
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... to run it")


@pytest.fixture
def redis_url() -> str:
    """The real Redis of this machine: skipped locally when none answers, never in CI."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must reach Redis at {url}: {error}")
        pytest.skip(f"needs Redis at {url} ({error})")
    return url


@pytest.fixture(autouse=True)
def outbox_kicks_again():
    """A test that made the kick fail (a closed broker port) must not pause the kicks of the
    tests after it, which rely on the kick running the sender inline. Reset before each test
    too: a fixture torn down after this one (monkeypatch) may put an old value back."""
    from festival.outbox import services

    services._kick_failed_at = None
    yield
    services._kick_failed_at = None


@pytest.fixture(autouse=True)
def pages_rendered_afresh():
    """Each test starts with no cached page: tests that freeze the clock make the same stamps
    as the test before them, for different content (production clocks move)."""
    from django.core.cache import cache

    from festival.memo import forget_all

    cache.clear()
    forget_all()
    yield
