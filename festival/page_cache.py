"""Public pages rendered once per version, and each visitor's own parts merged in per request.

A page's version is what its content depends on: the festival's programme stamp, the content
stamps of stories and write-ups, the address asked for. Every change a page shows moves one of
them, so an unchanged version means unchanged bytes: the body rendered for the first visitor of
a version serves everyone after it, from Django's cache (Redis in production, shared by every
worker) and from a small memo in each process, keyed by the version's digest so that it can
never be stale. Everyone gets an ETag and a 304 when their copy is current.

The body is rendered as an anonymous visitor sees it. What differs from one person to the next
sits in a template fragment marked `{% personal "fragment.html" %}` (the header's account links
with their CSRF token, messages, a session's booking panel): for someone signed in, or with a
message waiting, only those fragments are rendered again, in that person's context, and put in
place of the anonymous ones. People who see more of a page than the public (its festival's
organisers, a session's speakers, a write-up's author) get the page rendered whole: `fresh`.
"""

import gzip
import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from festival.conditional_get import accepts_gzip
from festival.memo import Memo

# Part of every version: bump it when a code change alters pages although no content has
# changed.
PAGE_FORMAT = 1
CACHE_SECONDS = 24 * 60 * 60
# Bodies kept in each process: a festival's days, its busiest session pages, the lists.
MEMO_ENTRIES = 64
# The context variable that makes `{% personal %}` mark its fragment: set only while the
# shared body is rendered, to a nonce of that render, so no text on the page can fake a mark.
SHARED_RENDER = "page_cache_shared_render"
# Stands for the CSRF token while a person's fragments are hashed for their ETag: the token is
# masked afresh on every request, the secret under it is not.
CSRF_PLACEHOLDER = "page-cache-csrf-token"
# A longer query is rendered without being kept.
LONGEST_QUERY = 500
HTML = "text/html; charset=utf-8"
# base.html's messages; see personal_response.
MESSAGES_FRAGMENT = "includes/_messages.html"


@dataclass(frozen=True)
class PageVersion:
    """What one page's content depends on: stamps, and whatever else the page shows by (the
    day it shows by default, whether a session has started)."""

    parts: tuple


@dataclass(frozen=True)
class Page:
    """How to render a page as the public sees it: nothing in `context` may depend on who asks.

    `keep` False: serve it but keep it nowhere, for pages whose address anyone can vary at
    will with the same answer (a made-up author's empty list, an unreadable filter), which
    would otherwise fill the cache.
    """

    template: str
    context: dict
    status: int = 200
    keep: bool = True


@dataclass(frozen=True)
class Slot:
    """A `{% personal %}` fragment: its template and the plain values it carries from the page."""

    template: str
    carried: dict = field(hash=False)


@dataclass(frozen=True)
class SharedPage:
    status: int
    pieces: tuple  # text and Slots, in page order
    anonymous: bytes
    gzipped: bytes
    rendered_at: datetime
    """Its Last-Modified, for information only (a 304 is decided by the ETag). Not the latest
    of the stamps: they can go back (the newest story deleted), and a day or a session's start
    changes a page with no stamp moving."""


def serve_page(
    request: HttpRequest,
    *,
    version: PageVersion,
    build: Callable[[], Page],
    parameters: frozenset[str] = frozenset(),
    personal: Callable[[], dict] = dict,
    fresh: bool = False,
) -> HttpResponse:
    """The page for this visitor.

    `build` makes the public page; it runs only when the version's body is in no cache.
    `parameters` are the query parameters the page reads: an address with others is sent on
    to the same address without them, so a link shared with `?fbclid=…` or `?utm_source=…`
    lands on the cached page instead of a page rendered for it alone. `personal` gives what
    this person's fragments need beyond the page (their booking panel): it runs for people
    signed in or with a message waiting. With `fresh` the page is rendered whole for this
    person and kept nowhere.
    """
    unknown = set(request.GET) - parameters
    if unknown:
        return redirect_without(request, unknown)
    if fresh or len(request.META.get("QUERY_STRING", "")) > LONGEST_QUERY:
        page = build()
        response = render(
            request, page.template, {**page.context, **personal()}, status=page.status
        )
        patch_cache_control(response, private=True, no_cache=True)
        return response
    digest = digest_of(request, version)
    has_messages = bool(len(get_messages(request)))
    person = request.user.is_authenticated or has_messages
    if not person:
        # The anonymous ETag is the version's digest: a current copy needs nothing built.
        not_modified = get_conditional_response(request, etag=f'"{digest}"')
        if not_modified is not None:
            return with_anonymous_headers(not_modified, digest, gzipped=accepts_gzip(request))
    shared = shared_page(request, digest, build)
    if person:
        return personal_response(
            request,
            shared,
            digest,
            context=personal(),
            has_messages=has_messages,
        )
    return anonymous_response(request, shared, digest)


def redirect_without(request: HttpRequest, unknown: set[str]) -> HttpResponse:
    query = request.GET.copy()
    for name in unknown:
        del query[name]
    encoded = query.urlencode()
    return HttpResponseRedirect(f"{request.path}?{encoded}" if encoded else request.path)


def digest_of(request: HttpRequest, version: PageVersion) -> str:
    # The address as asked (the log-in links carry it back), and the host and scheme that the
    # calendar links are made from.
    described = (
        PAGE_FORMAT,
        settings.SITE_URL,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        *version.parts,
    )
    return hashlib.sha256(repr(described).encode()).hexdigest()[:40]


_memo = Memo(MEMO_ENTRIES)


def shared_page(request: HttpRequest, digest: str, build: Callable[[], Page]) -> SharedPage:
    page = _memo.get(digest)
    if page is not None:
        return page
    key = f"page:{digest}"
    page = cache.get(key)
    if page is None:
        built = build()
        page = render_shared(request, built)
        # A page that says "no such day" is not worth a place in the cache.
        if page.status != 200 or not built.keep:
            return page
        cache.set(key, page, CACHE_SECONDS)
    _memo.put(digest, page)
    return page


def render_shared(request: HttpRequest, page: Page) -> SharedPage:
    """The page as an anonymous visitor sees it, its personal fragments marked."""
    nonce = secrets.token_hex(8)
    visitor = AnonymousUser()
    html = render_to_string(
        page.template,
        {
            **page.context,
            "user": visitor,
            "perms": PermWrapper(visitor),
            "messages": (),
            # {% csrf_token %} writes nothing with this: no token can reach a shared body.
            "csrf_token": "NOTPROVIDED",
            SHARED_RENDER: nonce,
        },
        request=request,
    )
    pieces, anonymous = [], []
    marks = re.compile(
        rf"<!--{nonce} (?P<slot>.*?)-->(?P<shown>.*?)<!--/{nonce}-->", flags=re.DOTALL
    )
    position = 0
    for mark in marks.finditer(html):
        before = html[position : mark.start()]
        slot = json.loads(mark["slot"])
        pieces += [before, Slot(template=slot["template"], carried=slot["carried"])]
        anonymous += [before, mark["shown"]]
        position = mark.end()
    pieces.append(html[position:])
    anonymous.append(html[position:])
    body = "".join(anonymous).encode()
    return SharedPage(
        status=page.status,
        pieces=tuple(piece for piece in pieces if piece != ""),
        anonymous=body,
        # mtime=0: the same page compresses to the same bytes every time.
        gzipped=gzip.compress(body, compresslevel=6, mtime=0),
        rendered_at=timezone.now(),
    )


def mark_personal(nonce: str, template: str, carried: dict, shown: str) -> str:
    """What `{% personal %}` writes in a shared render: `shown` between two marks."""
    slot = json.dumps({"template": template, "carried": carried}, separators=(",", ":"))
    # A carried value may hold "-->", which would end the mark early: JSON reads the escape.
    slot = slot.replace(">", "\\u003e")
    return f"<!--{nonce} {slot}-->{shown}<!--/{nonce}-->"


def anonymous_response(request: HttpRequest, shared: SharedPage, digest: str) -> HttpResponse:
    # Compressed only here: a page with a CSRF token in it is never compressed (BREACH).
    gzipped = accepts_gzip(request)

    def respond() -> HttpResponse:
        response = HttpResponse(
            shared.gzipped if gzipped else shared.anonymous,
            content_type=HTML,
            status=shared.status,
        )
        if gzipped:
            response["Content-Encoding"] = "gzip"
        return response

    if shared.status != 200:
        response = respond()
        response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ("Accept-Encoding",))
        return response
    # By the ETag only: two versions rendered within one second share a Last-Modified, and a
    # 200 is never wrong where a 304 from a date could be.
    response = with_anonymous_headers(respond(), digest, gzipped=gzipped)
    response["Last-Modified"] = http_date(shared.rendered_at.timestamp())
    return response


def with_anonymous_headers(response: HttpResponse, digest: str, *, gzipped: bool) -> HttpResponse:
    # Weak when gzipped, as GZipMiddleware makes it; If-None-Match compares weakly anyway.
    response["ETag"] = f'W/"{digest}"' if gzipped else f'"{digest}"'
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def personal_response(
    request: HttpRequest, shared: SharedPage, digest: str, *, context: dict, has_messages: bool
) -> HttpResponse:
    """The shared body with this person's fragments in place; a 304 when their copy is current.

    The ETag covers the version, the person's fragments and their CSRF secret (a new secret
    after logging in again must reach the page), never the masked token. Nothing dates a
    person's own parts, so there is no Last-Modified and If-Modified-Since is not read.
    """
    # A 304 would show the messages of the copy the browser holds, not these.
    conditional = not has_messages and shared.status == 200
    own = {
        index: render_to_string(
            piece.template,
            {**context, **piece.carried, "csrf_token": CSRF_PLACEHOLDER},
            request=request,
        )
        # With no message waiting the messages fragment is empty: not worth a rendering.
        if has_messages or piece.template != MESSAGES_FRAGMENT
        else ""
        for index, piece in enumerate(shared.pieces)
        if isinstance(piece, Slot)
    }
    needs_token = any(CSRF_PLACEHOLDER in fill for fill in own.values())
    token = get_token(request) if needs_token else ""
    secret = request.META.get("CSRF_COOKIE", "") if needs_token else ""
    described = "\x00".join([digest, secret, *own.values()]).encode()
    etag = f'"{hashlib.sha256(described).hexdigest()[:40]}"'
    response = get_conditional_response(request, etag=etag) if conditional else None
    if response is None:
        body = "".join(
            own[index].replace(CSRF_PLACEHOLDER, token) if index in own else piece
            for index, piece in enumerate(shared.pieces)
        )
        response = HttpResponse(body, content_type=HTML, status=shared.status)
    if conditional:
        response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


# Content stamps: what pages read to know whether stories or write-ups changed. Each app
# registers its own (festival: stories; events: write-ups) so this lower app imports no other.
_stamps: dict[str, Callable[[], tuple]] = {}


def register_stamp(name: str, read: Callable[[], tuple]) -> None:
    _stamps[name] = read


def stamps(*names: str) -> tuple:
    """The named content stamps, one query each."""
    return tuple((name, _stamps[name]()) for name in names)
