"""304s on every cached page: anonymous visitors by ETag (strong, and weak for the gzipped
body) or by date; signed-in people by their own ETag, which moves with their own parts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from events.bookings.services import cancel_booking
from festival.models import Story
from tests.html import texts
from tests.pages.conftest import at, signed_in
from tests.pages.pages import PAGE_NAMES, panel


def log_in(client: Client, email: str) -> None:
    """Through the log-in form, as a person does (it gives them a new CSRF secret)."""
    response = client.post(
        reverse("login"), {"username": email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_anonymous_revalidation_by_etag_is_a_304_without_a_body(site, page):
    url = site.urls()[page]
    first = Client().get(url)

    again = Client().get(url, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Cache-Control"] == "no-cache"
    assert again.status_code == 304
    assert again.content == b""
    # Answered from the version alone, before the page is fetched: no Last-Modified to give.
    assert (again["ETag"], again["Cache-Control"]) == (first["ETag"], "no-cache")


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_anonymous_revalidation_of_the_gzipped_body_is_a_304_by_weak_or_strong_etag(site, page):
    url = site.urls()[page]
    zipped = Client().get(url, headers={"accept-encoding": "gzip"})
    plain = Client().get(url)

    by_weak = Client().get(
        url, headers={"accept-encoding": "gzip", "if-none-match": zipped["ETag"]}
    )
    by_strong = Client().get(
        url, headers={"accept-encoding": "gzip", "if-none-match": plain["ETag"]}
    )

    assert zipped["ETag"] == f"W/{plain['ETag']}"
    assert (by_weak.status_code, by_weak.content) == (304, b"")
    assert (by_strong.status_code, by_strong.content) == (304, b"")


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_anonymous_revalidation_by_date_alone_gets_the_whole_page(site, page):
    """Last-Modified is the version's render time, for information: two versions rendered in
    one second would share it, so only the ETag decides a 304 (a 200 is never wrong)."""
    url = site.urls()[page]
    first = Client().get(url)

    again = Client().get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert (again.status_code, again.content) == (200, first.content)


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_signed_in_persons_copy_is_a_304_while_nothing_of_theirs_changed(site, page):
    url = site.urls()[page]
    alice = signed_in(site.alice)
    first = alice.get(url)

    again = alice.get(url, headers={"if-none-match": first["ETag"]})
    anonymous_etag = Client().get(url)["ETag"]

    assert first.status_code == 200
    assert first["Cache-Control"] == "private, no-cache"
    assert "Last-Modified" not in first
    assert first["ETag"] != anonymous_etag
    assert (again.status_code, again.content) == (304, b"")
    assert again["ETag"] == first["ETag"]


def test_a_signed_in_persons_session_page_is_new_when_their_booking_changes(site, clock):
    url = site.zine.get_absolute_url()
    bob = signed_in(site.bob)
    waiting = bob.get(url)
    clock.shift(timedelta(seconds=1))

    cancel_booking(user=site.alice, session=site.zine)  # Carol gets the place, Bob moves up
    moved_up = bob.get(url, headers={"if-none-match": waiting["ETag"]})

    assert panel(waiting) == [
        "Booking You are number 2 on the waitlist. Leave the waitlist See all of my programme"
    ]
    assert moved_up.status_code == 200
    assert panel(moved_up) == [
        "Booking You are number 1 on the waitlist. Leave the waitlist See all of my programme"
    ]
    assert moved_up["ETag"] != waiting["ETag"]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_signed_in_persons_page_is_new_after_logging_out_and_in_again(site, page):
    url = site.urls()[page]
    alice = Client()
    log_in(alice, "alice@example.org")
    first = alice.get(url)
    secret = alice.cookies["csrftoken"].value

    alice.post(reverse("logout"))
    log_in(alice, "alice@example.org")
    again = alice.get(url, headers={"if-none-match": first["ETag"]})

    assert alice.cookies["csrftoken"].value != secret
    assert again.status_code == 200
    assert texts(again, "li.nav-account") == ["Alice Okafor Log out"]
    assert again["ETag"] != first["ETag"]


def test_the_programme_without_a_day_is_not_a_304_by_date_on_the_next_day(site, clock):
    """A visitor (or a proxy) that revalidates by date alone: on Tuesday the programme's
    default day is Tuesday, although no stamp moved."""
    url = site.urls()["festival-programme"]
    monday = Client().get(url)
    clock.move_to(at(6, 0) + timedelta(seconds=1))

    tuesday = Client().get(url, headers={"if-modified-since": monday["Last-Modified"]})

    assert tuesday.status_code == 200
    assert texts(tuesday, "h2")[0] == "Tue 6 July 2027"


def test_a_session_page_is_not_a_304_by_date_once_the_session_has_started(site, clock):
    url = site.zine.get_absolute_url()
    upcoming = Client().get(url)
    clock.move_to(at(5, 14) + timedelta(seconds=1))

    started = Client().get(url, headers={"if-modified-since": upcoming["Last-Modified"]})

    assert started.status_code == 200
    assert panel(started) == ["Booking This session has started, so it can no longer be booked."]


def test_a_deleted_story_is_not_a_304_by_date_on_the_story_list(site, clock):
    """The latest `updated_at` left goes back in time when the story last changed is the one
    deleted: a date must not make that a 304."""
    url = site.urls()["story-list"]
    clock.shift(timedelta(minutes=1))
    newer = Story.objects.create(
        title="Gone soon", slug="gone-soon", author="Mel Parks", body="Soon.",
        status=Story.Status.PUBLISHED, published_at=at(5, 11),
    )  # fmt: skip
    clock.shift(timedelta(minutes=1))
    with_it = Client().get(url)

    newer.delete()
    without_it = Client().get(url, headers={"if-modified-since": with_it["Last-Modified"]})

    assert texts(with_it, "h2.story-item-title") == ["Gone soon", "What the zine taught us"]
    assert without_it.status_code == 200
    assert texts(without_it, "h2.story-item-title") == ["What the zine taught us"]
