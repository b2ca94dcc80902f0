"""Conditional GET: a 304 answered from a version (ETag and Last-Modified) before anything is
built, the validators on every answer, and clients told to revalidate each time.

The calendar feeds (`events.calendars.http`, which adds the body cache and gzip), the
schedule exports and the cached public pages (`festival.page_cache`) all answer through
`conditional_response`.
"""

from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date


def conditional_response(
    request: HttpRequest,
    *,
    etag: str,
    last_modified: datetime,
    cache_control: str,
    respond: Callable[[], HttpResponse],
    weak: bool = False,
) -> HttpResponse:
    """304 (or 412) when the client's copy is current by `etag` (quoted) or `last_modified`,
    before `respond` builds anything; else what `respond` returns. Either way with the ETag
    (weak if `weak`: a gzipped body), Last-Modified and `cache_control`, which should say
    no-cache: clients revalidate every time, since a 304 is cheap.
    """
    seconds = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=seconds)
    if response is None:
        response = respond()
    response["ETag"] = f"W/{etag}" if weak else etag
    response["Last-Modified"] = http_date(seconds)
    response["Cache-Control"] = cache_control
    return response


def accepts_gzip(request: HttpRequest) -> bool:
    """Whether the client takes a gzipped body: "gzip" (or "*") in Accept-Encoding with a
    quality above 0; "gzip;q=0" is a refusal."""
    offered = {}
    for item in request.headers.get("accept-encoding", "").split(","):
        name, *parameters = item.split(";")
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offered[name.strip().lower()] = quality
    return max(offered.get("gzip", offered.get("*", 0.0)), offered.get("x-gzip", 0.0)) > 0
