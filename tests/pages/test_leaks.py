"""No visitor of a cached page ever sees another's parts: their name, their booking, their
CSRF token, their messages; and the shared bodies hold nothing of anyone's."""

import gzip

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from festival.page_cache import Slot
from festival.views import STORY_SHARED_MESSAGE
from tests.factories import UserFactory
from tests.html import texts
from tests.pages.conftest import signed_in
from tests.pages.pages import (
    PAGE_NAMES,
    account_nav,
    csrf_secret,
    csrf_tokens,
    memo_bodies,
    panel,
    shared_texts,
    tokens_verify,
)

PEOPLE = ("Alice Okafor", "Bob Brennan", "alice@example.org", "bob@example.org")
ANONYMOUS_PANEL = ["Booking Log in or sign up to book a place. Log in to book Sign up"]
ALICE_PANEL = ["Booking You have a place. Cancel my place See all of my programme"]
BOB_PANEL = ["Booking You are number 2 on the waitlist. Leave the waitlist See all of my programme"]


def assert_only_alice(response, alice: Client, bob: Client) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert account_nav(response) == ["Alice Okafor Log out"]
    assert "Bob Brennan" not in html
    assert 'href="/admin/"' not in html  # Alice is not staff
    tokens = csrf_tokens(response)
    assert len(tokens) >= 1
    assert tokens_verify(tokens, alice)
    assert not tokens_verify(tokens, bob)


def assert_only_bob(response, alice: Client, bob: Client) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert account_nav(response) == ["Bob Brennan Log out"]
    assert "Alice Okafor" not in html
    assert 'href="/admin/"' in html
    tokens = csrf_tokens(response)
    assert len(tokens) >= 1
    assert tokens_verify(tokens, bob)
    assert not tokens_verify(tokens, alice)


def assert_anonymous(response) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in html
    assert "Log out" not in html
    assert [name for name in PEOPLE if name in html] == []
    assert texts(response, "ul.nav-list")[0].endswith("Log in Sign up")


@pytest.mark.parametrize("page", PAGE_NAMES)
@pytest.mark.parametrize("first", ["anonymous", "signed in"])
def test_interleaved_visitors_each_see_only_their_own_parts(site, page, first):
    url = site.urls()[page]
    alice, bob, anonymous = signed_in(site.alice), signed_in(site.bob), Client()
    for person in (alice, bob):
        person.get(reverse("account"))  # each holds a CSRF cookie from the start
    visits = [alice, anonymous, bob, alice, anonymous, bob]
    if first == "anonymous":
        visits = [anonymous, *visits]

    for client in visits:
        response = client.get(url)

        if client is alice:
            assert_only_alice(response, alice, bob)
        elif client is bob:
            assert_only_bob(response, alice, bob)
        else:
            assert_anonymous(response)
        if page == "session-detail":
            expected = {id(alice): ALICE_PANEL, id(bob): BOB_PANEL}.get(id(client), ANONYMOUS_PANEL)
            assert panel(response) == expected


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_signed_in_persons_token_on_a_cached_page_is_accepted_back(site, page):
    """The token put in place is one the CSRF check takes: logging out from the page works."""
    Client().get(site.urls()[page])  # cached by an anonymous visitor
    alice = Client(enforce_csrf_checks=True)
    alice.force_login(site.alice)

    response = alice.get(site.urls()[page])
    logged_out = alice.post(reverse("logout"), {"csrfmiddlewaretoken": csrf_tokens(response)[0]})

    assert (logged_out.status_code, logged_out["Location"]) == (302, "/")
    assert "_auth_user_id" not in alice.session


def test_shared_bodies_hold_no_ones_name_email_or_token(site):
    """Signed-in people visit every page first, so each shared body is rendered during their
    request: still, nothing of theirs may reach the cache or the memo."""
    alice, bob = signed_in(site.alice), signed_in(site.bob)
    for url in site.urls().values():
        alice.get(url)
        bob.get(url)
    secrets = [csrf_secret(alice), csrf_secret(bob)]

    bodies = memo_bodies()
    cached = {digest: cache.get(f"page:{digest}") for digest in bodies}

    assert len(bodies) == len(site.urls())
    assert cached == bodies
    for body in bodies.values():
        kept = "\n".join(shared_texts(body))
        assert [name for name in (*PEOPLE, *secrets) if name in kept] == []
        assert "csrfmiddlewaretoken" not in kept
        assert "Log out" not in kept
        assert next(p.template for p in body.pieces if isinstance(p, Slot)) == (
            "includes/_account_nav.html"
        )
        assert gzip.decompress(body.gzipped) == body.anonymous


def queue_story_shared_message(site) -> Client:
    """A visitor who shared a story and logged out before reading the thank-you: the message
    waits in their cookie while they browse as an anonymous visitor."""
    visitor = signed_in(site.alice)
    shared = visitor.post(
        reverse("story-share"),
        {
            "title": "Trust first",
            "author": "Alice Okafor",
            "standfirst": "Lessons from a solidarity fund.",
            "body": "It began in May.",
        },
    )
    assert shared["Location"] == reverse("story-list")
    visitor.post(reverse("logout"))
    return visitor


@pytest.mark.parametrize("page", ["story-list", "festival-programme", "session-detail"])
def test_a_message_shows_once_and_only_to_its_anonymous_visitor(site, page):
    url = site.urls()[page]
    other = Client()
    other.get(url)  # the page is cached before the message is queued
    visitor = queue_story_shared_message(site)

    with_message = visitor.get(url)
    others_page = other.get(url)
    again = visitor.get(url)

    assert texts(with_message, "p.message") == [STORY_SHARED_MESSAGE]
    assert "csrfmiddlewaretoken" not in with_message.content.decode()
    assert "Log out" not in with_message.content.decode()
    assert "ETag" not in with_message  # a 304 would show the copy without the message
    assert texts(others_page, "p.message") == []
    assert texts(again, "p.message") == []
    assert again.content == others_page.content
    for body in memo_bodies().values():
        assert STORY_SHARED_MESSAGE not in "\n".join(shared_texts(body))


def test_a_signed_in_persons_message_shows_to_them_once_with_their_new_panel(site, clock):
    url = site.walk.get_absolute_url()
    dee = signed_in(UserFactory(name="Dee Dyer", email="dee@example.org"))
    alice = signed_in(site.alice)
    Client().get(url)  # cached
    dee.get(url)

    booked = dee.post(
        reverse("session-book", kwargs={"festival": site.festival.slug, "session": "garden-walk"})
    )
    shown = dee.get(url)
    alices = alice.get(url)
    again = dee.get(url)

    assert booked["Location"] == url
    assert texts(shown, "p.message") == [
        "Your place is booked. A confirmation is on its way to dee@example.org."
    ]
    assert "ETag" not in shown
    assert panel(shown) == ["Booking You have a place. Cancel my place See all of my programme"]
    assert texts(alices, "p.message") == []
    assert "Dee Dyer" not in alices.content.decode()
    assert texts(again, "p.message") == []
    assert panel(again) == panel(shown)
    for body in memo_bodies().values():
        assert "dee@example.org" not in "\n".join(shared_texts(body))


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_the_anonymous_page_varies_by_cookie_and_encoding(site, page):
    """A cache between us and the visitor must not hand the anonymous copy to someone signed
    in (or the reverse)."""
    response = Client().get(site.urls()[page])

    assert sorted(part.strip() for part in response["Vary"].split(",")) == [
        "Accept-Encoding",
        "Cookie",
    ]
