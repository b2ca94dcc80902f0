"""The shared cache: Django's Redis cache, except that Redis being away is a miss, never an
error. A cached page or feed is only a faster way to the same bytes, so while Redis is down
every request builds its answer again (slower, still right) instead of answering 500."""

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis import RedisError

logger = logging.getLogger(__name__)


def forgiving(method: Callable, fallback: Any) -> Callable:
    """`method`, answering `fallback` (or `fallback(*args, **kwargs)` when it is callable)
    instead of raising when Redis does not answer."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unreachable (%s): building without it.", error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    return call


class ForgivingRedisCache(RedisCache):
    get = forgiving(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = forgiving(RedisCache.get_many, {})
    set = forgiving(RedisCache.set, None)
    add = forgiving(RedisCache.add, False)
    set_many = forgiving(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    touch = forgiving(RedisCache.touch, False)
    delete = forgiving(RedisCache.delete, False)
    delete_many = forgiving(RedisCache.delete_many, None)
    has_key = forgiving(RedisCache.has_key, False)
    clear = forgiving(RedisCache.clear, False)
