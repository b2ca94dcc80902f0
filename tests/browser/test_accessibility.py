"""axe-core on every public and organiser page, at a phone's width and a desktop's: no serious
or critical violations. Each page is also saved as a screenshot for a person to look at."""

import pytest
from playwright.sync_api import Page

from events.bookings.services import book_place
from events.models import Session
from festival.models import User
from tests.browser.axe import AXE_SCRIPT, axe_violations, describe
from tests.browser.demo_site import (
    ATTENDEE,
    DESKTOP,
    FESTIVAL,
    ORGANISER,
    PHONE,
    SCREENSHOTS,
    SPEAKER,
    missing,
)
from tests.factories import UserFactory

SESSION = "we-need-each-other-to-be-brave"
# In the Workshop Room (two steps down): its people page warns of the attendee's needs.
NEEDS_SESSION = "mapping-whats-strong-not-whats-wrong"
PUBLIC_PAGES = {
    "hub-home": "/",
    "stories": "/stories/",
    "story": "/stories/courage-in-co-production-a-day-festival/",
    "festival": f"/festivals/{FESTIVAL}/",
    "programme": f"/festivals/{FESTIVAL}/programme/",
    "session": f"/festivals/{FESTIVAL}/sessions/{SESSION}/",
    "speaker": f"/festivals/{FESTIVAL}/speakers/helen-sharp/",
    "changes": f"/festivals/{FESTIVAL}/changes/",
    "festival-access": f"/festivals/{FESTIVAL}/access/",
    "access-glossary": "/access/",
    "programme-access-filter": f"/festivals/{FESTIVAL}/programme/?access=step-free&access=seating",
    "programme-access-none": f"/festivals/{FESTIVAL}/programme/?access=bsl",
    "write-ups": "/write-ups/",
    "write-up": "/write-ups/a-year-of-co-production-in-manchester-looking-back/",
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
}
ATTENDEE_PAGES = {
    "my-programme": "/me/",
    "account": "/accounts/",
    "cancel-confirm": f"/festivals/{FESTIVAL}/sessions/{SESSION}/cancel/",
    "session-booked": f"/festivals/{FESTIVAL}/sessions/{SESSION}/",
    "session-waitlisted": f"/festivals/{FESTIVAL}/sessions/mapping-whats-strong-not-whats-wrong/",
}
# A speaker's /me/: their sessions and the write-ups they owe.
SPEAKER_PAGES = {"my-programme-speaker": "/me/"}
ORGANISER_PAGES = {
    "organise-home": "/organise/",
    "organise-bookings": f"/organise/{FESTIVAL}/",
    "organise-session-needs": f"/organise/{FESTIVAL}/sessions/{NEEDS_SESSION}/",
    "organise-session": f"/organise/{FESTIVAL}/sessions/{SESSION}/",
    "check-in": f"/organise/{FESTIVAL}/check-in/?q=alex",
    "import": f"/organise/{FESTIVAL}/import/",
    "schedule-editor": f"/organise/{FESTIVAL}/schedule/",
    "session-edit": f"/organise/{FESTIVAL}/sessions/{SESSION}/edit/",
    "session-new": f"/organise/{FESTIVAL}/sessions/new/",
    "publish": f"/organise/{FESTIVAL}/publish/",
}


def attendee_with_a_place_and_a_waitlist_spot() -> None:
    """And with access needs: the organiser's pages show their sums and warnings."""
    attendee = User.objects.get(email=ATTENDEE)
    attendee.access_need_codes = ["step-free", "captions"]
    attendee.access_needs_note = "A seat near the door."
    attendee.save()
    book_place(user=attendee, session=Session.objects.get(ref="NACP-02"))
    full = Session.objects.get(ref="NACP-04")
    for _ in range(full.capacity):
        book_place(user=UserFactory(), session=full)
    book_place(user=attendee, session=full)


def check_pages(page: Page, pages: dict[str, str], *, width: int) -> dict[str, list]:
    """Each page's serious and critical violations, and anything its Content-Security-Policy
    refused (only pages that have some); a full-page screenshot of each under
    test-artifacts/screenshots/<width>/."""
    found = {}
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for name, path in pages.items():
        refused.clear()
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        assert page.url.endswith(path), f"{path} went to {page.url}"
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.screenshot(path=SCREENSHOTS / str(width) / f"{name}.png", full_page=True)
        violations = axe_violations(page)
        violations += [
            {"id": "content-security-policy", "impact": "serious", "help": text, "targets": []}
            for text in refused
        ]
        if violations:
            found[f"{name} ({path})"] = violations
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_have_no_serious_accessibility_violations(open_page, viewport):
    if not AXE_SCRIPT.exists():
        missing("needs axe-core: run `npm ci`")
    attendee_with_a_place_and_a_waitlist_spot()
    width = viewport["width"]

    found = check_pages(open_page(viewport), PUBLIC_PAGES, width=width)
    found |= check_pages(open_page(viewport, as_user=ATTENDEE), ATTENDEE_PAGES, width=width)
    found |= check_pages(open_page(viewport, as_user=SPEAKER), SPEAKER_PAGES, width=width)
    found |= check_pages(open_page(viewport, as_user=ORGANISER), ORGANISER_PAGES, width=width)

    assert found == {}, describe(found)
