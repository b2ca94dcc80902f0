from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from festival.models import Story
from tests.factories import LONDON, FestivalFactory, StoryFactory, TagFactory
from tests.html import texts

IN_JUNE_2027 = datetime(2027, 6, 15, 12, 0, tzinfo=LONDON)


@pytest.mark.django_db
@time_machine.travel(IN_JUNE_2027, tick=False)
def test_hub_home_lists_upcoming_and_past_festivals_and_latest_stories(client):
    FestivalFactory(
        name="Summer gathering", start_date=date(2027, 8, 30), end_date=date(2027, 9, 1)
    )
    FestivalFactory(
        name="Not Another Co-production Festival",
        start_date=date(2027, 7, 5),
        end_date=date(2027, 7, 5),
    )
    FestivalFactory(name="On now", start_date=date(2027, 6, 14), end_date=date(2027, 6, 16))
    FestivalFactory(name="Secret", start_date=date(2027, 7, 1), is_published=False)
    FestivalFactory(name="Last year", start_date=date(2026, 12, 30), end_date=date(2027, 1, 2))
    StoryFactory(
        title="Older story",
        author="Sam Okafor",
        standfirst="How it began.",
        published_at=datetime(2027, 5, 1, 9, tzinfo=LONDON),
    )
    StoryFactory(
        title="Newer story",
        author="Mel Parks",
        standfirst="What we learned.",
        published_at=datetime(2027, 6, 1, 9, tzinfo=LONDON),
    )
    StoryFactory(title="A draft", status=Story.Status.DRAFT, published_at=None)

    response = client.get(reverse("hub-home"))

    assert texts(response, "title") == ["Ideas Hub · Convene"]
    assert texts(response, "h1") == ["Ideas Hub"]
    assert texts(response, "h2") == ["Festivals coming up", "Latest stories", "Past festivals"]
    assert texts(response, "section")[0] == (
        "Festivals coming up On now 14–16 June 2027 "
        "Not Another Co-production Festival 5 July 2027 "
        "Summer gathering 30 August – 1 September 2027"
    )
    assert texts(response, "section")[1] == (
        "Latest stories Newer story By Mel Parks, 1 June 2027 What we learned. "
        "Older story By Sam Okafor, 1 May 2027 How it began."
    )
    assert texts(response, ".plain-list") == ["Last year, 30 December 2026 – 2 January 2027"]
    html = response.content.decode()
    assert '<a href="/stories/newer-story/">Newer story</a>' in html
    assert "Secret" not in html


@pytest.mark.django_db
@time_machine.travel(IN_JUNE_2027, tick=False)
def test_hub_home_says_so_when_there_is_nothing_yet(client):
    response = client.get(reverse("hub-home"))

    assert texts(response, ".empty") == [
        "No festivals are coming up just now.",
        "No stories have been published yet.",
        "No past festivals yet.",
    ]


@pytest.mark.django_db
@time_machine.travel(IN_JUNE_2027, tick=False)
@pytest.mark.parametrize("count", [1, 3])
def test_hub_home_queries_do_not_grow_with_festivals_and_stories(
    client, django_assert_num_queries, count
):
    for number in range(count):
        FestivalFactory(name=f"Coming {number}", start_date=date(2027, 7, 5))
        FestivalFactory(
            name=f"Past {number}", start_date=date(2026, 7, 5), end_date=date(2026, 7, 6)
        )
        StoryFactory(tags=[TagFactory()])

    # Upcoming festivals, past festivals, latest stories.
    with django_assert_num_queries(4):
        response = client.get(reverse("hub-home"))

    assert len(texts(response, ".card")) == 2 * count


@pytest.mark.django_db
def test_story_page_shows_the_story_with_sanitised_markdown_tags_and_festival(client):
    festival = FestivalFactory(
        name="Not Another Co-production Festival",
        slug="nacpf",
        start_date=date(2027, 7, 5),
        end_date=date(2027, 7, 5),
    )
    story = StoryFactory(
        title="Doing it with people",
        slug="doing-it-with-people",
        author="Mel Parks",
        standfirst="What worked, and what did not.",
        body=(
            "# What happened\n\nWe *met*. <script>alert(1)</script>"
            "[Read more](https://example.org) [bad](javascript:alert(1))"
            "<img src=x onerror=alert(1)>"
        ),
        published_at=datetime(2027, 7, 8, 9, tzinfo=LONDON),
        festival=festival,
        tags=[TagFactory(name="Co-production"), TagFactory(name="Failure")],
    )

    with time_machine.travel(datetime(2027, 7, 9, 9, tzinfo=LONDON)):
        response = client.get(story.get_absolute_url())

    assert texts(response, "title") == ["Doing it with people · Convene"]
    assert texts(response, "h1") == ["Doing it with people"]
    assert texts(response, ".byline") == ["By Mel Parks, published 8 July 2027"]
    assert texts(response, ".lede") == ["What worked, and what did not."]
    assert texts(response, ".prose") == ["What happened We met. Read more bad"]
    html = response.content.decode()
    assert (
        '<div class="prose"><h2>What happened</h2>\n<p>We <em>met</em>. '
        '<a href="https://example.org" rel="nofollow noopener">Read more</a> '
        '<a rel="nofollow noopener">bad</a></p></div>'
    ) in html
    assert texts(response, ".tag-list") == ["Co-production Failure"]
    assert '<p>About <a href="/festivals/nacpf/">Not Another Co-production Festival</a>, ' in html


@pytest.mark.django_db
def test_story_page_does_not_mention_an_unpublished_festival(client):
    festival = FestivalFactory(name="Secret festival", is_published=False)
    story = StoryFactory(festival=festival)

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "Secret festival" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "published_at"),
    [(Story.Status.DRAFT, None), (Story.Status.DRAFT, datetime(2027, 1, 1, tzinfo=LONDON))],
)
def test_story_page_is_404_for_drafts(client, status, published_at):
    story = StoryFactory(title="Not yet", status=status, published_at=published_at)

    response = client.get(story.get_absolute_url())

    assert response.status_code == 404
    assert "Not yet" not in response.content.decode()


@pytest.mark.django_db
def test_story_page_is_404_for_an_unknown_story(client):
    response = client.get(reverse("story-detail", kwargs={"story": "no-such-story"}))

    assert response.status_code == 404
    assert texts(response, "h1") == ["Page not found"]


@pytest.mark.django_db
def test_story_scheduled_for_later_is_not_shown_yet(client):
    story = StoryFactory(title="Next week", published_at=datetime(2030, 1, 1, 9, tzinfo=LONDON))

    with time_machine.travel(datetime(2029, 12, 31, 9, tzinfo=LONDON)):
        before = client.get(story.get_absolute_url())
        home_before = texts(client.get("/"), "h1")
    with time_machine.travel(datetime(2030, 1, 1, 9, 1, tzinfo=LONDON)):
        after = client.get(story.get_absolute_url())

    assert (before.status_code, after.status_code) == (404, 200)
    assert texts(before, "h1") == ["Page not found"]
    assert home_before == ["Ideas Hub"]
    assert texts(after, "h1") == ["Next week"]
