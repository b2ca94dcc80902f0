"""What the cache keeps: one copy per address the page reads; addresses anyone can vary at
will for the same answer are sent on (unknown parameters) or served without being kept."""

import pytest
from django.core.cache import cache
from django.test import Client

from festival.memo import forget_all
from tests.pages.conftest import signed_in
from tests.pages.pages import PAGE_NAMES, memo_bodies


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_shared_link_with_tracking_parameters_is_sent_to_the_cached_page(site, page):
    url = site.urls()[page]
    joiner = "&" if "?" in url else "?"

    response = Client().get(f"{url}{joiner}fbclid=IwAR0abc&utm_source=newsletter")

    assert (response.status_code, response["Location"]) == (302, url)
    assert memo_bodies() == {}


def test_the_programme_keeps_what_it_reads_and_drops_the_rest(site):
    programme = site.urls()["festival-programme"]

    response = Client().get(f"{programme}?utm_campaign=launch&day=2027-07-05&format=talk")

    assert response["Location"] == f"{programme}?day=2027-07-05&format=talk"


def test_a_made_up_author_is_answered_but_not_kept(site):
    response = Client().get("/stories/?author=Nobody+Of+That+Name")

    assert response.status_code == 200
    assert memo_bodies() == {}


def test_a_filter_the_programme_cannot_read_is_answered_but_not_kept(site):
    programme = site.urls()["festival-programme"]

    response = Client().get(f"{programme}?day=2027-07-05&format=no-such-format")

    assert response.status_code == 200
    assert memo_bodies() == {}


def test_an_unreadable_writeup_page_number_is_answered_but_not_kept(site):
    response = Client().get("/write-ups/?page=999")

    assert response.status_code == 200
    assert memo_bodies() == {}


def test_a_current_anonymous_copy_is_a_304_without_fetching_the_page(
    site, django_assert_num_queries
):
    url = site.urls()["festival-programme"]
    etag = Client().get(url)["ETag"]
    cache.clear()
    forget_all()

    # The festival's row (the version) and nothing else: the page is neither built nor read.
    with django_assert_num_queries(1):
        again = Client().get(url, headers={"if-none-match": etag})

    assert (again.status_code, memo_bodies()) == (304, {})


def test_a_signed_in_person_is_sent_on_too(site):
    url = site.urls()["session-detail"]

    response = signed_in(site.alice).get(f"{url}?ref=email")

    assert (response.status_code, response["Location"]) == (302, url)
