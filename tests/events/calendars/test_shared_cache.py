"""The feeds on the shared Redis cache (config/cache.py): one copy for every worker, and a
Redis that is away is a miss, so the feed is still served."""

import pytest
import redis
from django.core.cache import cache

from events.calendars.base import RENDERED_EVENTS
from tests.events.calendars.test_http import FEED, clock, imported  # noqa: F401

pytestmark = pytest.mark.django_db


def use_redis_cache(settings, location: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    RENDERED_EVENTS.clear()


def test_a_feed_is_kept_once_in_redis_for_every_worker(client, imported, settings, redis_url):  # noqa: F811
    use_redis_cache(settings, redis_url)
    cache.clear()

    first = client.get(FEED)
    keys = redis.Redis.from_url(redis_url).keys("*calendar-feed:*")
    second = client.get(FEED)

    assert (first.status_code, second.status_code, len(keys)) == (200, 200, 1)
    assert second.content == first.content
    cache.clear()


def test_a_feed_is_still_served_while_the_cache_is_away(client, imported, settings):  # noqa: F811
    use_redis_cache(settings, "redis://127.0.0.1:1/0")  # nothing listens: a refused connection

    responses = [client.get(FEED) for _ in range(2)]

    assert [response.status_code for response in responses] == [200, 200]
    assert responses[0].content == responses[1].content
    assert b"BEGIN:VCALENDAR" in responses[0].content
