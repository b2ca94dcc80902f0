"""The layout in a real browser: nothing scrolls sideways on a 390 px phone whatever the data
(every main page, in every state a visitor, an attendee and an organiser meet, with a
200-character one-word session title, account name, room name and speaker name); "Log out"
never alone on a line; a session's people as cards on a phone."""

import csv
import io

import pytest
from playwright.sync_api import Page

from events.bookings.services import book_place, check_in
from events.models import Attendance, Session
from festival.models import Festival, Room, Speaker, User
from tests.browser.demo_site import (
    ATTENDEE,
    DESKTOP,
    FESTIVAL,
    ORGANISER,
    PAST_FESTIVAL,
    PHONE,
    SCREENSHOTS,
    SPEAKER,
)
from tests.factories import UserFactory

LONG_WORD = "Co" + "production" * 19 + "ing"
assert len(LONG_WORD) == 195
LONG_TITLE = f"{LONG_WORD}Title"
LONG_NAME = f"{LONG_WORD}Names"
LONG_ROOM = f"{LONG_WORD}Rooms"
LONG_SPEAKER = f"{LONG_WORD}Talks"
LONG_EMAIL = f"{'long' * 30}@{'example' * 10}.org"
SESSION = "we-need-each-other-to-be-brave"
WAITLISTED = "mapping-whats-strong-not-whats-wrong"
PAST_SESSION = "telling-it-straight-stories-with-the-failures-left-in"


def long_data() -> None:
    """The demo with the longest words it accepts: the attendee's name, a session's title, its
    room and its speaker; the attendee has a place on it and waits for another; someone with a
    long email has a place too."""
    session = Session.objects.get(ref="NACP-02")
    session.title = LONG_TITLE
    session.save()
    room = Room.objects.get(pk=session.room_id)
    room.name = LONG_ROOM
    room.save()
    speaker = Speaker.objects.get(festival__slug=FESTIVAL, slug="helen-sharp")
    speaker.name = LONG_SPEAKER
    speaker.save()
    attendee = User.objects.get(email=ATTENDEE)
    attendee.name = LONG_NAME
    attendee.save()
    book_place(user=attendee, session=session)
    Attendance.objects.filter(user=attendee, session=session).update(
        access_needs=f"Needs {LONG_WORD}"
    )
    book_place(user=UserFactory(email=LONG_EMAIL, name=LONG_NAME), session=session)
    past = Session.objects.get(festival__slug=PAST_FESTIVAL, slug=PAST_SESSION)
    past.title = f"{LONG_WORD}Past"
    past.save()
    full = Session.objects.get(ref="NACP-04")
    for _ in range(full.capacity):
        book_place(user=UserFactory(), session=full)
    book_place(user=attendee, session=full)


def page_width(page: Page, path: str) -> int:
    response = page.goto(path)
    assert response.ok, f"{path} answered {response.status}"
    page.screenshot(path=SCREENSHOTS / "390-long" / f"{path.strip('/').replace('/', '_')}.png")
    return page.evaluate("document.documentElement.scrollWidth")


def too_wide(page: Page, paths: list[str]) -> dict[str, int]:
    widths = {path: page_width(page, path) for path in paths}
    return {path: width for path, width in widths.items() if width > PHONE["width"]}


def test_no_page_scrolls_sideways_at_390_px_with_long_words(open_page):
    long_data()
    public = [
        "/",
        "/stories/",
        "/stories/courage-in-co-production-a-day-festival/",
        "/write-ups/",
        "/write-ups/a-year-of-co-production-in-manchester-looking-back/",
        f"/festivals/{FESTIVAL}/",
        f"/festivals/{FESTIVAL}/programme/",
        f"/festivals/{FESTIVAL}/sessions/{SESSION}/",
        f"/festivals/{FESTIVAL}/speakers/helen-sharp/",
        f"/festivals/{FESTIVAL}/changes/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    attendee = [
        "/me/",
        "/",
        f"/festivals/{FESTIVAL}/programme/",
        f"/festivals/{FESTIVAL}/sessions/{SESSION}/",
        f"/festivals/{FESTIVAL}/sessions/{WAITLISTED}/",
    ]
    speaker = [
        "/me/",
        f"/festivals/{PAST_FESTIVAL}/programme/",
        f"/festivals/{PAST_FESTIVAL}/sessions/{PAST_SESSION}/",
        f"/festivals/{PAST_FESTIVAL}/sessions/{PAST_SESSION}/write-up/",
    ]
    organiser = [
        f"/organise/{FESTIVAL}/",
        f"/organise/{FESTIVAL}/sessions/{SESSION}/",
        f"/organise/{FESTIVAL}/check-in/?q={LONG_NAME[:20]}&day=all",
        f"/organise/{FESTIVAL}/import/",
        f"/organise/{FESTIVAL}/schedule/",
        f"/organise/{FESTIVAL}/sessions/{SESSION}/edit/",
        f"/organise/{FESTIVAL}/sessions/new/",
        f"/organise/{FESTIVAL}/publish/",
    ]

    found = too_wide(open_page(PHONE), public)
    found |= {
        f"attendee {path}": width
        for path, width in too_wide(open_page(PHONE, as_user=ATTENDEE), attendee).items()
    }
    found |= {
        f"speaker {path}": width
        for path, width in too_wide(open_page(PHONE, as_user=SPEAKER), speaker).items()
    }
    organiser_page = open_page(PHONE, as_user=ORGANISER)
    found |= {
        f"organiser {path}": width for path, width in too_wide(organiser_page, organiser).items()
    }
    found |= {
        f"organiser {path}": width for path, width in import_preview_width(organiser_page).items()
    }

    assert found == {}


def import_preview_width(page: Page) -> dict[str, int]:
    preview_an_import_with_long_words(page)
    page.screenshot(path=SCREENSHOTS / "390-long" / "import-preview.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    return {"import preview": width} if width > PHONE["width"] else {}


def preview_an_import_with_long_words(page: Page) -> None:
    """The import's preview of a file adding a session with a long title and speaker."""
    current = page.request.get(f"/organise/{FESTIVAL}/programme.csv").text()
    rows = list(csv.DictReader(io.StringIO(current)))
    added = dict(
        rows[0],
        ref="NACP-LONG",
        title=f"{LONG_WORD}Added",
        speakers=f"{LONG_SPEAKER} <long@example.org>",
        start="17:00",
        end="17:30",
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows([*rows, added])
    page.goto(f"/organise/{FESTIVAL}/import/")
    page.get_by_label("Programme file (CSV)").set_input_files(
        files=[
            {
                "name": "programme.csv",
                "mimeType": "text/csv",
                "buffer": out.getvalue().encode(),
            }
        ]
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    problems = page.locator(".problem-summary")
    assert problems.count() == 0, problems.inner_text()
    page.get_by_role("heading", name="To add (1)").wait_for()


def test_import_preview_on_a_desktop_shows_every_column_of_a_long_title(open_page):
    page = open_page(DESKTOP, as_user=ORGANISER)
    preview_an_import_with_long_words(page)

    region = page.locator("section", has_text="To add (1)").locator(".table-scroll")
    assert region.evaluate("element => element.scrollWidth <= element.clientWidth")
    for column in ("Line", "Ref", "Title", "When", "Room", "Format", "Speakers"):
        box = region.get_by_role("columnheader", name=column, exact=True).bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"], column


def middle(box: dict) -> float:
    return box["y"] + box["height"] / 2


def test_log_out_stays_on_the_line_of_the_name_on_a_phone(open_page):
    for email in (ATTENDEE, SPEAKER, ORGANISER):
        page = open_page(PHONE, as_user=email)
        page.goto("/me/")
        name = page.locator(".nav-account a").bounding_box()
        log_out = page.get_by_role("button", name="Log out").bounding_box()

        assert abs(middle(name) - middle(log_out)) <= 2, email


def test_session_people_are_cards_with_access_needs_and_check_in_on_a_phone(open_page):
    session = Session.objects.get(ref="NACP-02")
    attendee = User.objects.get(email=ATTENDEE)
    book_place(user=attendee, session=session)
    Attendance.objects.filter(user=attendee).update(access_needs="A seat near the door")
    check_in(attendance=Attendance.objects.get(user=attendee, session=session))
    page = open_page(PHONE, as_user=ORGANISER)
    page.goto(f"/organise/{FESTIVAL}/sessions/{SESSION}/")

    card = page.locator("table.going-table tbody tr", has_text="Alex Taylor")
    needs = card.locator("td", has_text="A seat near the door")
    checked_in = card.locator('td[data-label="Checked in"]')
    for cell in (needs, checked_in):
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    region = page.locator(".table-scroll", has=card)
    assert region.evaluate("element => element.scrollWidth <= element.clientWidth")


def card_heights(page: Page, day: str) -> list[tuple[str, float, float]]:
    """Each session card of the day: its title, minutes long, and height in pixels."""
    page.goto(f"/festivals/{FESTIVAL}/programme/?day={day}")
    return page.locator(".session-card").evaluate_all(
        """cards => cards.map(card => {
            const [start, end] = [...card.querySelectorAll("time")].map(
                time => new Date(time.getAttribute("datetime")));
            return [card.querySelector(".session-title a").textContent,
                    (end - start) / 60000, card.getBoundingClientRect().height];
        })"""
    )


def test_desktop_timetable_is_to_scale_on_every_day_and_in_every_room(open_page):
    first, second = Festival.objects.get(slug=FESTIVAL).days()[:2]
    page = open_page(DESKTOP)
    cards = card_heights(page, first.isoformat()) + card_heights(page, second.isoformat())
    one_hour = {title: height for title, minutes, height in cards if minutes == 60}

    # Two one-hour sessions, in different rooms on different days, with more and less to say.
    assert (
        one_hour["What does courage look like on a Tuesday?"]
        == one_hour["Mapping what's strong, not what's wrong"]
    )
    hour = one_hour["What does courage look like on a Tuesday?"]
    assert set(one_hour.values()) == {hour}
    assert [(title, height) for title, minutes, height in cards] == [
        (title, pytest.approx(hour * minutes / 60, abs=0.5)) for title, minutes, _ in cards
    ]
