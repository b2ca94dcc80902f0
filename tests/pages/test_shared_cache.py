"""Cached pages on the shared Redis cache (config/cache.py): a body rendered by one worker
serves the others, as the public sees it, with each person's own parts still put in place;
and with Redis away every page is still served."""

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from festival.memo import forget_all
from tests.pages.conftest import signed_in
from tests.pages.pages import account_nav, csrf_tokens, panel, tokens_verify


def use_redis_cache(settings, location: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture
def shared_redis(settings, redis_url):
    use_redis_cache(settings, redis_url)
    cache.clear()
    yield redis.Redis.from_url(redis_url)
    cache.clear()


def test_a_page_rendered_by_one_worker_serves_another_from_redis(
    site, shared_redis, django_assert_num_queries
):
    url = site.zine.get_absolute_url()
    first = Client().get(url)
    forget_all()  # another worker: nothing in its memo, the body in Redis

    with django_assert_num_queries(3):  # the festival, the session's row, the write-ups' stamp
        again = Client().get(url)
    forget_all()
    alice = signed_in(site.alice)
    alices = alice.get(url)

    keys = shared_redis.keys("*page:*")
    assert len(keys) == 1
    kept = shared_redis.get(keys[0])
    assert b"Alice Okafor" not in kept
    assert b"alice@example.org" not in kept
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert account_nav(alices) == ["Alice Okafor Log out"]
    assert panel(alices) == ["Booking You have a place. Cancel my place See all of my programme"]
    assert tokens_verify(csrf_tokens(alices), alice)


def test_every_page_is_still_served_while_redis_is_away(site, settings):
    use_redis_cache(settings, "redis://127.0.0.1:1/0")  # nothing listens: a refused connection

    for url in site.urls().values():
        responses = [Client().get(url), signed_in(site.alice).get(url)]
        forget_all()

        assert [response.status_code for response in responses] == [200, 200], url
        assert account_nav(responses[1]) == ["Alice Okafor Log out"], url
