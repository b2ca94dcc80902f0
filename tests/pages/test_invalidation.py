"""A cached page changes the moment what it shows changes: each test visits first (so the page
is cached), changes something the way people do, and visits again."""

from datetime import timedelta

from django.test import Client

from events.bookings.services import book_place, cancel_booking, change_capacity
from events.enums import SessionStatus
from events.models import Session
from events.schedule_editor.services import moved, save_session_edit, version_of, with_status
from events.writeups.services import WriteUpContent, create_writeup
from tests.factories import StoryFactory, TagFactory, UserFactory
from tests.html import texts
from tests.pages.conftest import at, signed_in
from tests.pages.pages import panel


def visit(url: str):
    """An anonymous visit, as a new visitor makes it."""
    response = Client().get(url)
    assert response.status_code == 200
    return response


def cards(response) -> list[str]:
    return texts(response, "article.session-card")


def edit_session(site, session: Session, change) -> None:
    """An organiser's edit in the schedule editor, published at once."""
    saved = save_session_edit(
        festival=site.festival,
        session=session,
        change=change,
        started_from=version_of(session, None),
        by=site.organiser,
        publish=True,
    )
    assert saved.published


def test_a_session_moved_in_the_schedule_editor_moves_on_every_page(site, clock):
    urls = site.urls()
    pages = ("festival-programme", "session-detail", "speaker-detail", "festival-changes")
    before = {name: visit(urls[name]) for name in pages}
    clock.shift(timedelta(minutes=1))

    edit_session(
        site,
        site.zine,
        lambda row: moved(row, room="Hall", date="2027-07-05", start="17:30", end="18:30"),
    )

    after = {name: visit(urls[name]) for name in pages}
    assert [card for card in cards(after["festival-programme"]) if "zine" in card] == [
        "17:30–18:30 Making a zine Hall · Workshop · Full: waitlist open (2 places) "
        "With Mel Parks Themes: Housing Access: Step-free access (room)"
    ]
    assert texts(after["session-detail"], "p.lede") == ["Mon 5 July 2027, 17:30–18:30 BST"]
    assert texts(after["speaker-detail"], ".session-item")[1].startswith("Making a zine")
    assert "17:30" in texts(after["speaker-detail"], ".session-item")[1]
    assert len(texts(after["festival-changes"], "li.change")) == 1
    assert texts(before["festival-changes"], "li.change") == []
    for name in pages:
        assert after[name]["ETag"] != before[name]["ETag"], name


def test_a_session_saved_with_new_times_moves_on_the_programme_and_its_page(site, clock):
    urls = site.urls()
    before = visit(urls["session-detail"]), visit(urls["festival-programme"])
    clock.shift(timedelta(minutes=1))

    site.walk.start, site.walk.end = at(5, 16, 30), at(5, 17, 30)
    site.walk.save()

    page, programme = visit(site.walk.get_absolute_url()), visit(urls["festival-programme"])
    assert texts(page, "p.lede") == ["Mon 5 July 2027, 16:30–17:30 BST"]
    assert [card for card in cards(programme) if "Garden walk" in card] == [
        "16:30–17:30 Garden walk Hall · Talk · 20 places Access: Step-free access (room)"
    ]
    assert programme["ETag"] != before[1]["ETag"]


def test_a_cancelled_session_says_so_on_its_card_and_page(site, clock):
    urls = site.urls()
    before = visit(urls["festival-programme"]), visit(site.walk.get_absolute_url())
    clock.shift(timedelta(minutes=1))

    edit_session(site, site.walk, lambda row: with_status(row, SessionStatus.CANCELLED))

    programme, page = visit(urls["festival-programme"]), visit(site.walk.get_absolute_url())
    assert [card for card in cards(programme) if "Garden walk" in card] == [
        "16:00–17:00 Garden walk Cancelled Hall · Talk · 20 places Access: Step-free access (room)"
    ]
    assert texts(page, "p.notice-cancelled") == ["Cancelled. This session will not take place."]
    assert panel(page) == ["Booking This session has been cancelled, so it cannot be booked."]
    assert programme["ETag"] != before[0]["ETag"]
    assert page["ETag"] != before[1]["ETag"]


def test_a_published_writeup_shows_on_its_session_the_list_and_the_story_it_links(site, clock):
    urls = site.urls()
    session_url = site.opening.get_absolute_url()
    before = [visit(url) for url in (session_url, urls["writeup-list"], urls["story-detail"])]
    clock.shift(timedelta(minutes=1))

    create_writeup(
        session=site.opening,
        author=site.organiser,
        content=WriteUpContent(
            title="Circles, seen from the door",
            summary="Who came, and why.",
            body="Forty people.",
            stories=(site.story,),
        ),
        publish=True,
    )

    after = [visit(url) for url in (session_url, urls["writeup-list"], urls["story-detail"])]
    assert texts(after[0], "h3.writeup-card-title") == [
        "Circles, seen from the door",
        "How the circle opened",
    ]
    assert texts(after[1], "h2.writeup-item-title") == [
        "Circles, seen from the door",
        "How the circle opened",
    ]
    assert texts(after[2], "h3.writeup-card-title") == [
        "Circles, seen from the door",
        "How the circle opened",
    ]
    for old, new in zip(before, after, strict=True):
        assert new["ETag"] != old["ETag"]


def test_a_new_story_shows_on_the_story_list_and_its_festivals_page(site, clock):
    urls = site.urls()
    before = visit(urls["story-list"]), visit(urls["festival-detail"])
    clock.shift(timedelta(minutes=1))

    StoryFactory(
        title="Zines and housing",
        slug="zines-and-housing",
        festival=site.festival,
        published_at=at(5, 12),
    )

    stories, festival = visit(urls["story-list"]), visit(urls["festival-detail"])
    assert texts(stories, "h2.story-item-title") == ["Zines and housing", "What the zine taught us"]
    assert texts(festival, "h3.card-title") == ["Zines and housing", "What the zine taught us"]
    assert stories["ETag"] != before[0]["ETag"]
    assert festival["ETag"] != before[1]["ETag"]


def test_a_story_published_for_later_appears_when_its_time_comes(site, clock):
    url = site.urls()["story-list"]
    StoryFactory(title="Tomorrow's story", slug="tomorrows-story", published_at=at(5, 13))
    clock.shift(timedelta(seconds=1))
    before = visit(url)

    clock.move_to(at(5, 13, 1))

    assert texts(before, "h2.story-item-title") == ["What the zine taught us"]
    assert texts(visit(url), "h2.story-item-title") == [
        "Tomorrow's story",
        "What the zine taught us",
    ]


def test_the_programme_says_full_when_the_last_place_goes_and_not_when_one_is_free(
    site, clock, django_capture_on_commit_callbacks
):
    """The places stamp moves once the booking commits (it never waits on the festival's row
    while holding the session's)."""
    url = site.urls()["festival-programme"]
    change_capacity(session=site.walk, capacity=1)
    clock.shift(timedelta(seconds=1))
    walk = [card for card in cards(visit(url)) if "Garden walk" in card]
    someone = UserFactory(name="Dee Dyer")
    clock.shift(timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        book_place(user=someone, session=Session.objects.get(pk=site.walk.pk))
    full = [card for card in cards(visit(url)) if "Garden walk" in card]
    clock.shift(timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_booking(user=someone, session=Session.objects.get(pk=site.walk.pk))
    free = [card for card in cards(visit(url)) if "Garden walk" in card]

    assert walk == ["16:00–17:00 Garden walk Hall · Talk · 1 place Access: Step-free access (room)"]
    assert full == [
        "16:00–17:00 Garden walk Hall · Talk · Full: waitlist open (1 place) "
        "Access: Step-free access (room)"
    ]
    assert free == walk


def test_a_capacity_change_shows_on_the_programme_and_the_session_page(
    site, clock, django_capture_on_commit_callbacks
):
    urls = site.urls()
    before = visit(urls["festival-programme"]), visit(site.walk.get_absolute_url())
    clock.shift(timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        change_capacity(session=Session.objects.get(pk=site.walk.pk), capacity=30)

    programme, page = visit(urls["festival-programme"]), visit(site.walk.get_absolute_url())
    assert [card for card in cards(programme) if "Garden walk" in card] == [
        "16:00–17:00 Garden walk Hall · Talk · 30 places Access: Step-free access (room)"
    ]
    assert "30 places" in texts(page, "dd")
    assert programme["ETag"] != before[0]["ETag"]
    assert page["ETag"] != before[1]["ETag"]


def test_a_renamed_festival_is_renamed_on_every_page_that_names_it(site, clock):
    urls = site.urls()
    pages = (
        "festival-detail", "festival-programme", "festival-programme filtered",
        "session-detail", "speaker-detail", "festival-changes", "story-detail",
        "writeup-detail",
    )  # fmt: skip
    before = {name: visit(urls[name]) for name in pages}
    clock.shift(timedelta(seconds=1))

    site.festival.name = "Co-production Festival 2027"
    site.festival.save()

    for name in pages:
        after = visit(urls[name])
        html = after.content.decode()
        assert "Co-production Festival 2027" in html, name
        assert "Not Another Co-production Festival" not in html, name
        assert after["ETag"] != before[name]["ETag"], name


def test_a_renamed_tag_is_renamed_on_the_stories_and_the_programme(site, clock):
    urls = site.urls()
    names = ("story-list", "story-detail", "festival-programme", "session-detail")
    before = {name: visit(urls[name]) for name in names}
    clock.shift(timedelta(seconds=1))

    site.housing.name = "Homes"
    site.housing.save()

    after = {name: visit(urls[name]) for name in names}
    assert texts(after["story-list"], "ul.tag-links") == ["Homes"]
    assert texts(after["story-detail"], "ul.tag-links") == ["Homes"]
    assert "Themes: Homes" in cards(after["festival-programme"])[1]
    assert "Homes" in texts(after["session-detail"], "dd")
    for name in names:
        assert after[name]["ETag"] != before[name]["ETag"], name


def test_a_renamed_tag_that_no_story_has_yet_is_renamed_on_its_empty_story_list(site, clock):
    """The stories' stamp moves when a tag is renamed only through the stories that have it
    (festival/page_stamps.py, touch_stories_with_tag): a tag's own list page shows its name
    even when no published story has it yet."""
    tag = TagFactory(name="Failure", slug="failure")
    url = site.urls()["story-list"] + "?tag=failure"
    before = visit(url)
    clock.shift(timedelta(seconds=1))

    tag.name = "Failures"
    tag.save()

    assert texts(before, "h1") == ["Stories tagged Failure"]
    assert texts(visit(url), "h1") == ["Stories tagged Failures"]


def test_a_session_that_starts_says_so_and_one_that_ends_shows_its_writeups(site, clock):
    url = site.zine.get_absolute_url()
    alice = signed_in(site.alice)
    upcoming = visit(url)

    clock.move_to(at(5, 14) + timedelta(seconds=1))
    started, alices = visit(url), alice.get(url)
    clock.move_to(at(5, 15) + timedelta(seconds=1))
    over = visit(url)

    assert panel(upcoming) == ["Booking Log in or sign up to book a place. Log in to book Sign up"]
    assert panel(started) == ["Booking This session has started, so it can no longer be booked."]
    assert panel(alices) == [
        "Booking You have a place. This session has started, so it can no longer be booked."
    ]
    assert panel(over) == []
    assert texts(over, "section.session-writeups") == [
        "Write-ups This session is over. Nobody has written it up yet."
    ]
    assert len({upcoming["ETag"], started["ETag"], over["ETag"]}) == 3


def test_the_programme_without_a_day_shows_the_new_day_when_the_date_changes(site, clock):
    url = site.urls()["festival-programme"]
    monday = visit(url)

    clock.move_to(at(6, 0) + timedelta(seconds=1))
    tuesday = visit(url)

    assert texts(monday, "h2")[0] == "Mon 5 July 2027"
    assert texts(tuesday, "h2")[0] == "Tue 6 July 2027"
    assert [card.split(" ")[1:3] for card in cards(tuesday)] == [["Closing", "talk"]]
    assert tuesday["ETag"] != monday["ETag"]


def test_a_deleted_tag_leaves_the_stories_and_the_programme(site, clock):
    """Deleting a tag (the admin's Tag list) takes its links to stories and sessions with it
    in a cascade, which sends no m2m_changed and saves no story: no stamp moves
    (festival/page_stamps.py and events/programme/stamp.py listen to Tag's post_save only)."""
    urls = site.urls()
    names = ("story-list", "story-detail", "festival-programme")
    before = {name: visit(urls[name]) for name in names}
    clock.shift(timedelta(seconds=1))

    site.housing.delete()

    after = {name: visit(urls[name]) for name in names}
    assert texts(before["story-list"], "ul.tag-links") == ["Housing"]
    assert texts(after["story-list"], "ul.tag-links") == []
    assert texts(after["story-detail"], "ul.tag-links") == []
    assert "Themes: Housing" not in cards(after["festival-programme"])[1]


def test_a_deleted_account_that_held_the_last_place_frees_it_on_the_programme(
    site, clock, django_capture_on_commit_callbacks
):
    """Deleting a person (the admin's user list) deletes their bookings in a cascade: the
    session has a place free again once the deletion commits (events/bookings/departures.py)."""
    url = site.urls()["festival-programme"]
    change_capacity(session=site.walk, capacity=1)
    someone = UserFactory(name="Dee Dyer")
    book_place(user=someone, session=Session.objects.get(pk=site.walk.pk))
    clock.shift(timedelta(seconds=1))
    full = [card for card in cards(visit(url)) if "Garden walk" in card]
    clock.shift(timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        someone.delete()

    assert full == [
        "16:00–17:00 Garden walk Hall · Talk · Full: waitlist open (1 place) "
        "Access: Step-free access (room)"
    ]
    assert [card for card in cards(visit(url)) if "Garden walk" in card] == [
        "16:00–17:00 Garden walk Hall · Talk · 1 place Access: Step-free access (room)"
    ]
