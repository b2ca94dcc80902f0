"""What a cached page costs once its body is cached: the reads that find its version and the
visitor's own parts, the same however big the programme is."""

import pytest
from django.test import Client

from events.bookings.services import book_place
from events.enums import WriteUpStatus
from tests.factories import (
    SessionFactory,
    SpeakerFactory,
    StoryFactory,
    TagFactory,
    UserFactory,
    WriteUpFactory,
)
from tests.pages.conftest import at, signed_in

# Anonymous hits. F: the festival's row (the page's version is on it).
ANONYMOUS = {
    "festival-detail": 2,  # F; the stories' stamp
    "festival-programme": 1,  # F
    "festival-programme day": 1,  # F
    "festival-programme filtered": 1,  # F
    "session-detail": 3,  # F; the session's own row (its phase); the write-ups' stamp
    "speaker-detail": 2,  # F; the write-ups' stamp
    "festival-changes": 1,  # F
    "story-list": 1,  # the stories' stamp
    "story-detail": 4,  # the stamps of stories, write-ups, festivals and programmes
    "writeup-list": 3,  # the stamps of write-ups, festivals and programmes
    # The write-up with its session and festival; the stamps of write-ups and stories.
    "writeup-detail": 3,
}
# Signed in, on top of the anonymous reads: the user (1; the login session comes from the
# cache, and whether they organise a festival comes with its row). Then each page's own:
SIGNED_IN = {
    "festival-detail": 2 + 1,
    "festival-programme": 1 + 1,
    "festival-programme day": 1 + 1,
    "festival-programme filtered": 1 + 1,
    # The booking panel: the session's counts and the visitor's own booking, in one.
    "session-detail": 3 + 1 + 1,
    # Whether the page is the visitor's own (a speaker sees it rendered for them).
    "speaker-detail": 2 + 1 + 1,
    "festival-changes": 1 + 1,
    "story-list": 1 + 1,
    "story-detail": 4 + 1,
    "writeup-list": 3 + 1,
    # Whether they may edit it (they organise its festival: the author is known already).
    "writeup-detail": 3 + 1 + 1,
}


def grow(site, more: int) -> None:
    """`more` sessions on the first day, each with a speaker, a theme and a booking, and as
    many stories and write-ups."""
    event = site.zine.event
    for number in range(more):
        session = SessionFactory(
            event=event,
            room=site.hall,
            start=at(5, 17 + number),
            end=at(5, 17 + number, 45),
            speakers=[SpeakerFactory(festival=site.festival)],
            themes=[TagFactory()],
        )
        book_place(user=UserFactory(), session=session)
        StoryFactory(festival=site.festival, tags=[site.housing])
        WriteUpFactory(session=site.opening, status=WriteUpStatus.PUBLISHED)


@pytest.mark.parametrize("more", [0, 3])
@pytest.mark.parametrize("page", list(ANONYMOUS))
def test_an_anonymous_cached_hit_costs_the_same_whatever_the_size(
    site, page, more, django_assert_num_queries
):
    grow(site, more)
    url = site.urls()[page]
    Client().get(url)

    with django_assert_num_queries(ANONYMOUS[page]):
        response = Client().get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("more", [0, 3])
@pytest.mark.parametrize("page", list(SIGNED_IN))
def test_a_signed_in_cached_hit_costs_the_same_whatever_the_size(
    site, page, more, django_assert_num_queries
):
    grow(site, more)
    url = site.urls()[page]
    Client().get(url)
    alice = signed_in(site.alice)

    with django_assert_num_queries(SIGNED_IN[page]):
        response = alice.get(url)

    assert response.status_code == 200
    assert "Alice Okafor" in response.content.decode()
