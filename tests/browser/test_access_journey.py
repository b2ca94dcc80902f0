"""Access on a phone: a person who needs step-free access says so once on /me/, filters the
programme to what works for them, books; the organiser moves the session into a room with
steps and is warned (the move is not refused), on the editor and on the session's people
page."""

import re

from playwright.sync_api import expect

from events.models import Session
from festival.models import Festival
from tests.browser.demo_site import ATTENDEE, FESTIVAL, ORGANISER, PHONE, SCREENSHOTS

SESSION = "Failures we learned from"
WARNING = "Workshop Room has no step-free access; 1 person booked needs it."


def test_step_free_needs_filter_book_and_warn_the_organiser_after_a_move(open_page):
    page = open_page(PHONE, as_user=ATTENDEE)
    page.goto("/me/")
    # With the keyboard only: Space ticks the box, Enter on the button saves.
    needs = page.get_by_role("group", name="What do you need to take part?").first
    step_free = needs.get_by_label("Step-free access", exact=False)
    step_free.focus()
    page.keyboard.press("Space")
    expect(step_free).to_be_checked()
    page.get_by_role("button", name="Save my access needs").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".message-success")).to_contain_text("Access needs saved.")

    day = Festival.objects.get(slug=FESTIVAL).start_date.isoformat()
    page.goto(f"/festivals/{FESTIVAL}/programme/?day={day}")
    filters = page.get_by_role("group", name="Access: show sessions that provide all of")
    # "I use a wheelchair and need captions": two ticks.
    filters.get_by_label("Step-free access").check()
    filters.get_by_label("Live captions").check()
    page.get_by_role("button", name="Show sessions").click()
    expect(page).to_have_url(re.compile(r"[?&]access=step-free&access=captions(&|$)"))
    cards = page.locator(".session-card")
    expect(cards.first).to_be_visible()
    # The captioned conversation in the Workshop Room (two steps down) is not among them.
    expect(page.locator(".session-card", has_text="A seat at the table")).to_have_count(0)
    expect(page.locator(".session-card", has_text="Workshop Room")).to_have_count(0)
    expect(page.locator(".session-card", has_text=SESSION).locator(".session-access")).to_have_text(
        "Access: Step-free access (room), Hearing loop (room), Seating available throughout "
        "(room), Live captions, Can be joined online"
    )
    page.screenshot(path=SCREENSHOTS / "390" / "programme-access-filter.png", full_page=True)

    page.get_by_role("link", name=SESSION).click()
    # A drop-in conversation: booking it puts it in the programme, and the organisers count it.
    page.get_by_role("button", name="Add to my programme").click()
    expect(page.locator(".message-success")).to_contain_text("is in your programme")

    organiser = open_page(PHONE, as_user=ORGANISER)
    session = Session.objects.get(title=SESSION)
    organiser.goto(f"/organise/{FESTIVAL}/sessions/{session.slug}/move/")
    organiser.get_by_label("Room").select_option("Workshop Room")
    organiser.get_by_label("Starts").fill("16:00")  # the Workshop Room is free from then
    organiser.get_by_label("Ends").fill("")
    organiser.get_by_role("button", name="Save and publish").click()

    expect(organiser.locator(".message-warning")).to_contain_text(WARNING)
    session.refresh_from_db()
    assert session.room.name == "Workshop Room"
    organiser.goto(f"/organise/{FESTIVAL}/sessions/{session.slug}/")
    expect(organiser.locator(".access-warnings")).to_contain_text(WARNING.rstrip("."))
    expect(organiser.locator(".need-sums")).to_contain_text(
        "1 person booked needs step-free access"
    )
    organiser.screenshot(path=SCREENSHOTS / "390" / "organise-session-access.png", full_page=True)
