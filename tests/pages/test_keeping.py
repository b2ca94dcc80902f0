"""What the cache keeps: one copy per address the page reads; addresses anyone can vary at
will for the same answer are sent on (unknown parameters) or served without being kept."""

import pytest
from django.core.cache import cache
from django.test import Client

from festival.memo import forget_all
from festival.views import story_list_url
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


@pytest.mark.parametrize(
    "query",
    [
        "?author=MEL+PARKS",  # the author as nobody spells her
        "?page=01",
        "?page=1",  # page 1 is the list itself
        "?tag=housing&page=+1",
    ],
)
def test_a_story_list_is_kept_only_under_its_one_address(site, query):
    response = Client().get(f"/stories/{query}")

    assert response.status_code == 200
    assert memo_bodies() == {}


def test_the_story_list_of_an_author_is_kept_as_its_links_write_it(site):
    Client().get(story_list_url(author=site.story.author))

    assert len(memo_bodies()) == 1


@pytest.mark.parametrize(
    "query",
    [
        "?day=2027-07-05&format=workshop&format=workshop",
        "?format=workshop&day=2027-07-05",
        "?day=2027-07-05&access=step-free&access=bsl",
    ],
)
def test_a_programme_is_kept_only_under_its_one_address(site, query):
    programme = site.urls()["festival-programme"]

    response = Client().get(f"{programme}{query}")

    assert response.status_code == 200
    assert memo_bodies() == {}


def test_the_programme_day_is_kept_as_its_own_links_write_it(site):
    programme = site.urls()["festival-programme"]

    Client().get(programme)
    Client().get(f"{programme}?day=2027-07-05&format=workshop")
    Client().get(f"{programme}?day=2027-07-05&access=bsl&access=step-free")

    assert len(memo_bodies()) == 3
