"""An organiser: import a CSV with a bad row and see its error, fix it, preview and confirm
(moving a session and adding one), see the move on "What's changed", then check an attendee
in at the door on a phone."""

import csv
import io

from playwright.sync_api import Page, expect

from events.bookings.services import book_place
from events.models import Session
from festival.models import User
from tests.browser.axe import axe_violations, describe
from tests.browser.demo_site import ATTENDEE, DESKTOP, FESTIVAL, ORGANISER, PHONE

MOVED = "Evaluation that counts what matters"
ADDED = "Walk and talk: the museum's own co-production story"


def edited_programme(current: str, *, new_row_room: str) -> tuple[str, int]:
    """The downloaded programme with NACP-09 moved to 15:15 and a row added at the end in
    `new_row_room`; the added row's line number (the header is line 1)."""
    rows = list(csv.DictReader(io.StringIO(current)))
    moved = next(row for row in rows if row["ref"] == "NACP-09")
    moved["start"], moved["end"] = "15:15", "16:45"
    added = dict(
        moved,
        ref="NACP-99",
        start="09:30",
        end="10:30",
        room=new_row_room,
        title=ADDED,
        format="happening",
        speakers="",
        capacity="15",
    )
    rows.append(added)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue(), len(rows) + 1


def upload(page: Page, content: str) -> None:
    page.get_by_label("Programme file (CSV)").set_input_files(
        files=[{"name": "programme.csv", "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.get_by_role("button", name="Check the file").click()


def test_organiser_imports_moves_a_session_and_checks_someone_in(open_page):
    book_place(user=User.objects.get(email=ATTENDEE), session=Session.objects.get(ref="NACP-02"))
    page = open_page(DESKTOP, as_user=ORGANISER)
    # Logging in lands an organiser on their festivals, each with its organiser pages.
    expect(page.get_by_role("heading", level=1)).to_have_text("Festivals you organise")
    page.locator(f"#festival-{FESTIVAL}").get_by_role("link", name="Import programme").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import the programme")
    current = page.request.get(f"/organise/{FESTIVAL}/programme.csv").text()

    bad, bad_line = edited_programme(current, new_row_room="The Ballroom")
    upload(page, bad)
    problems = page.locator(".problem-summary")
    expect(problems).to_contain_text("The file has 1 problem: nothing was imported")
    expect(problems.locator("li")).to_have_count(1)
    expect(problems.locator("li")).to_contain_text(f"Line {bad_line}:")
    expect(problems.locator("li")).to_contain_text("The Ballroom")
    violations = axe_violations(page)
    assert violations == [], describe({page.url: violations})

    fixed, _ = edited_programme(current, new_row_room="Quiet Room")
    upload(page, fixed)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the import")
    expect(page.get_by_role("heading", name="To add (1)")).to_be_visible()
    expect(page.locator("section", has_text="To add (1)")).to_contain_text(ADDED)
    changed = page.locator("section", has_text="To change (1)")
    expect(changed).to_contain_text(MOVED)
    violations = axe_violations(page)
    assert violations == [], describe({page.url: violations})
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".message-success")).to_contain_text(
        "Programme imported: 1 added, 1 changed, 25 unchanged."
    )

    page.goto(f"/festivals/{FESTIVAL}/")
    festival_links = page.get_by_role("navigation", name="Festival")
    festival_links.get_by_role("link", name="What’s changed").click()
    change = page.locator(".change-summary", has_text=MOVED)
    expect(change).to_contain_text("Moved:")
    expect(change).to_contain_text("15:15")
    page.get_by_role("link", name=MOVED).first.click()
    expect(page.locator(".lede")).to_contain_text("15:15–16:45")

    phone = open_page(PHONE, as_user=ORGANISER)
    phone.goto(f"/organise/{FESTIVAL}/check-in/")
    phone.get_by_label("Name or email").fill("alex")
    phone.get_by_role("button", name="Search").click()
    person = phone.locator(".check-in-person", has_text="Alex Taylor")
    expect(person).to_contain_text("We need each other to be brave")
    person.get_by_role("button", name="Check in").click()
    expect(phone.locator(".check-in-person", has_text="Alex Taylor")).to_contain_text(
        "Checked in at"
    )
    violations = axe_violations(phone)
    assert violations == [], describe({phone.url: violations})
    assert Session.objects.get(ref="NACP-02").attendances.get().checked_in_at is not None


def test_the_admin_works_under_the_content_security_policy(open_page):
    """Django's admin (a session's change form has its widgets' scripts) is refused nothing by
    the site's Content-Security-Policy."""
    page = open_page(DESKTOP, as_user=ORGANISER)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    session = Session.objects.get(ref="NACP-02")
    for path in (
        "/admin/",
        "/admin/events/session/",
        f"/admin/events/session/{session.pk}/change/",
        "/admin/festival/festival/",
    ):
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        page.wait_for_load_state("load")

    assert refused == []
