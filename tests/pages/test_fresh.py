"""People who see more of a page than the public (a festival's organisers, a session's
speakers once it has started, a speaker on their own page, a write-up's author) get it
rendered for them, kept nowhere: what they see never reaches anyone else."""

from datetime import timedelta

import pytest
from django.test import Client

from tests.html import texts
from tests.pages.conftest import at, signed_in
from tests.pages.pages import PAGE_NAMES, memo_bodies, shared_texts

ORGANISER_LINKS = ["Bookings Check-in Schedule editor Import programme Edit sessions"]
# The pages with the festival's menu: those before the Hub's own.
FESTIVAL_PAGES = PAGE_NAMES[: PAGE_NAMES.index("story-list")]


def assert_nothing_kept_has(text: str) -> None:
    assert [body for body in memo_bodies().values() if text in "".join(shared_texts(body))] == []


@pytest.mark.parametrize("page", FESTIVAL_PAGES)
def test_organisers_get_their_links_and_the_public_after_them_does_not(site, page):
    url = site.urls()[page]
    organiser = signed_in(site.organiser)

    theirs = organiser.get(url)
    public = Client().get(url)
    theirs_again = organiser.get(url)

    assert texts(theirs, "ul.organiser-links") == ORGANISER_LINKS
    assert texts(theirs_again, "ul.organiser-links") == ORGANISER_LINKS
    assert theirs["Cache-Control"] == "private, no-cache"
    assert "ETag" not in theirs
    assert texts(public, "ul.organiser-links") == []
    assert "Schedule editor" not in public.content.decode()
    assert_nothing_kept_has("organiser-links")


def test_a_speaker_may_write_up_their_session_once_it_has_started_and_nobody_else_sees_it(
    site, clock
):
    url = site.zine.get_absolute_url()
    mel = signed_in(site.speaker)
    before_start = mel.get(url)
    clock.move_to(at(5, 14) + timedelta(seconds=1))

    started = mel.get(url)
    public = Client().get(url)
    alice = signed_in(site.alice).get(url)

    assert texts(before_start, "p.writeup-prompt") == []
    assert "ETag" in before_start  # before it starts, the speaker sees the public page
    assert texts(started, "p.writeup-prompt") == ["Write up this session"]
    assert "ETag" not in started
    assert texts(public, "p.writeup-prompt") == []
    assert texts(alice, "p.writeup-prompt") == []
    assert_nothing_kept_has("Write up this session")


def test_a_speaker_on_their_own_page_gets_write_up_links_and_the_public_does_not(site):
    url = site.mel.get_absolute_url()

    theirs = signed_in(site.speaker).get(url)
    public = Client().get(url)

    # The opening circle has taken place; the zine has not started yet.
    assert texts(theirs, "p.writeup-prompt") == ["Write up “Opening circle”"]
    assert "ETag" not in theirs
    assert texts(public, "p.writeup-prompt") == []
    assert_nothing_kept_has("writeup-prompt")


def test_a_writeups_author_and_organisers_may_edit_it_and_the_public_may_not(site):
    url = site.writeup.get_absolute_url()

    author = signed_in(site.speaker).get(url)
    organiser = signed_in(site.organiser).get(url)
    public = Client().get(url)
    alice = signed_in(site.alice).get(url)

    assert texts(author, "p.writeup-actions") == ["Edit this write-up"]
    assert texts(organiser, "p.writeup-actions") == ["Edit this write-up"]
    assert "ETag" not in author
    assert texts(public, "p.writeup-actions") == []
    assert texts(alice, "p.writeup-actions") == []
    assert_nothing_kept_has("Edit this write-up")
