"""Serving a calendar feed: ETag and Last-Modified from a version, 304 before any building,
and the rendered body kept in Django's cache under the version.

A feed's version is made of the programme stamp(s) it depends on and its own parameters,
all read in one or two small queries; every change a feed shows moves a stamp forward, so
an unchanged version means unchanged bytes.

The 304 itself is `festival.conditional_get`'s, as for the schedule exports.
"""

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from events.calendars.generator import MIME_TYPE
from festival.conditional_get import accepts_gzip, conditional_response
from festival.memo import Memo

# Part of every version: bump it when a code change alters what the feeds contain, so that
# clients holding the old text get the new one although no programme has changed; and move
# FEED_FORMAT_SINCE to the day of the change, for clients that send only If-Modified-Since.
# 2: every event has an ORGANIZER, and its DESCRIPTION is plain text, not Markdown.
FEED_FORMAT = 2
FEED_FORMAT_SINCE = datetime(2026, 12, 8, tzinfo=UTC)
# Rendered bodies stay cached this long at most; a new version is a new key anyway.
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class FeedVersion:
    """What one feed's content depends on, and when it last changed."""

    parts: tuple
    last_modified: datetime
    private: bool = False
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        site = (settings.SITE_URL, settings.DEFAULT_FROM_EMAIL)  # links, the ORGANIZER
        described = repr((FEED_FORMAT, site, *self.parts)).encode()
        object.__setattr__(self, "digest", hashlib.sha256(described).hexdigest()[:40])

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'

    @property
    def cache_key(self) -> str:
        return f"calendar-feed:{self.digest}"


def serve_calendar(
    request: HttpRequest,
    *,
    version: FeedVersion,
    build: Callable[[], bytes],
    filename: str,
) -> HttpResponse:
    """The feed, or 304 when the client's copy is current: `build` runs only when the body is
    neither current at the client nor in the cache.

    A client that accepts gzip gets the body compressed once and kept, as a static file
    server would serve a .gz beside the file; its ETag is then weak, as GZipMiddleware makes
    it, and If-None-Match compares weakly, so either form of the ETag matches.
    """
    gzipped = accepts_gzip(request)

    def respond() -> HttpResponse:
        if gzipped:
            response = HttpResponse(compressed_body(version, build), content_type=MIME_TYPE)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(body_of(version, build), content_type=MIME_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_vary_headers(response, ("Accept-Encoding",))
        return response

    return conditional_response(
        request,
        etag=version.etag,
        weak=gzipped,
        last_modified=max(version.last_modified, FEED_FORMAT_SINCE),
        # A private feed is never kept by a shared cache.
        cache_control="private, no-cache" if version.private else "no-cache",
        respond=respond,
    )


# Each process keeps its last few feeds too: with Redis as the cache, fetching a 2,000-session
# feed from it on every request cost more than half of what serving it takes (199 against 781
# requests/s measured with the per-process cache).
_memo = Memo(16)


def body_of(version: FeedVersion, build: Callable[[], bytes]) -> bytes:
    return kept(version.cache_key, build, memo=not version.private)


def compressed_body(version: FeedVersion, build: Callable[[], bytes]) -> bytes:
    # mtime=0: the same feed compresses to the same bytes every time.
    return kept(
        version.cache_key + ":gzip",
        lambda: gzip.compress(body_of(version, build), compresslevel=6, mtime=0),
        memo=not version.private,
    )


def kept(key: str, build: Callable[[], bytes], *, memo: bool) -> bytes:
    """The bytes under `key` from this process's memo, else the shared cache, else built.
    Without `memo` (a person's private feed: hundreds of them would push the festival's out,
    and a worker has no business holding them) the shared cache only."""
    body = _memo.get(key) if memo else None
    if body is None:
        body = cache.get(key)
        if body is None:
            body = build()
            cache.set(key, body, CACHE_SECONDS)
        if memo:
            _memo.put(key, body)
    return body
