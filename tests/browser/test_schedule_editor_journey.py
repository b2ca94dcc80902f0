"""An organiser changes the programme in the browser: on a desktop they drag a session to
another room and time and publish it; on a phone they move one with the keyboard form and
publish it at once. The person booked hears of each once."""

from playwright.sync_api import Page, expect

from events.bookings.services import book_place
from events.models import ChangeNotice, ScheduleChange, Session
from festival.models import Festival, User
from tests.browser.demo_site import ATTENDEE, DESKTOP, FESTIVAL, ORGANISER, PHONE, SCREENSHOTS

DRAGGED = "A seat at the table, or the whole table?"
MOVED_ON_A_PHONE = "Failures we learned from"


def first_day() -> str:
    return Festival.objects.get(slug=FESTIVAL).start_date.isoformat()


def local(session: Session) -> tuple[str, str, str]:
    zone = session.festival.zone
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    return session.room.name, f"{start:%H:%M}", f"{end:%H:%M}"


def drag(page: Page, title: str, *, to_room: str, by_slots: int) -> None:
    """Drag a card by its title to another room's column, `by_slots` 5-minute rows up (<0)
    or down, with the mouse, as a person would."""
    card = page.locator("article.editor-card", has=page.get_by_role("link", name=title))
    # The mouse works in the window: bring the card into its lower part, with room above it
    # to move up ("instant": the site scrolls smoothly, and the boxes are read at once).
    card.evaluate(
        "card => window.scrollBy({top: card.getBoundingClientRect().top - 600,"
        " behavior: 'instant'})"
    )
    title_box = card.locator(".editor-card-meta").bounding_box()
    column = page.locator(".editor-room", has_text=to_room).bounding_box()
    hour = page.locator(".editor-hour").first.bounding_box()
    slot = hour["height"] / 12
    start_x, start_y = title_box["x"] + 5, title_box["y"] + title_box["height"] / 2
    end_x = column["x"] + column["width"] / 2 - (title_box["width"] / 2 - 5)
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    steps = 12
    for step in range(1, steps + 1):
        page.mouse.move(
            start_x + (end_x - start_x) * step / steps,
            start_y + by_slots * slot * step / steps,
        )
    page.mouse.up()


def test_an_organiser_drags_a_session_to_another_room_and_publishes(open_page):
    attendee = User.objects.get(email=ATTENDEE)
    seat = Session.objects.get(title=DRAGGED)
    book_place(user=attendee, session=seat)
    assert local(seat) == ("Workshop Room", "13:30", "14:30")
    page = open_page(DESKTOP, as_user=ORGANISER)
    page.goto(f"/festivals/{FESTIVAL}/")
    page.get_by_role("link", name="Schedule editor").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schedule editor")

    # 13:30 to 10:00 is 42 rows of 5 minutes up.
    with page.expect_navigation():
        drag(page, DRAGGED, to_room="Quiet Room", by_slots=-42)

    expect(page.locator(".message-success")).to_contain_text("is saved as a draft")
    expect(page.locator(".editor-drafts")).to_contain_text("1 unpublished change")
    page.screenshot(path=SCREENSHOTS / "1280" / "schedule-editor-draft.png", full_page=True)
    seat.refresh_from_db()
    assert (local(seat), seat.sequence) == (("Workshop Room", "13:30", "14:30"), 0)

    page.get_by_role("link", name="Review and publish").click()
    expect(page.locator("td").nth(3)).to_contain_text("10:00–11:00, Quiet Room")
    page.get_by_label("A note for").fill("The Workshop Room is needed for a rehearsal.")
    page.get_by_role("button", name="Publish 1 change").click()

    expect(page.locator(".message-success")).to_contain_text("1 change published")
    seat.refresh_from_db()
    assert (local(seat), seat.sequence) == (("Quiet Room", "10:00", "11:00"), 1)
    assert ChangeNotice.objects.filter(user=attendee).count() == 1
    page.goto(f"/festivals/{FESTIVAL}/changes/")
    expect(page.locator("main")).to_contain_text("The Workshop Room is needed for a rehearsal.")


def test_an_organiser_moves_a_session_on_a_phone_with_the_keyboard_and_publishes(open_page):
    failures = Session.objects.get(title=MOVED_ON_A_PHONE)
    book_place(user=User.objects.get(email=ATTENDEE), session=failures)
    assert local(failures) == ("Main Hall", "15:00", "16:00")
    page = open_page(PHONE, as_user=ORGANISER)
    page.goto(f"/organise/{FESTIVAL}/schedule/?day={first_day()}")
    card = page.locator("article.editor-card", has=page.get_by_role("link", name=MOVED_ON_A_PHONE))

    card.get_by_role("link", name=f"Move {MOVED_ON_A_PHONE}").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Move “{MOVED_ON_A_PHONE}”")
    page.get_by_label("Room").focus()
    page.get_by_label("Room").select_option("Workshop Room")
    page.get_by_label("Starts").fill("16:00")
    page.get_by_label("Ends").fill("")
    page.get_by_role("button", name="Save and publish").focus()
    page.screenshot(path=SCREENSHOTS / "390" / "schedule-editor-move.png", full_page=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator(".message-success")).to_contain_text(f"“{MOVED_ON_A_PHONE}” is published")
    failures.refresh_from_db()
    assert (local(failures), failures.sequence) == (("Workshop Room", "16:00", "17:00"), 1)
    assert ScheduleChange.objects.filter(session=failures).count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the editor scrolls sideways on a phone: {width} px"


def test_an_organiser_adds_a_pop_up_to_the_tray_and_drags_it_into_a_room(open_page):
    page = open_page(DESKTOP, as_user=ORGANISER)
    page.goto(f"/organise/{FESTIVAL}/schedule/?day={first_day()}")
    page.get_by_role("link", name="Add a session", exact=True).click()
    page.get_by_label("Title").fill("Pop-up: open mic")
    page.get_by_label("Format").select_option("happening")
    page.get_by_label("Date").fill("")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".editor-tray")).to_contain_text("Pop-up: open mic")

    grip = page.locator(".editor-tray-item .editor-grip")
    grip.scroll_into_view_if_needed()
    start = grip.bounding_box()
    column = page.locator(".editor-room", has_text="Quiet Room").bounding_box()
    hour = page.locator(".editor-hour").first.bounding_box()
    # The grid opens at 09:00: an hour down from its first hour mark is 10:00.
    target_y = hour["y"] + hour["height"] + 2
    page.mouse.move(start["x"] + 3, start["y"] + 3)
    page.mouse.down()
    for step in range(1, 13):
        page.mouse.move(
            start["x"] + (column["x"] + 20 - start["x"]) * step / 12,
            start["y"] + (target_y - start["y"]) * step / 12,
        )
    with page.expect_navigation():
        page.mouse.up()

    expect(page.locator(".message-success")).to_contain_text("is saved as a draft")
    card = page.locator("article.editor-card", has=page.get_by_role("link", name="Pop-up"))
    expect(card.locator(".editor-card-meta")).to_have_text("10:00–11:00, Quiet Room")
    expect(card.locator(".editor-badge")).to_have_text("Draft: new")
    assert not Session.objects.filter(title="Pop-up: open mic").exists()
