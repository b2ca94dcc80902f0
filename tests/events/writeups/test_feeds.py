"""The write-up list (`/write-ups/`), the Atom feed (`/write-ups/feed.atom`) and the write-up
blocks on other pages: only published write-ups, newest first, in a fixed number of queries."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from events.models import WriteUp
from events.writeups.services import create_writeup, update_writeup
from tests.events.writeups.test_views import (
    AFTER_THE_TALK,
    WriteUpSetting,
    at,
    build_writeup_setting,
    content,
)
from tests.factories import SessionFactory, UserFactory
from tests.html import texts

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def writeup_setting(db) -> WriteUpSetting:
    return build_writeup_setting()


@pytest.fixture(autouse=True)
def after_the_talk():
    with time_machine.travel(AFTER_THE_TALK, tick=False):
        yield


def publish_several(setting: WriteUpSetting, count: int) -> list[WriteUp]:
    """`count` write-ups of the talk, each by another organiser, published an hour apart."""
    writeups = []
    for number in range(count):
        author = UserFactory(name=f"Writer {number}")
        setting.festival.organisers.add(author)
        with time_machine.travel(AFTER_THE_TALK + timedelta(hours=number), tick=False):
            writeups.append(
                create_writeup(
                    session=setting.talk,
                    author=author,
                    content=content(title=f"Write-up {number}", summary=f"Summary {number}"),
                    publish=True,
                )
            )
    return writeups


def parse_feed(response) -> ET.Element:
    return ET.fromstring(response.content)


def entries(feed: ET.Element) -> list[dict]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "published": entry.findtext(f"{ATOM}published"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


# The list page


def test_writeup_list_shows_published_writeups_newest_first(writeup_setting, client):
    publish_several(writeup_setting, 2)
    create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.mel_user,
        content=content(title="Draft"),
        publish=False,
    )

    response = client.get(reverse("writeup-list"))

    assert texts(response, "h2.writeup-item-title") == ["Write-up 1", "Write-up 0"]
    assert texts(response, "p.writeup-item-meta") == [
        "By Writer 1, 5 July 2027. A write-up of What is co-production? at Not Another "
        "Co-production Festival.",
        "By Writer 0, 5 July 2027. A write-up of What is co-production? at Not Another "
        "Co-production Festival.",
    ]
    assert texts(response, "p.writeup-item-summary") == ["Summary 1", "Summary 0"]


def test_writeup_list_when_there_are_none(writeup_setting, client):
    response = client.get(reverse("writeup-list"))

    assert texts(response, ".empty") == ["No write-ups have been published yet."]


def test_writeup_list_pages_through_them(writeup_setting, client, monkeypatch):
    monkeypatch.setattr("events.writeups.views.PER_PAGE", 2)
    publish_several(writeup_setting, 3)

    first = client.get(reverse("writeup-list"))
    second = client.get(reverse("writeup-list") + "?page=2")

    assert texts(first, "h2.writeup-item-title") == ["Write-up 2", "Write-up 1"]
    assert texts(second, "h2.writeup-item-title") == ["Write-up 0"]
    assert texts(second, ".writeup-pages") == ["Newer write-ups Page 2 of 2"]


@pytest.mark.parametrize("count", [1, 3])
def test_writeup_list_queries_do_not_grow_with_the_number_of_writeups(
    writeup_setting, client, django_assert_num_queries, count
):
    publish_several(writeup_setting, count)

    # The stamps of write-ups, festivals and programmes (the page's version); the count for
    # the pages, then the page of write-ups with their sessions and festivals.
    with django_assert_num_queries(5):
        response = client.get(reverse("writeup-list"))

    assert len(texts(response, "h2.writeup-item-title")) == count


# The Atom feed


def test_feed_lists_only_published_writeups_newest_first(writeup_setting, client, settings):
    settings.SITE_URL = "https://convene.example.org"
    first, _second = publish_several(writeup_setting, 2)
    create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.mel_user,
        content=content(title="Draft"),
        publish=False,
    )
    with time_machine.travel(at(6, 9), tick=False):
        update_writeup(
            writeup=first,
            content=content(title="Write-up 0", summary="Summary 0", body="More."),
            publish=False,
        )

    response = client.get(reverse("writeup-feed"))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse_feed(response)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Write-ups · Convene Ideas Hub"
    assert entries(feed) == [
        {
            "title": "Write-up 1",
            "link": "https://convene.example.org/write-ups/write-up-1/",
            "id": "https://convene.example.org/write-ups/write-up-1/",
            "author": "Writer 1",
            "published": "2027-07-05T13:00:00+00:00",
            "updated": "2027-07-05T13:00:00+00:00",
            "summary": "<p>Summary 1</p>\n\n<p>A write-up of “What is co-production?” at "
            "Not Another Co-production Festival.</p>",
        },
        {
            "title": "Write-up 0",
            "link": "https://convene.example.org/write-ups/write-up-0/",
            "id": "https://convene.example.org/write-ups/write-up-0/",
            "author": "Writer 0",
            "published": "2027-07-05T12:00:00+00:00",
            "updated": "2027-07-06T08:00:00+00:00",
            "summary": "<p>Summary 0</p>\n\n<p>A write-up of “What is co-production?” at "
            "Not Another Co-production Festival.</p>",
        },
    ]
    assert [link.get("href") for link in feed.findall(f"{ATOM}link")] == [
        "https://convene.example.org/write-ups/",
        "https://convene.example.org/write-ups/feed.atom",
    ]


def test_feed_parses_with_lxml_when_empty(writeup_setting, client):
    response = client.get(reverse("writeup-feed"))

    feed = etree.fromstring(response.content)
    assert (feed.tag, feed.findall(f"{ATOM}entry")) == (f"{ATOM}feed", [])


def test_feed_escapes_a_hostile_summary_for_its_html_type(writeup_setting, client):
    create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.mel_user,
        content=content(summary="<script>alert(1)</script> & more"),
        publish=True,
    )

    summary = parse_feed(client.get(reverse("writeup-feed"))).find(f"{ATOM}entry/{ATOM}summary")

    # type="html": a reader un-escapes once and shows the text, never runs it.
    assert (summary.get("type"), summary.text.split("\n")[0]) == (
        "html",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>",
    )


def test_feed_summary_keeps_the_writers_lines_and_stands_apart_from_the_about_line(
    writeup_setting, client
):
    create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.mel_user,
        content=content(summary="First line.\nSecond line."),
        publish=True,
    )

    summary = parse_feed(client.get(reverse("writeup-feed"))).find(f"{ATOM}entry/{ATOM}summary")

    assert summary.text == (
        "<p>First line.<br>Second line.</p>\n\n"
        "<p>A write-up of “What is co-production?” at Not Another Co-production Festival.</p>"
    )


def test_feed_leaves_out_writeups_of_unpublished_festivals(writeup_setting, client):
    publish_several(writeup_setting, 1)
    writeup_setting.festival.is_published = False
    writeup_setting.festival.save()

    assert entries(parse_feed(client.get(reverse("writeup-feed")))) == []


@pytest.mark.parametrize("count", [1, 3])
def test_feed_queries_do_not_grow_with_the_number_of_writeups(
    writeup_setting, client, django_assert_num_queries, count
):
    publish_several(writeup_setting, count)

    with django_assert_num_queries(1):
        response = client.get(reverse("writeup-feed"))

    assert len(entries(parse_feed(response))) == count


# The blocks on other pages. Each costs one query, however many write-ups it lists: the page
# costs as many queries with 1 or 3 write-ups as it does with none (its own queries are its
# owners' business, so they are counted here, not pinned).


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def page_of(setting: WriteUpSetting, page: str) -> str:
    return {
        "session": setting.talk.get_absolute_url(),
        "speaker": setting.mel.get_absolute_url(),
        "hub": reverse("hub-home"),
        "story": setting.story.get_absolute_url(),
    }[page]


@pytest.mark.parametrize("page", ["session", "speaker", "hub", "story"])
@pytest.mark.parametrize("count", [1, 3])
def test_writeup_blocks_cost_the_same_queries_however_many_writeups(
    writeup_setting, client, django_assert_num_queries, page, count
):
    url = page_of(writeup_setting, page)
    with_none = count_queries(client, url)
    for writeup in publish_several(writeup_setting, count):
        writeup.stories.add(writeup_setting.story)

    with django_assert_num_queries(with_none) as captured:
        response = client.get(url)

    assert len(texts(response, "li.writeup-card")) == count
    # The write-ups' stamp, which versions the cached page, aside.
    writeup_queries = [
        query
        for query in captured.captured_queries
        if '"events_writeup"' in query["sql"] and 'AS "shown"' not in query["sql"]
    ]
    assert len(writeup_queries) == 1


@pytest.mark.parametrize("count", [1, 3])
def test_session_page_for_its_speaker_costs_the_same_queries_however_many_writeups(
    writeup_setting, django_assert_num_queries, count
):
    client = Client()
    client.force_login(writeup_setting.mel_user)
    url = writeup_setting.talk.get_absolute_url()
    with_none = count_queries(client, url)
    publish_several(writeup_setting, count)

    with django_assert_num_queries(with_none):
        response = client.get(url)

    assert len(texts(response, "li.writeup-card")) == count
    assert texts(response, ".writeup-prompt") == ["Write up this session"]


@pytest.mark.parametrize("count", [1, 3])
def test_speaker_page_links_cost_the_same_queries_however_many_sessions(
    writeup_setting, django_assert_num_queries, count
):
    """The "Write up" link of each session on a speaker's page asks the database nothing more,
    whether the visitor is that speaker or an organiser."""
    for number in range(count):
        SessionFactory(
            event=writeup_setting.talk.event,
            start=at(5, 11 + number),
            end=at(5, 12 + number),
            speakers=[writeup_setting.mel],
        )
    speaker, organiser = Client(), Client()
    speaker.force_login(writeup_setting.mel_user)
    organiser.force_login(writeup_setting.organiser)
    url = writeup_setting.mel.get_absolute_url()
    anonymous_queries = count_queries(Client(), url)

    # Signed in: the user (the login session comes from the cache; whether they organise the
    # festival comes with it), and for the speaker whether the page is theirs (they see more
    # than the public: the page is rendered for them). The links then cost nothing more.
    with django_assert_num_queries(anonymous_queries + 2):
        as_speaker = speaker.get(url)
    with django_assert_num_queries(anonymous_queries + 1):
        as_organiser = organiser.get(url)

    assert len(texts(as_speaker, ".writeup-prompt")) == count + 1
    assert len(texts(as_organiser, ".writeup-prompt")) == count + 1


def test_hub_home_shows_the_five_newest(writeup_setting, client):
    publish_several(writeup_setting, 6)

    response = client.get(reverse("hub-home"))

    assert texts(response, "h3.writeup-card-title") == [f"Write-up {n}" for n in range(5, 0, -1)]
