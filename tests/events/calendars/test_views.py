"""Subscribing from the pages (templates/events/_subscribe.html) and the private calendar link
made on /me/ (events/calendars/views.py)."""

from datetime import datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from events.calendars.base import RENDERED_EVENTS
from events.calendars.tokens import make_calendar_link
from events.models import CalendarToken
from tests.calendar_parsers import parse_everywhere
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    UserFactory,
)
from tests.html import texts

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 9, tzinfo=LONDON)
HOW = [
    "Subscribing puts these sessions in your calendar and keeps them up to date: moved and "
    "cancelled sessions change there too.",
    "Your calendar app checks for changes about once an hour; Google Calendar can take up to "
    "a day.",
]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    settings.SITE_URL = "https://convene.example.org"
    cache.clear()
    RENDERED_EVENTS.clear()


@pytest.fixture
def session():
    festival = FestivalFactory(name="Not Another Co-production Festival", slug="nacpf")
    speaker = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks")
    return SessionFactory(
        event=EventFactory(festival=festival),
        title="Doing things with people",
        slug="doing-things",
        speakers=[speaker],
        themes=[TagFactory(name="Care", slug="care")],
    )


class SubscribeBlocks(HTMLParser):
    """Each subscribe block's links, labelled link field and copy button."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[dict] = []
        self.labels: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "section" and "subscribe" in classes:
            self.blocks.append({"links": [], "field": None, "button": None})
            self.inside = True
        elif not getattr(self, "inside", False):
            return
        elif tag == "a":
            self.blocks[-1]["links"].append(attributes["href"])
        elif tag == "input" and "subscribe-url" in classes:
            self.blocks[-1]["field"] = {
                "value": attributes["value"],
                "readonly": "readonly" in attributes,
                "id": attributes["id"],
            }
        elif tag == "label":
            self.labels[attributes["for"]] = ""
            self._label = attributes["for"]
        elif tag == "button" and "data-copy-link" in attributes:
            self.blocks[-1]["button"] = attributes["data-copy-link"]

    def handle_data(self, data):
        if getattr(self, "_label", None):
            self.labels[self._label] += data

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None
        if tag == "section":
            self.inside = False


def subscribe_blocks(response) -> list[dict]:
    parser = SubscribeBlocks()
    parser.feed(response.content.decode())
    return [
        {**block, "label": parser.labels.get(block["field"]["id"], "")} for block in parser.blocks
    ]


def block_for(path: str, *, download: bool = False, label: str = "Calendar link") -> dict:
    encoded = path.replace("/", "%2F").replace("?", "%3F").replace("=", "%3D").replace("&", "%26")
    links = [
        f"webcal://testserver{path}",
        f"https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Ftestserver{encoded}",
    ]
    return {
        "links": [path, *links] if download else links,
        "field": {
            "value": f"http://testserver{path}",
            "readonly": True,
            "id": f"subscribe-{block_id(path)}-url",
        },
        "button": f"subscribe-{block_id(path)}-url",
        "label": label,
    }


def block_id(path: str) -> str:
    if "/sessions/" in path:
        return "session"
    if "/speakers/" in path:
        return "speaker"
    if path.startswith("/calendar/"):
        return "personal"
    return "festival"


def test_the_festival_page_offers_the_festival_feed(client, session):
    response = client.get("/festivals/nacpf/")

    assert subscribe_blocks(response) == [block_for("/festivals/nacpf/calendar.ics")]
    assert texts(response, "div.subscribe-how") == [" ".join(HOW)]
    assert texts(response, "h2.subscribe-heading") == ["Subscribe to the programme"]


def test_the_session_page_offers_its_calendar_file(client, session):
    response = client.get("/festivals/nacpf/sessions/doing-things/")

    assert subscribe_blocks(response) == [
        block_for("/festivals/nacpf/sessions/doing-things/calendar.ics", download=True)
    ]
    assert texts(response, "h2.subscribe-heading") == ["Add to calendar"]
    assert texts(response, "button.subscribe-copy-button") == ["Copy link"]
    assert texts(response, "p.subscribe-copied") == [""]


def test_the_speaker_page_offers_the_speaker_feed(client, session):
    response = client.get("/festivals/nacpf/speakers/mel-parks/")

    assert subscribe_blocks(response) == [
        block_for("/festivals/nacpf/speakers/mel-parks/calendar.ics")
    ]
    assert texts(response, "h2.subscribe-heading") == ["Subscribe to Mel Parks’s sessions"]


class Links(HTMLParser):
    """The addresses of the links inside elements with a class."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class, self.depth, self.found = css_class, 0, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth:
            self.depth += tag not in ("br", "input")
            if tag == "a":
                self.found.append(attributes["href"])
        elif self.css_class in (attributes.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "input"):
            self.depth -= 1


def links_in(response, css_class: str) -> list[str]:
    parser = Links(css_class)
    parser.feed(response.content.decode())
    return parser.found


def feed_links(path: str) -> list[str]:
    encoded = path.replace("/", "%2F").replace("?", "%3F").replace("=", "%3D").replace("&", "%26")
    return [
        f"webcal://testserver{path}",
        f"https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Ftestserver{encoded}",
        path,
    ]


def test_the_timetable_offers_the_feed_of_its_filters(client, session):
    unfiltered = client.get("/festivals/nacpf/programme/?day=2027-07-05")
    filtered = client.get("/festivals/nacpf/programme/?day=2027-07-05&theme=care&format=talk")
    bad_filter = client.get("/festivals/nacpf/programme/?day=2027-07-05&theme=nope")

    assert links_in(unfiltered, "subscribe-inline") == feed_links("/festivals/nacpf/calendar.ics")
    assert texts(unfiltered, "p.subscribe-inline") == [
        "Subscribe to the whole programme: in my calendar app · in Google Calendar · calendar "
        "file (.ics). Calendar apps check for changes about once an hour; Google Calendar can "
        "take up to a day."
    ]
    assert links_in(filtered, "subscribe-inline") == feed_links(
        "/festivals/nacpf/calendar.ics?theme=care&format=talk"
    )
    assert texts(filtered, "p.subscribe-inline")[0].startswith(
        "Subscribe to the sessions these filters show, on every day:"
    )
    # A filter the timetable ignores is left out of the feed's address too.
    assert links_in(bad_filter, "subscribe-inline")[2] == "/festivals/nacpf/calendar.ics"


def test_the_feed_a_filtered_timetable_offers_holds_what_the_timetable_shows(client, session):
    SessionFactory(event=session.event, title="Other", slug="other", format="workshop")
    page = client.get("/festivals/nacpf/programme/?day=2027-07-05&theme=care&format=talk")

    feed = client.get(links_in(page, "subscribe-inline")[2])

    assert texts(page, "h3.session-title") == ["Doing things with people"]
    assert [event["summary"] for event in parse_everywhere(feed.content.decode())["ical"]] == [
        "Doing things with people"
    ]


def test_my_programme_offers_to_make_a_calendar_link(client):
    client.force_login(UserFactory())

    response = client.get("/me/")

    assert texts(response, "h2") == [
        "My access needs",
        "My programme in my calendar",
        "Email reminders",
    ]
    assert texts(response, "p.calendar-link-status") == [
        "Make a private link to your programme and subscribe to it in your calendar app, on "
        "your phone or computer: every session you book or wait for appears there, and stays "
        "up to date."
    ]
    assert texts(response, "form.calendar-new-link-form") == [
        "Reminders in my calendar No reminder 1 hour before 1 day before Your calendar app "
        "reminds you before each session you have a place on. Make my calendar link"
    ]
    assert subscribe_blocks(response) == []


def test_making_the_link_shows_it_once_to_its_owner(client):
    me = UserFactory()
    client.force_login(me)

    posted = client.post("/me/calendar/regenerate/", {"action": "new-link", "reminder": "60"})
    made = client.get(posted["Location"])
    later = client.get("/me/")

    token = made.context["programme"].calendar_link.token
    assert (posted.status_code, posted["Location"]) == (302, "/me/#calendar")
    assert (made.status_code, made["Cache-Control"]) == (200, "no-store")
    assert subscribe_blocks(made) == [
        block_for(f"/calendar/{token}.ics", label="Your private calendar link")
    ]
    assert texts(made, "p.message-success") == [
        "Your new calendar link is below. Any link you made before has stopped working."
    ]
    assert token not in later.content.decode()
    assert subscribe_blocks(later) == []
    assert texts(later, "p.calendar-link-status") == [
        "You made your private calendar link on 1 June 2027. Calendar apps subscribed to it "
        "show the sessions you book or wait for, and keep them up to date.",
        "We keep only a scrambled fingerprint of the link, so we cannot show it again. If you "
        "have lost it, or someone else has it, make a new one: the old link stops working "
        "straight away.",
    ]
    assert texts(later, ".calendar-new-link-form") == [
        "Make a new link The link you have now stops working: calendars subscribed to it stop "
        "updating."
    ]
    assert 'href="/me/calendar/new-link/"' in later.content.decode()
    assert CalendarToken.objects.get(user=me).reminder_minutes == 60


def test_reloading_the_page_that_showed_the_new_link_keeps_that_link(client):
    me = UserFactory()
    client.force_login(me)
    made = client.post(
        "/me/calendar/regenerate/", {"action": "new-link", "reminder": ""}, follow=True
    )
    token = made.context["programme"].calendar_link.token
    hashed = CalendarToken.objects.get(user=me).token_hash

    reloaded = client.get("/me/")

    assert token not in reloaded.content.decode()
    assert "no-store" not in reloaded.get("Cache-Control", "")
    assert CalendarToken.objects.get(user=me).token_hash == hashed
    assert Client().get(f"/calendar/{token}.ics").status_code == 200


def test_a_new_link_is_made_only_after_a_page_says_the_old_one_stops_working(client):
    me = UserFactory()
    client.force_login(me)
    client.post("/me/calendar/regenerate/", {"action": "new-link", "reminder": "60"}, follow=True)
    hashed = CalendarToken.objects.get(user=me).token_hash

    asked = client.get("/me/calendar/new-link/")

    assert texts(asked, "h1") == ["Make a new calendar link?"]
    assert texts(asked, ".confirm-consequence") == [
        "The link you made on 1 June 2027 stops working at once: every calendar app subscribed "
        "to it stops updating, and shows your sessions no more. You then subscribe again with "
        "the new link, which we show you once."
    ]
    assert texts(asked, "form.confirm-form") == ["Make a new link No, keep my link"]
    assert '<input type="hidden" name="reminder" value="60">' in asked.content.decode()
    assert CalendarToken.objects.get(user=me).token_hash == hashed


def test_the_new_link_page_without_a_link_goes_back_to_make_the_first(client):
    client.force_login(UserFactory())

    asked = client.get("/me/calendar/new-link/")

    assert (asked.status_code, asked["Location"]) == (302, "/me/#calendar")


@pytest.mark.parametrize(
    "role", ["attendee", "speaker", "other-festivals-organiser", "organiser", "staff"]
)
def test_the_new_link_page_asks_each_person_about_their_own_link_only(client, role):
    person = UserFactory(is_staff=role == "staff")
    festival = FestivalFactory(slug="nacpf")
    if role == "organiser":
        festival.organisers.add(person)
    if role == "other-festivals-organiser":
        FestivalFactory(slug="other", organisers=[person])
    if role == "speaker":
        SpeakerFactory(festival=festival, user=person)
    make_calendar_link(user=person, reminder_minutes=60)
    make_calendar_link(user=UserFactory(), reminder_minutes=None)
    hashes = set(CalendarToken.objects.values_list("token_hash", flat=True))
    client.force_login(person)

    asked = client.get("/me/calendar/new-link/")

    assert (asked.status_code, texts(asked, "h1")) == (200, ["Make a new calendar link?"])
    assert '<input type="hidden" name="reminder" value="60">' in asked.content.decode()
    assert set(CalendarToken.objects.values_list("token_hash", flat=True)) == hashes


def test_the_new_link_page_sends_anonymous_visitors_to_log_in(client):
    asked = client.get("/me/calendar/new-link/")

    assert (asked.status_code, asked["Location"]) == (
        302,
        "/accounts/login/?next=/me/calendar/new-link/",
    )


def test_the_reminder_setting_is_saved_without_a_new_link(client):
    me = UserFactory()
    client.force_login(me)
    client.post("/me/calendar/regenerate/", {"action": "new-link", "reminder": ""}, follow=True)
    hashed = CalendarToken.objects.get(user=me).token_hash

    response = client.post(
        "/me/calendar/regenerate/", {"action": "reminder", "reminder": "1440"}, follow=True
    )

    assert texts(response, "p.message-success") == [
        "Saved: your calendar app will remind you 1 day before each session you have a place "
        "on, from its next refresh."
    ]
    assert CalendarToken.objects.values_list("token_hash", "reminder_minutes").get(user=me) == (
        hashed,
        1440,
    )


def test_a_bad_reminder_is_refused(client):
    me = UserFactory()
    client.force_login(me)

    response = client.post(
        "/me/calendar/regenerate/", {"action": "new-link", "reminder": "5"}, follow=True
    )

    assert texts(response, "p.message-error") == [
        "Choose no reminder, 1 hour before or 1 day before."
    ]
    assert CalendarToken.objects.filter(user=me).exists() is False


def test_making_a_link_needs_a_login_a_post_and_the_csrf_token():
    me = UserFactory()
    anonymous = Client().post("/me/calendar/regenerate/", {"action": "new-link"})
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(me)

    answers = (
        anonymous.status_code,
        anonymous["Location"],
        checked.get("/me/calendar/regenerate/").status_code,
        checked.post("/me/calendar/regenerate/", {"action": "new-link"}).status_code,
    )

    assert answers == (302, "/accounts/login/?next=/me/", 405, 403)
    assert CalendarToken.objects.exists() is False
