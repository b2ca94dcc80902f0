"""Reading what a cached page gave one visitor: their CSRF tokens, their header, their panel."""

import gzip
import re

from django.middleware.csrf import _does_token_match
from django.test import Client

from festival.page_cache import SharedPage, Slot, _memo
from tests.html import texts

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')
PAGE_NAMES = (
    "festival-detail",
    "festival-programme",
    "festival-programme day",
    "festival-programme filtered",
    "session-detail",
    "speaker-detail",
    "festival-changes",
    "story-list",
    "story-detail",
    "writeup-list",
    "writeup-detail",
)


def csrf_tokens(response) -> list[str]:
    return CSRF_INPUT.findall(response.content.decode())


def csrf_secret(client: Client) -> str:
    return client.cookies["csrftoken"].value


def tokens_verify(tokens: list[str], client: Client) -> bool:
    """Whether every token on the page is one that `client`'s CSRF cookie accepts."""
    secret = csrf_secret(client)
    return all(_does_token_match(token, secret) for token in tokens)


def account_nav(response) -> list[str]:
    return texts(response, "li.nav-account")


def panel(response) -> list[str]:
    return texts(response, "section.booking-panel")


def shared_texts(page: SharedPage) -> list[str]:
    """Everything a shared body keeps: its text pieces, its slots' carried values, the
    anonymous body and its gzipped copy."""
    kept = [page.anonymous.decode(), gzip.decompress(page.gzipped).decode()]
    for piece in page.pieces:
        kept.append(repr(piece.carried) + piece.template if isinstance(piece, Slot) else piece)
    return kept


def memo_bodies() -> dict[str, SharedPage]:
    return _memo.values()
