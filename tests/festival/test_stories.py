"""The Hub's stories: /stories/ (tag, author, pages) and a story's page (share links, similar
articles, hostile Markdown)."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
import time_machine

from festival.models import Story
from tests.factories import LONDON, FestivalFactory, StoryFactory, TagFactory
from tests.html import texts

NOW = datetime(2027, 1, 10, 12, 0, tzinfo=LONDON)
SITE_URL = "https://convene.example"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_january_2027(settings):
    settings.SITE_URL = SITE_URL
    with time_machine.travel(NOW, tick=False):
        yield


def on(day: int, month: int = 1, year: int = 2027) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=LONDON)


class _Links(HTMLParser):
    """(text, href) of every link inside the elements with a class."""

    def __init__(self, class_name: str) -> None:
        super().__init__()
        self.class_name, self.depth, self.href = class_name, 0, None
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth:
            self.depth += tag not in {"input", "br", "img"}
        elif self.class_name in (attributes.get("class") or "").split():
            self.depth = 1
        if self.depth and tag == "a":
            self.href, self.text = attributes.get("href"), []

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "a" and self.href is not None:
            self.links.append((" ".join("".join(self.text).split()), self.href))
            self.href = None
        self.depth -= 1

    def handle_data(self, data):
        if self.href is not None:
            self.text.append(data)


def links_in(response, class_name: str) -> list[tuple[str, str]]:
    parser = _Links(class_name)
    parser.feed(response.content.decode())
    return parser.links


# The list


def test_story_list_shows_published_stories_newest_first(client):
    co_production = TagFactory(name="Co-production")
    failure = TagFactory(name="Failure")
    StoryFactory(
        title="Trust first",
        slug="trust-first",
        author="Becky Seale",
        standfirst="Lessons from a solidarity fund.",
        published_at=on(3),
        tags=[failure, co_production],
    )
    StoryFactory(
        title="We need each other to be brave",
        author="Helen Sharp",
        standfirst="A growing movement.",
        published_at=on(5),
    )
    StoryFactory(title="Courage in co-production", author="Mel Parks", published_at=on(1))
    StoryFactory(title="A draft", status=Story.Status.DRAFT, published_at=None)
    StoryFactory(title="Next week", published_at=on(17))

    response = client.get("/stories/")

    assert texts(response, "title") == ["Stories · Convene"]
    assert texts(response, "h1") == ["Stories"]
    assert texts(response, ".story-item") == [
        "We need each other to be brave By Helen Sharp, 5 January 2027 A growing movement.",
        "Trust first By Becky Seale, 3 January 2027 Lessons from a solidarity fund. "
        "Co-production Failure",
        "Courage in co-production By Mel Parks, 1 January 2027 What happened, and what we learned.",
    ]
    assert links_in(response, "story-item")[2:6] == [
        ("Trust first", "/stories/trust-first/"),
        ("Becky Seale", "/stories/?author=Becky%20Seale"),
        ("Co-production", "/stories/?tag=co-production"),
        ("Failure", "/stories/?tag=failure"),
    ]
    assert texts(response, ".pagination") == []
    assert texts(response, ".story-list-actions") == ["Share your story"]


def test_story_list_says_so_when_nothing_is_published(client):
    StoryFactory(title="A draft", status=Story.Status.DRAFT, published_at=None)

    response = client.get("/stories/")

    assert texts(response, ".empty") == ["No stories have been published yet."]
    assert texts(response, ".story-item") == []


def test_story_list_filters_by_tag_and_names_it_in_the_heading(client):
    co_production = TagFactory(name="Co-production")
    StoryFactory(title="Tagged older", published_at=on(2), tags=[co_production])
    StoryFactory(title="Tagged newer", published_at=on(4), tags=[co_production, TagFactory()])
    StoryFactory(title="Not tagged", published_at=on(3), tags=[TagFactory(name="Other")])
    StoryFactory(
        title="Tagged draft", status=Story.Status.DRAFT, published_at=None, tags=[co_production]
    )

    response = client.get("/stories/", {"tag": "co-production"})

    assert texts(response, "title") == ["Stories tagged Co-production · Convene"]
    assert texts(response, "h1") == ["Stories tagged Co-production"]
    assert texts(response, ".story-item-title") == ["Tagged newer", "Tagged older"]
    assert texts(response, ".story-list-actions") == ["All stories Share your story"]
    assert '<a href="/stories/?tag=co-production" aria-current="page">' in (
        response.content.decode()
    )


def test_story_list_says_so_when_a_tag_has_no_published_stories(client):
    tag = TagFactory(name="Failure")
    StoryFactory(title="A draft", status=Story.Status.DRAFT, published_at=None, tags=[tag])

    response = client.get("/stories/", {"tag": "failure"})

    assert response.status_code == 200
    assert texts(response, "h1") == ["Stories tagged Failure"]
    assert texts(response, ".empty") == ["No published stories are tagged Failure yet."]


@pytest.mark.parametrize("slug", ["no-such-tag", "not a slug"])
def test_story_list_is_404_for_an_unknown_tag(client, slug):
    StoryFactory(title="A story", tags=[TagFactory(name="Failure")])

    response = client.get("/stories/", {"tag": slug})

    assert response.status_code == 404
    assert texts(response, "h1") == ["Page not found"]


def test_story_list_filters_by_the_whole_author_name_in_any_case(client):
    StoryFactory(title="By Mel", author="Mel Parks", published_at=on(2))
    StoryFactory(title="Also by Mel", author="Mel Parks", published_at=on(3))
    StoryFactory(title="By Linda", author="Linda", published_at=on(4))

    response = client.get("/stories/", {"author": "  mel   PARKS "})
    partial = client.get("/stories/", {"author": "Mel"})

    assert texts(response, "h1") == ["Stories by Mel Parks"]
    assert texts(response, ".story-item-title") == ["Also by Mel", "By Mel"]
    assert texts(partial, "h1") == ["Stories by Mel"]
    assert texts(partial, ".empty") == ["No published stories by Mel."]


def test_story_list_filters_by_author_and_tag_together(client):
    tag = TagFactory(name="Co-production")
    StoryFactory(title="Both", author="Linda", tags=[tag])
    StoryFactory(title="Author only", author="Linda")
    StoryFactory(title="Tag only", author="Mel Parks", tags=[tag])

    response = client.get("/stories/", {"author": "linda", "tag": "co-production"})
    neither = client.get("/stories/", {"author": "Nobody", "tag": "co-production"})

    assert texts(response, "h1") == ["Stories by Linda tagged Co-production"]
    assert texts(response, ".story-item-title") == ["Both"]
    assert texts(neither, ".empty") == ["No published stories by Nobody are tagged Co-production."]


def test_story_list_pages_hold_twelve_stories_with_links_that_keep_the_filters(client):
    tag = TagFactory(name="Co-production")
    for number in range(1, 27):
        StoryFactory(title=f"Story {number:02d}", published_at=on(number, 12, 2026), tags=[tag])

    first = client.get("/stories/", {"tag": "co-production"})
    second = client.get("/stories/", {"tag": "co-production", "page": "2"})
    third = client.get("/stories/", {"tag": "co-production", "page": "3"})

    assert texts(first, "title") == ["Stories tagged Co-production (page 1 of 3) · Convene"]
    assert texts(first, ".story-item-title") == [f"Story {n:02d}" for n in range(26, 14, -1)]
    assert texts(first, ".result-count") == ["1–12 of 26 stories, newest first"]
    assert links_in(first, "pagination") == [
        ("Page 1", "/stories/?tag=co-production"),
        ("Page 2", "/stories/?tag=co-production&page=2"),
        ("Page 3", "/stories/?tag=co-production&page=3"),
        ("Next page", "/stories/?tag=co-production&page=2"),
    ]
    assert '<nav class="pagination" aria-label="Pages of stories">' in first.content.decode()
    assert (
        '<a href="/stories/?tag=co-production" aria-current="page">'
        '<span class="visually-hidden">Page </span>1</a>'
    ) in first.content.decode()
    assert texts(second, ".story-item-title") == [f"Story {n:02d}" for n in range(14, 2, -1)]
    assert links_in(second, "pagination")[0] == (
        "Previous page",
        "/stories/?tag=co-production",
    )
    assert links_in(second, "pagination")[-1] == (
        "Next page",
        "/stories/?tag=co-production&page=3",
    )
    assert texts(third, ".story-item-title") == ["Story 02", "Story 01"]
    assert texts(third, ".result-count") == ["25–26 of 26 stories, newest first"]


def test_story_list_pages_of_an_author_keep_the_author_in_their_links(client):
    for number in range(1, 14):
        StoryFactory(author="Mel Parks", published_at=on(number, 12, 2026))

    response = client.get("/stories/", {"author": "mel parks"})

    assert links_in(response, "pagination")[-1] == (
        "Next page",
        "/stories/?author=mel%20parks&page=2",
    )


@pytest.mark.parametrize("page", ["0", "3", "two"])
def test_story_list_is_404_past_the_last_page_or_for_a_bad_page(client, page):
    for number in range(1, 14):
        StoryFactory(published_at=on(number, 12, 2026))

    response = client.get("/stories/", {"page": page})

    assert response.status_code == 404
    assert texts(response, "h1") == ["Page not found"]


@pytest.mark.parametrize("count", [1, 3])
def test_story_list_queries_do_not_grow_with_stories_and_tags(
    client, django_assert_num_queries, count
):
    shared = TagFactory(name="Shared")
    for number in range(count):
        tags = [shared, *(TagFactory() for _ in range(count))]
        StoryFactory(title=f"Story {number}", tags=tags)

    # The stories' stamp (the page's version); the count for the paginator, the page of
    # stories, their tags.
    with django_assert_num_queries(4):
        everything = client.get("/stories/")
    # The same, after the tag.
    with django_assert_num_queries(5):
        tagged = client.get("/stories/", {"tag": "shared", "author": "mel parks"})

    assert len(texts(everything, ".story-item")) == count
    assert len(texts(tagged, ".story-item")) == count


def test_story_list_refuses_post(client):
    response = client.post("/stories/")

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")


# The story page


def test_story_page_shows_the_story_with_links_to_its_author_and_tags(client):
    festival = FestivalFactory(name="Not Another Co-production Festival", slug="nacpf")
    story = StoryFactory(
        title="We need each other to be brave",
        slug="brave",
        author="Helen Sharp",
        standfirst="There is now a growing movement.",
        body="I came to the world of **co-production** as a commissioner.",
        published_at=on(5),
        festival=festival,
        tags=[TagFactory(name="Co-production"), TagFactory(name="Commissioning")],
    )

    response = client.get(story.get_absolute_url())

    assert texts(response, "h1") == ["We need each other to be brave"]
    assert texts(response, ".byline") == ["By Helen Sharp, published 5 January 2027"]
    assert texts(response, ".lede") == ["There is now a growing movement."]
    assert texts(response, ".prose") == ["I came to the world of co-production as a commissioner."]
    assert texts(response, "h2") == ["Tags", "Share this article"]
    assert links_in(response, "story") == [
        ("Helen Sharp", "/stories/?author=Helen%20Sharp"),
        ("Not Another Co-production Festival", "/festivals/nacpf/"),
        ("Co-production", "/stories/?tag=co-production"),
        ("Commissioning", "/stories/?tag=commissioning"),
    ]


def test_story_page_shares_by_email_copy_link_and_plain_links_to_social_sites(client):
    story = StoryFactory(title="Trust first: lessons & failures?", slug="trust-first")

    response = client.get(story.get_absolute_url())

    url = "https%3A%2F%2Fconvene.example%2Fstories%2Ftrust-first%2F"
    title = "Trust%20first%3A%20lessons%20%26%20failures%3F"
    assert links_in(response, "share-links") == [
        ("Email", f"mailto:?subject={title}&body={url}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={title}%20{url}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={url}"),
        ("WhatsApp", f"https://wa.me/?text={title}%20{url}"),
        ("X", f"https://x.com/intent/post?text={title}&url={url}"),
    ]
    html = response.content.decode()
    assert '<label for="story-link">Link to this article</label>' in html
    assert (
        '<input id="story-link" type="url" value="https://convene.example/stories/trust-first/"'
        ' readonly aria-describedby="story-link-hint">'
    ) in html
    # The copy button is for browsers that run the page's script; the input works without.
    assert '<button type="button" class="button" data-copy-link="story-link" hidden>' in html
    assert texts(response, ".share") == [
        "Share this article Link to this article Copy link Select the link to copy it. "
        "Email Bluesky Facebook LinkedIn WhatsApp X"
    ]


def test_story_page_loads_no_third_party_script_or_image(client):
    story = StoryFactory(body="Just words.")

    html = client.get(story.get_absolute_url()).content.decode()

    # One script, the site's copy button, served from this site, none inline.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script type="module" src="/static/js/copy-link.js">'
    ]
    assert "<img" not in html
    assert "<iframe" not in html


@pytest.mark.parametrize(
    ("status", "published_at"),
    [(Story.Status.DRAFT, None), (Story.Status.DRAFT, NOW - timedelta(days=1))],
)
def test_drafts_are_on_neither_the_list_nor_a_page_of_their_own(client, status, published_at):
    tag = TagFactory(name="Failure")
    draft = StoryFactory(
        title="Not yet", author="Linda", status=status, published_at=published_at, tags=[tag]
    )

    page = client.get(draft.get_absolute_url())
    listed = [
        client.get("/stories/", parameters)
        for parameters in ({}, {"tag": "failure"}, {"author": "Linda"})
    ]

    assert page.status_code == 404
    assert "Not yet" not in page.content.decode()
    assert [texts(response, ".empty") for response in listed] == [
        ["No stories have been published yet."],
        ["No published stories are tagged Failure yet."],
        ["No published stories by Linda."],
    ]


# Similar articles


def test_similar_articles_are_the_three_sharing_most_tags_ties_newest_first(client):
    a, b, c, d = (TagFactory(name=name) for name in "ABCD")
    story = StoryFactory(title="This story", published_at=on(1), tags=[a, b, c])
    StoryFactory(title="Three shared, oldest", published_at=on(1, year=2026), tags=[a, b, c, d])
    StoryFactory(title="Two shared, older", published_at=on(2), tags=[a, b])
    StoryFactory(title="Two shared, newer", published_at=on(6), tags=[b, c, d])
    StoryFactory(title="One shared, newest", published_at=on(9), tags=[c])
    StoryFactory(title="None shared", published_at=on(9), tags=[d])
    StoryFactory(
        title="Draft, three shared", status=Story.Status.DRAFT, published_at=None, tags=[a, b, c]
    )
    StoryFactory(title="Scheduled, three shared", published_at=on(20), tags=[a, b, c])

    response = client.get(story.get_absolute_url())

    assert texts(response, "h3") == [
        "Three shared, oldest",
        "Two shared, newer",
        "Two shared, older",
    ]


def test_similar_articles_are_only_stories_with_a_tag_in_common(client):
    a, b = TagFactory(name="A"), TagFactory(name="B")
    story = StoryFactory(title="This story", tags=[a])
    StoryFactory(title="One shared", tags=[a, b])
    StoryFactory(title="None shared", tags=[b])
    StoryFactory(title="No tags")
    untagged = StoryFactory(title="Untagged story")

    response = client.get(story.get_absolute_url())
    without_tags = client.get(untagged.get_absolute_url())

    assert texts(response, "h3") == ["One shared"]
    assert texts(without_tags, ".similar") == []
    assert "Similar articles" not in without_tags.content.decode()


def test_similar_articles_show_an_excerpt_the_author_and_a_title_that_links(client):
    tag = TagFactory(name="Co-production")
    story = StoryFactory(title="This story", tags=[tag])
    StoryFactory(
        title="Courage in Co-Production: A Day Festival",
        slug="courage",
        author="Mel Parks",
        standfirst="",
        body=(
            "## The day\n\nThe *Not Another Co-Production Festival* took place at Manchester's "
            "Museum of Science & Industry on Tuesday 5 July. <script>alert(1)</script>This "
            "special event, the first of its kind, a celebration and culmination of a year's "
            "work in Manchester, lived up to its name."
        ),
        published_at=on(2),
        tags=[tag],
    )
    StoryFactory(
        title="Co-Production: What is it, exactly?",
        slug="what-is-it",
        author="Linda",
        standfirst="Linda shared some of the history of co-production.",
        published_at=on(1),
        tags=[tag],
    )

    response = client.get(story.get_absolute_url())

    assert texts(response, ".similar-card") == [
        "Courage in Co-Production: A Day Festival by Mel Parks The day The Not Another "
        "Co-Production Festival took place at Manchester's Museum of Science & Industry on "
        "Tuesday 5 July. This special event, the first of its kind, a celebration and "
        "culmination of…",
        "Co-Production: What is it, exactly? by Linda Linda shared some of the history of "
        "co-production.",
    ]
    html = response.content.decode()
    assert (
        '<h3 class="card-title"><a class="similar-link" href="/stories/what-is-it/">'
        "Co-Production: What is it, exactly?</a></h3>"
    ) in html
    assert texts(response, "h2")[-1] == "Similar articles"


@pytest.mark.parametrize("count", [1, 3])
def test_story_page_queries_do_not_grow_with_tags_and_similar_stories(
    client, django_assert_num_queries, count
):
    tags = [TagFactory() for _ in range(count)]
    story = StoryFactory(title="This story", tags=tags, festival=FestivalFactory())
    for number in range(count):
        StoryFactory(title=f"Similar {number}", tags=tags[: number + 1], standfirst="")

    # The story with its festival, its tags, the similar stories; and the write-ups that link
    # back to it (events' writeups_of_story tag, in festival/_story_writeups.html); before
    # them the stamps of stories, write-ups, festivals and programmes (the page's version).
    with django_assert_num_queries(8):
        response = client.get(story.get_absolute_url())

    assert len(links_in(response, "tag-links")) == count
    assert len(texts(response, ".similar-card")) == count


# Markdown from people, on the page

NO_HREF = '<p><a rel="nofollow noopener">x</a></p>'
HOSTILE_BODIES = [
    ("<script>alert(1)</script>Hello", "<p>Hello</p>"),
    ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>After", "<p>After</p>"),
    ("<img src=x onerror=alert(1)>", "<p></p>"),
    (
        '<img src="https://example.org/a.png" onload="alert(1)" alt="a">',
        '<p><img src="https://example.org/a.png" alt="a"></p>',
    ),
    ("[x](javascript:alert(1))", NO_HREF),
    ("[x](  JaVaScRiPt:alert(1) )", NO_HREF),
    ('<a href="java&#115;cript:alert(1)">x</a>', NO_HREF),
    ('<a href="&#106;avascript:alert(1)">x</a>', NO_HREF),
    ("[x][evil]\n\n[evil]: javascript:alert(1)", NO_HREF),
    ("<javascript:alert(1)>", "<p></p>"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', NO_HREF),
    ("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "<p>x</p>"),
    # The quotes stay inside the title: text, not a new attribute.
    (
        '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
        '<p><a href="https://example.org" title="a\\&quot; onmouseover=\\&quot;alert(1)" '
        'rel="nofollow noopener">x</a></p>',
    ),
    # What is left reads "<script>", as text.
    ("<scr<script>ipt>alert(1)</scr</script>ipt>", "<p>&lt;script&gt;</p>"),
    ("<<script>script>alert(1)<</script>/script>", "<p>&lt;/script&gt;</p>"),
    ("<svg><script>alert(1)</script></svg>", "<p></p>"),
    ('<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">', ""),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>Text', "<p>Text</p>"),
    ('<object data="javascript:alert(1)"></object><embed src="x.swf">', "<p></p>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<p></p>"),
    (
        '<a href="https://example.org" target="_blank" rel="opener">x</a>',
        '<p><a href="https://example.org" rel="nofollow noopener">x</a></p>',
    ),
    ('<div onclick="alert(1)" style="position:fixed">Hi</div>', "Hi"),
    ('<form action="https://evil.example"><input name="password"></form>', ""),
]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize(("body", "expected"), HOSTILE_BODIES)
def test_story_page_renders_hostile_markdown_harmless(client, body, expected):
    story = StoryFactory(title="Hostile", body=body)

    html = client.get(story.get_absolute_url()).content.decode()

    prose = html.split('<div class="prose">', 1)[1].split("</div>\n  <footer", 1)[0]
    assert prose.strip() == expected
    # Whatever the exact HTML: only harmless elements, attributes and addresses.
    for tag, attributes in elements_of(prose):
        assert tag in {"p", "a", "img", "h2", "em", "strong", "code", "pre"}
        assert set(attributes) <= {"href", "src", "alt", "title", "rel"}
        for name in ("href", "src"):
            address = (attributes.get(name) or "").lower()
            assert address == "" or address.startswith(("https://", "/", "x")), address
        if tag == "a":
            assert attributes["rel"] == "nofollow noopener"
