"""A person's own calendar feed, `/calendar/<token>.ics` (events/calendars/feeds.py,
events/calendars/links.py): their bookings only, waitlist spots as TENTATIVE, their reminder,
and a private token that is stored only as a hash and can be replaced."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session as LoginSession
from django.core.cache import cache
from django.test import Client

from events.bookings.services import book_place, cancel_booking
from events.calendars.base import RENDERED_EVENTS
from events.calendars.tokens import make_calendar_link
from events.models import CalendarToken, Session
from festival.models import Festival, User
from tests.calendar_parsers import component_lines, parse_everywhere
from tests.factories import LONDON, EventFactory, FestivalFactory, SessionFactory, UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 9, tzinfo=LONDON)
HOST = "convene.example.org"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    settings.SITE_URL = f"https://{HOST}"
    cache.clear()
    RENDERED_EVENTS.clear()


def at(day: int, hour: int) -> datetime:
    return datetime(2027, 7, day, hour, tzinfo=LONDON)


@dataclass(frozen=True)
class Bookings:
    me: User
    other: User
    talk: Session
    full: Session
    theirs: Session
    cancelled: Session
    left: Session
    unpublished: Session


@pytest.fixture
def bookings() -> Bookings:
    """My place on a talk, my second place on a full workshop's waitlist, my place on a
    session since cancelled, a booking I cancelled, a place at an unpublished festival; and
    someone else's place on a session I did not book."""
    me, other, first = UserFactory(), UserFactory(), UserFactory()
    event = EventFactory(festival=FestivalFactory(slug="nacpf"))
    talk = SessionFactory(event=event, title="Talk", start=at(5, 10), end=at(5, 11))
    full = SessionFactory(event=event, title="Workshop", start=at(5, 12), end=at(5, 13), capacity=1)
    theirs = SessionFactory(event=event, title="Theirs", start=at(5, 14), end=at(5, 15))
    cancelled = SessionFactory(event=event, title="Called off", start=at(6, 10), end=at(6, 11))
    left = SessionFactory(event=event, title="Left", start=at(6, 12), end=at(6, 13))
    hidden = EventFactory(festival=FestivalFactory(slug="hidden", is_published=False))
    unpublished = SessionFactory(event=hidden, title="Hidden", start=at(5, 10), end=at(5, 11))
    book_place(user=UserFactory(), session=full)
    book_place(user=first, session=full)
    for session in (talk, full, cancelled, left, unpublished):
        book_place(user=me, session=session)
    book_place(user=other, session=theirs)
    cancel_booking(user=me, session=left)
    cancelled.status = Session.Status.CANCELLED
    cancelled.save()
    return Bookings(me, first, talk, full, theirs, cancelled, left, unpublished)


def feed_url(user: User, *, reminder_minutes: int | None = None) -> str:
    return f"/calendar/{make_calendar_link(user=user, reminder_minutes=reminder_minutes).token}.ics"


def summaries(response) -> list[tuple[str, str, str]]:
    return [
        (event["uid"], event["status"], event["summary"])
        for event in parse_everywhere(response.content.decode())["ical.js"]
    ]


def uid(session: Session) -> str:
    return f"{session.uid}@{HOST}"


def test_the_personal_feed_holds_only_my_booked_and_waited_for_sessions(client, bookings):
    response = client.get(feed_url(bookings.me))

    assert summaries(response) == [
        (uid(bookings.talk), "CONFIRMED", "Talk"),
        (uid(bookings.full), "TENTATIVE", "Waitlist #2: Workshop"),
        (uid(bookings.cancelled), "CANCELLED", "Cancelled: Called off"),
    ]
    parsed = parse_everywhere(response.content.decode())
    assert parsed["ical"] == parsed["ical.js"] == parsed["icalendar"]


def test_the_personal_feed_is_private_and_named_for_its_owner(client, bookings):
    response = client.get(feed_url(bookings.me))

    assert (response["Cache-Control"], response["Content-Disposition"]) == (
        "private, no-cache",
        'attachment; filename="my-programme.ics"',
    )
    assert [
        line for line in response.content.decode().split("\r\n") if line.startswith("NAME:")
    ] == ["NAME:My festival programme"]


def test_a_reminder_is_an_alarm_on_the_sessions_i_have_a_place_on(client, bookings):
    response = client.get(feed_url(bookings.me, reminder_minutes=24 * 60))

    alarms = [
        (next(line for line in event if line.startswith("SUMMARY:")), component_lines(
            "\r\n".join(event) + "\r\n", "VALARM"))
        for event in component_lines(response.content.decode(), "VEVENT")
    ]  # fmt: skip
    assert alarms == [
        ("SUMMARY:Talk", [["ACTION:DISPLAY", "DESCRIPTION:Talk", "TRIGGER:-P1D"]]),
        ("SUMMARY:Waitlist #2: Workshop", []),
        ("SUMMARY:Cancelled: Called off", []),
    ]


def test_no_reminder_means_no_alarm(client, bookings):
    response = client.get(feed_url(bookings.me))

    assert b"BEGIN:VALARM" not in response.content


def test_my_waitlist_position_moves_when_someone_ahead_leaves(client, bookings, clock):
    url = feed_url(bookings.me)
    before = client.get(url)
    clock.shift(timedelta(minutes=1))

    cancel_booking(user=bookings.other, session=bookings.full)
    after = client.get(url, headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert summaries(after)[1] == (uid(bookings.full), "TENTATIVE", "Waitlist #1: Workshop")
    assert after["Last-Modified"] == "Tue, 01 Jun 2027 08:01:00 GMT"


def test_a_place_from_the_waitlist_turns_tentative_into_confirmed(client, bookings, clock):
    url = feed_url(bookings.me)
    before = client.get(url)
    clock.shift(timedelta(minutes=1))

    cancel_booking(user=bookings.other, session=bookings.full)
    holder = bookings.full.attendances.going().get().user
    cancel_booking(user=holder, session=bookings.full)
    after = client.get(url, headers={"if-modified-since": before["Last-Modified"]})

    assert summaries(after)[1] == (uid(bookings.full), "CONFIRMED", "Workshop")


def test_booking_one_more_session_shows_at_the_next_refresh(client, bookings, clock):
    url = feed_url(bookings.me)
    before = client.get(url)
    clock.shift(timedelta(minutes=1))

    book_place(user=bookings.me, session=bookings.theirs)
    by_etag = client.get(url, headers={"if-none-match": before["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": before["Last-Modified"]})

    assert (by_etag.status_code, by_date.status_code) == (200, 200)
    assert [summary for _uid, _status, summary in summaries(by_etag)] == [
        "Talk", "Waitlist #2: Workshop", "Theirs", "Cancelled: Called off"
    ]  # fmt: skip


def test_cancelling_my_place_takes_it_out(client, bookings, clock):
    url = feed_url(bookings.me)
    before = client.get(url)
    clock.shift(timedelta(minutes=1))

    cancel_booking(user=bookings.me, session=bookings.talk)
    after = client.get(url, headers={"if-modified-since": before["Last-Modified"]})

    assert [summary for _uid, _status, summary in summaries(after)] == [
        "Waitlist #2: Workshop", "Cancelled: Called off"
    ]  # fmt: skip


def test_an_unchanged_personal_feed_answers_304_from_two_queries(
    client, bookings, django_assert_num_queries
):
    url = feed_url(bookings.me)
    first = client.get(url)

    with django_assert_num_queries(2):
        by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert (by_etag.status_code, by_date.status_code) == (304, 304)


def test_changing_the_reminder_changes_the_feed(client, bookings, clock):
    link = make_calendar_link(user=bookings.me, reminder_minutes=None)
    url = f"/calendar/{link.token}.ics"
    before = client.get(url)
    clock.shift(timedelta(minutes=1))
    client.force_login(bookings.me)

    client.post("/me/calendar/regenerate/", {"action": "reminder", "reminder": "60"})
    after = Client().get(url, headers={"if-none-match": before["ETag"]})

    assert (after.status_code, b"TRIGGER:-PT1H" in after.content) == (200, True)
    assert CalendarToken.objects.get(user=bookings.me).reminder_minutes == 60


def test_a_new_link_kills_the_old_one(client, bookings):
    old = feed_url(bookings.me)
    assert client.get(old).status_code == 200
    client.force_login(bookings.me)

    page = client.post(
        "/me/calendar/regenerate/", {"action": "new-link", "reminder": ""}, follow=True
    )
    new_token = page.context["programme"].calendar_link.token
    new = f"/calendar/{new_token}.ics"

    assert (Client().get(old).status_code, Client().get(new).status_code) == (404, 200)
    assert CalendarToken.objects.filter(user=bookings.me).count() == 1


def test_a_wrong_token_says_nothing_but_404(client, bookings):
    make_calendar_link(user=bookings.me, reminder_minutes=None)
    wrong = "A" * 43
    malformed = "not-a-token"

    answers = [client.get(f"/calendar/{token}.ics") for token in (wrong, malformed)]

    # The same page either way (the address itself aside, which the page links back to).
    pages = [
        answer.content.decode().replace(token, "TOKEN")
        for answer, token in zip(answers, (wrong, malformed), strict=True)
    ]
    assert [answer.status_code for answer in answers] == [404, 404]
    assert pages[0] == pages[1]
    assert texts(answers[0], "h1") == ["Page not found"]


def test_only_the_hash_of_the_token_is_stored(client, bookings):
    client.force_login(bookings.me)

    page = client.post(
        "/me/calendar/regenerate/", {"action": "new-link", "reminder": ""}, follow=True
    )
    token = page.context["programme"].calendar_link.token

    stored = CalendarToken.objects.values().get(user=bookings.me)
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert [name for name, value in stored.items() if token in str(value)] == []
    assert [row.pk for row in LoginSession.objects.all() if token in row.session_data] == []
    assert len(token) == 43


def test_the_feed_of_a_person_with_no_bookings_is_an_empty_calendar(client, clock):
    response = client.get(feed_url(UserFactory()))

    assert parse_everywhere(response.content.decode()) == {
        "ical.js": [], "ical": [], "icalendar": []
    }  # fmt: skip


@pytest.mark.parametrize("count", [1, 3])
def test_personal_feed_queries_do_not_grow_with_bookings(client, django_assert_num_queries, count):
    me = UserFactory()
    for number in range(count):
        festival = FestivalFactory(name=f"Festival {number}", timezone="Europe/Berlin")
        book_place(user=me, session=SessionFactory(event=EventFactory(festival=festival)))
    url = feed_url(me)

    # the token, the bookings' stamps, speakers, themes, write-ups, sessions
    with django_assert_num_queries(6):
        response = client.get(url)

    assert len(parse_everywhere(response.content.decode())["ical"]) == count


def test_unpublishing_a_festival_takes_its_sessions_out(client, bookings, clock):
    url = feed_url(bookings.me)
    before = client.get(url)
    clock.shift(timedelta(minutes=1))
    festival = Festival.objects.get(slug="nacpf")
    festival.is_published = False
    festival.save()

    after = client.get(url, headers={"if-none-match": before["ETag"]})

    assert (after.status_code, summaries(after)) == (200, [])


def test_unpublishing_without_a_save_still_changes_the_personal_feed(client, bookings, clock):
    # A bulk update sends no signal and leaves the programme stamp where it was: the feed's
    # version counts the published festivals of my bookings itself.
    url = feed_url(bookings.me)
    before = client.get(url)
    Festival.objects.filter(slug="nacpf").update(is_published=False)

    after = client.get(url, headers={"if-none-match": before["ETag"]})

    assert (after.status_code, summaries(after)) == (200, [])
    assert after["ETag"] != before["ETag"]
