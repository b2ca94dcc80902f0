"""An attendee on a phone: sign up, browse the timetable, book, join a waitlist, find both on
/me/, make and copy the calendar link, cancel."""

from icalendar import Calendar
from playwright.sync_api import expect

from events.bookings.services import book_place
from events.models import Session
from tests.browser.demo_site import FESTIVAL, PHONE
from tests.factories import UserFactory

BOOKED = "Evaluation that counts what matters"
FULL = "Mapping what's strong, not what's wrong"


def fill_session(ref: str) -> None:
    """Every place on the session taken by someone else, through the booking service."""
    session = Session.objects.get(ref=ref)
    for _ in range(session.capacity):
        book_place(user=UserFactory(), session=session)


def test_attendee_books_waits_subscribes_and_cancels_on_a_phone(open_page):
    fill_session("NACP-04")
    page = open_page(PHONE)
    page.goto("/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Sign up").click()
    page.get_by_label("Your name").fill("Robin Ash")
    page.get_by_label("Email").fill("robin.ash@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-browser-password")
    page.get_by_label("Password again").fill("a-long-browser-password")
    page.locator("main").get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("navigation", name="Site")).to_contain_text("My programme")

    page.goto(f"/festivals/{FESTIVAL}/")
    page.get_by_role("navigation", name="Festival").get_by_role("link", name="Programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme")
    # On a phone the timetable is one column: every card as wide as the list, none beside another.
    cards = page.locator(".session-card")
    expect(cards.first).to_be_visible()
    boxes = [cards.nth(index).bounding_box() for index in range(cards.count())]
    assert {box["x"] for box in boxes} == {boxes[0]["x"]}
    assert max(box["x"] + box["width"] for box in boxes) <= PHONE["width"]

    page.get_by_role("link", name=BOOKED).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BOOKED)
    page.get_by_role("button", name="Book a place").click()
    expect(page.locator(".message-success")).to_contain_text("Your place is booked.")
    expect(page.locator(".booking-text")).to_have_text("You have a place.")

    page.goto(f"/festivals/{FESTIVAL}/programme/")
    page.get_by_role("link", name=FULL).click()
    expect(page.locator(".booking-text")).to_contain_text("This session is full.")
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.locator(".message-success")).to_contain_text(
        "The session is full: you are number 1 on the waitlist."
    )

    page.get_by_role("navigation", name="Site").get_by_role("link", name="My programme").click()
    booked = page.locator(".my-session", has_text=BOOKED)
    waiting = page.locator(".my-session", has_text=FULL)
    expect(booked).to_be_visible()
    expect(waiting.locator(".my-session-position")).to_have_text(
        "You are number 1 on the waitlist."
    )

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Make my calendar link").click()
    link_field = page.get_by_label("Your private calendar link")
    link = link_field.input_value()
    assert "/calendar/" in link
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".subscribe-copied")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link
    feed = page.request.get(link)
    assert feed.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.text()).walk("VEVENT")
    assert sorted((str(event["SUMMARY"]), str(event["STATUS"])) for event in events) == [
        (BOOKED, "CONFIRMED"),
        (f"Waitlist #1: {FULL}", "TENTATIVE"),
    ]

    # A reload of the page that showed the link neither shows it again nor kills it.
    page.reload()
    expect(page.get_by_label("Your private calendar link")).to_have_count(0)
    assert page.request.get(link).status == 200

    booked.get_by_role("link", name="Cancel my place").click()
    expect(page.locator(".confirm-consequence")).to_contain_text("Your place goes straight to")
    page.get_by_role("button", name="Cancel my place").click()
    expect(page.locator(".message-success")).to_contain_text(
        f"Your place on “{BOOKED}” is cancelled."
    )
    expect(page.locator(".my-session", has_text=BOOKED)).to_have_count(0)
    expect(page.locator(".my-session", has_text=FULL)).to_be_visible()
