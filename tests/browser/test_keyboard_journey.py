"""Keyboard only: log in and book a place with Tab and Enter, the focus visible at every step
(an outline or a box-shadow on the focused element)."""

from playwright.sync_api import Page, expect

from tests.browser.demo_site import ATTENDEE, DEMO_PASSWORD, DESKTOP, FESTIVAL

SESSION = "Beyond consultation: commissioning with people, not for them"
MOST_TABS = 80

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) { return null; }
  const style = getComputedStyle(element);
  return {
    element: element.tagName.toLowerCase() + (element.id ? "#" + element.id : ""),
    name: (element.innerText || element.value || element.getAttribute("aria-label") || "").trim(),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
  };
}"""


def tab_to(page: Page, name: str) -> list[dict]:
    """Press Tab until the focused element is named `name`; every element passed on the way
    whose focus could not be seen."""
    unseen = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None, "Tab left the page without reaching " + name
        if not (focused["outline"] or focused["shadow"]):
            unseen.append(focused)
        if focused["name"] == name:
            return unseen
    raise AssertionError(f"{MOST_TABS} presses of Tab did not reach {name!r}")


def test_keyboard_user_logs_in_and_books_with_focus_always_visible(open_page):
    page = open_page(DESKTOP)
    page.goto(f"/festivals/{FESTIVAL}/")
    unseen = tab_to(page, "Log in")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    # The email field has the focus already (autofocus): type, then Tab on to the password.
    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type(ATTENDEE)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    expect(page.get_by_label("Email")).to_have_value(ATTENDEE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Not Another Co-Production")

    unseen += tab_to(page, "Programme")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme")
    unseen += tab_to(page, SESSION)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(SESSION)
    unseen += tab_to(page, "Book a place")
    page.keyboard.press("Enter")

    expect(page.locator(".message-success")).to_contain_text("Your place is booked.")
    expect(page.locator(".booking-text")).to_have_text("You have a place.")
    assert unseen == []
