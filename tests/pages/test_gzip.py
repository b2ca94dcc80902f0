"""The gzipped body goes to anonymous visitors who accept it, and never to signed-in people:
a page with a CSRF token in it is never compressed (BREACH)."""

import gzip

import pytest
from django.test import Client

from tests.pages.conftest import signed_in
from tests.pages.pages import PAGE_NAMES, csrf_tokens


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_anonymous_visitors_who_accept_gzip_get_the_same_page_compressed(site, page):
    url = site.urls()[page]

    zipped = Client().get(url, headers={"accept-encoding": "gzip, deflate, br"})
    plain = Client().get(url)

    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    for response in (zipped, plain):
        assert "Accept-Encoding" in [part.strip() for part in response["Vary"].split(",")]
    assert gzip.decompress(zipped.content) == plain.content


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_signed_in_people_never_get_gzip(site, page):
    url = site.urls()[page]
    Client().get(url, headers={"accept-encoding": "gzip"})  # the gzipped body is cached

    response = signed_in(site.alice).get(url, headers={"accept-encoding": "gzip"})

    assert "Content-Encoding" not in response
    assert len(csrf_tokens(response)) >= 1
    assert response.content.decode().count("Alice Okafor") >= 1


def test_a_visitor_who_refuses_gzip_gets_the_plain_page(site):
    """ "gzip;q=0" says gzip is not acceptable (RFC 9110, 12.5.3), yet festival/page_cache.py
    (ACCEPTS_GZIP, a search for the word) reads it as accepting gzip."""
    url = site.urls()["festival-programme"]

    refused = Client().get(url, headers={"accept-encoding": "gzip;q=0, identity"})

    assert "Content-Encoding" not in refused
    assert refused.content == Client().get(url).content
