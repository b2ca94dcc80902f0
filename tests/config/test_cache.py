"""CACHE_URL chooses the cache: the shared Redis one (config/cache.py) in production, local
memory by default. What it does for the feeds: tests/events/calendars/test_shared_cache.py."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_CACHE = "from django.conf import settings; print(settings.CACHES['default'])"
SETTINGS_SESSIONS = "from django.conf import settings; print(settings.SESSION_ENGINE)"


def cache_settings(cache_url: str | None, read: str = SETTINGS_CACHE) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"}
    env.pop("CACHE_URL", None)
    if cache_url:
        env["CACHE_URL"] = cache_url
    command = [sys.executable, "manage.py", "shell", "-v", "0", "-c", read]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_cache_url_chooses_the_shared_redis_cache_and_local_memory_stays_the_default():
    assert cache_settings(None) == (
        "{'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', 'LOCATION': ''}"
    )
    assert cache_settings("redis://cache.example.org:6379/2") == (
        "{'BACKEND': 'config.cache.ForgivingRedisCache', "
        "'LOCATION': 'redis://cache.example.org:6379/2', "
        "'OPTIONS': {'socket_connect_timeout': 1, 'socket_timeout': 1}}"
    )


def test_sessions_are_read_from_the_cache_only_when_it_is_shared():
    """With local memory each worker would keep its own copy of a session: one that logged out
    in one worker would stay signed in in the others."""
    assert cache_settings(None, SETTINGS_SESSIONS) == "django.contrib.sessions.backends.db"
    assert cache_settings("redis://cache.example.org:6379/2", SETTINGS_SESSIONS) == (
        "django.contrib.sessions.backends.cached_db"
    )
