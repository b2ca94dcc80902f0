"""A speaker writes up their past session, links it to a Hub story, previews, publishes, and
finds it on the story's page."""

from playwright.sync_api import expect

from tests.browser.demo_site import DESKTOP, PAST_FESTIVAL, SPEAKER

SESSION = "Telling it straight: stories with the failures left in"
STORY = "Courage in Co-Production: A Day Festival"
TITLE = "What we left in: writing up with the failures showing"


def test_speaker_publishes_a_writeup_linked_to_a_story(open_page):
    page = open_page(DESKTOP, as_user=SPEAKER)
    page.goto(f"/festivals/{PAST_FESTIVAL}/programme/")
    page.get_by_role("link", name=SESSION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SESSION)
    expect(page.get_by_role("link", name="Write up this session")).to_be_visible()
    # /me/ reaches the write-up the speaker owes in one tap.
    page.goto("/me/")
    owed = page.locator(".my-speaking-session", has_text=SESSION)
    expect(owed.locator(".my-writeup-state")).to_have_text("Write-up: To write")
    owed.get_by_role("link", name="Write it up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Write up “{SESSION}”")

    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Summary", exact=True).fill(
        "Twelve people, one flip chart, and the stories we hide."
    )
    page.get_by_label("What happened", exact=True).fill(
        "We read our own reports aloud, *warts and all*."
    )
    page.get_by_label("Challenges and failures").fill("Nobody wanted to go first.")
    page.get_by_label("Find stories by title or author").fill("Courage")
    page.get_by_role("button", name="Find stories").click()
    stories = page.get_by_label("Hub stories it links back to")
    expect(stories.locator("option")).to_have_text([f"{STORY} – Mel Parks"])
    stories.select_option(label=f"{STORY} – Mel Parks")

    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".writeup-preview")
    expect(preview).to_contain_text("Not saved yet.")
    expect(preview.locator("em")).to_have_text("warts and all")
    expect(preview).to_contain_text(STORY)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".message-success")).to_contain_text("Published.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.goto("/me/")
    expect(
        page.locator(".my-speaking-session", has_text=SESSION).locator(".my-writeup-state")
    ).to_have_text("Write-up: Published")

    page.goto("/stories/")
    page.get_by_role("link", name=STORY).first.click()
    from_story = page.locator(".story-writeups")
    expect(from_story.get_by_role("link", name=TITLE)).to_be_visible()
    expect(from_story).to_contain_text("By Sam Rivers")
    expect(from_story).to_contain_text(f"Of {SESSION} at Courage in Co-Production Day")


def looks(page, selectors: list[str]) -> list[dict]:
    """What a reader sees of each element: its computed font and spacing."""
    return [
        page.locator(selector).first.evaluate(
            """(element) => {
                const style = getComputedStyle(element);
                return {
                    fontSize: style.fontSize, fontWeight: style.fontWeight,
                    lineHeight: style.lineHeight, marginTop: style.marginTop,
                    marginBottom: style.marginBottom, width: element.getBoundingClientRect().width,
                };
            }"""
        )
        for selector in selectors
    ]


def test_enter_previews_and_the_preview_looks_like_the_published_page(open_page):
    page = open_page(DESKTOP, as_user=SPEAKER)
    page.goto(f"/festivals/{PAST_FESTIVAL}/programme/")
    page.get_by_role("link", name=SESSION).click()
    page.get_by_role("link", name="Write up this session").click()
    form_url = page.url
    page.get_by_label("Summary", exact=True).fill("Twelve people, one flip chart.")
    page.get_by_label("What happened", exact=True).fill(
        "## Morning\n\nWe read our reports aloud.\n\n### After lunch\n\nNobody went first."
    )
    page.get_by_label("Title", exact=True).fill(TITLE)

    # Enter in the search box finds stories; Enter in the title previews, saving nothing.
    page.get_by_label("Find stories by title or author").fill("Courage")
    page.get_by_label("Find stories by title or author").press("Enter")
    expect(page.locator(".story-search-note")).to_have_text("1 story matches “Courage”.")
    expect(page.locator(".writeup-preview")).to_have_count(0)
    page.get_by_label("Title", exact=True).press("Enter")
    preview = page.locator(".writeup-preview")
    expect(preview).to_contain_text("Not saved yet.")
    expect(preview.locator(".writeup-title")).to_have_text(TITLE)
    assert page.url == form_url
    in_preview = looks(
        page,
        [
            ".writeup-preview .writeup-title",
            ".writeup-preview .writeup-summary",
            ".writeup-preview .writeup-part-heading",
            ".writeup-preview .prose h5",
            ".writeup-preview .prose h6",
            ".writeup-preview .prose p",
        ],
    )

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    published = looks(
        page,
        [
            ".writeup-title",
            ".writeup-summary",
            ".writeup-part-heading",
            ".prose h3",
            ".prose h4",
            ".prose p",
        ],
    )

    assert in_preview == published
    assert [shown["fontSize"] for shown in published] == [
        "32px", "18.4px", "22.4px", "17.6px", "16px", "16px"
    ]  # fmt: skip
