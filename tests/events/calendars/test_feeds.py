"""The calendar feeds' content (events/calendars/feeds.py), read by three independent parsers
(ical.js, PyPI ical, icalendar) and line by line."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from events.bookings.services import book_place
from events.calendars.base import RENDERED_EVENTS
from events.calendars.tokens import make_calendar_link
from events.enums import SessionFormat, SessionStatus
from events.models import Session
from festival.models import Festival, Room, Speaker, User
from tests.calendar_parsers import (
    calendar_lines,
    component_lines,
    content_lines,
    organizers_everywhere,
    parse_everywhere,
)
from tests.calendar_parsers.rfc5546 import publish_problems
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://convene.example.org"
HOST = "convene.example.org"
NOW = datetime(2027, 6, 1, 9, tzinfo=LONDON)
NEW_YORK = ZoneInfo("America/New_York")
MIME_TYPE = "text/calendar; charset=utf-8"


ORGANIZER = 'ORGANIZER;CN="Not Another Co-production Festival":mailto:programme@example.org'


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Convene <programme@example.org>"


@pytest.fixture(autouse=True)
def fresh_caches():
    cache.clear()
    RENDERED_EVENTS.clear()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


@dataclass(frozen=True)
class Programme:
    """Two days in Manchester: a talk with two speakers and two themes, a workshop with
    neither, and a cancelled conversation."""

    festival: Festival
    hall: Room
    studio: Room
    mel: Speaker
    talk: Session
    workshop: Session
    cancelled: Session


@pytest.fixture
def programme(clock) -> Programme:
    festival = FestivalFactory(name="Not Another Co-production Festival", slug="nacpf")
    venue = VenueFactory(
        name="Museum of Science and Industry", address="Liverpool Road\nManchester M3 4FP"
    )
    event = EventFactory(festival=festival, venue=venue, title="Main programme", slug="main")
    hall = RoomFactory(venue=venue, name="Hall", position=1)
    studio = RoomFactory(venue=venue, name="Studio", position=2)
    mel = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks")
    sam = SpeakerFactory(festival=festival, name="Sam Lee", slug="sam-lee")
    care = TagFactory(name="Care", slug="care")
    mutual_aid = TagFactory(name="Mutual aid", slug="mutual-aid")
    talk = SessionFactory(
        event=event,
        room=hall,
        title="Doing things with people",
        slug="doing-things",
        start=at(5, 10),
        end=at(5, 11),
        format=SessionFormat.TALK,
        speakers=[mel, sam],
        themes=[care, mutual_aid],
        description="Stories, failures; and what we learned.",
    )
    workshop = SessionFactory(
        event=event,
        room=studio,
        title="Making a zine",
        slug="zine",
        start=at(5, 11, 30),
        end=at(5, 13),
        format=SessionFormat.WORKSHOP,
        description="",
        capacity=1,
    )
    cancelled = SessionFactory(
        event=event,
        room=hall,
        title="Open conversation",
        slug="open-conversation",
        start=at(6, 14),
        end=at(6, 15),
        format=SessionFormat.CONVERSATION,
        status=SessionStatus.CANCELLED,
        speakers=[mel],
        themes=[care],
    )
    return Programme(festival, hall, studio, mel, talk, workshop, cancelled)


def expected(session: Session, *, summary: str = "", status: str = "") -> dict:
    """What every parser must read for `session`: the database's values."""
    session.refresh_from_db()
    default_summary = f"Cancelled: {session.title}" if session.is_cancelled else session.title
    return {
        "uid": f"{session.uid}@{HOST}",
        "start": session.start.astimezone(UTC),
        "end": session.end.astimezone(UTC),
        "sequence": session.sequence,
        "status": status or ("CANCELLED" if session.is_cancelled else "CONFIRMED"),
        "summary": summary or default_summary,
    }


def in_every_parser(events: list[dict]) -> dict[str, list[dict]]:
    return {"ical.js": events, "ical": events, "icalendar": events}


def feed_text(client, url: str) -> str:
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, MIME_TYPE)
    return response.content.decode()


def personal_url(user: User, *, reminder_minutes: int | None = None) -> str:
    link = make_calendar_link(user=user, reminder_minutes=reminder_minutes)
    return f"/calendar/{link.token}.ics"


def test_festival_feed_reads_the_same_in_three_parsers(client, programme):
    text = feed_text(client, "/festivals/nacpf/calendar.ics")

    assert parse_everywhere(text) == in_every_parser(
        [expected(programme.talk), expected(programme.workshop), expected(programme.cancelled)]
    )


def test_filtered_festival_feed_reads_the_same_in_three_parsers(client, programme):
    text = feed_text(
        client, "/festivals/nacpf/calendar.ics?theme=care&room=" + str(programme.hall.pk)
    )

    assert parse_everywhere(text) == in_every_parser(
        [expected(programme.talk), expected(programme.cancelled)]
    )


def test_session_feed_reads_the_same_in_three_parsers(client, programme):
    text = feed_text(client, "/festivals/nacpf/sessions/zine/calendar.ics")

    assert parse_everywhere(text) == in_every_parser([expected(programme.workshop)])


def test_speaker_feed_reads_the_same_in_three_parsers(client, programme):
    text = feed_text(client, "/festivals/nacpf/speakers/mel-parks/calendar.ics")

    assert parse_everywhere(text) == in_every_parser(
        [expected(programme.talk), expected(programme.cancelled)]
    )


def test_personal_feed_reads_the_same_in_three_parsers(client, programme):
    me = UserFactory()
    book_place(user=UserFactory(), session=programme.workshop)
    book_place(user=me, session=programme.talk)
    book_place(user=me, session=programme.workshop)

    text = feed_text(client, personal_url(me, reminder_minutes=60))

    assert parse_everywhere(text) == in_every_parser(
        [
            expected(programme.talk),
            expected(programme.workshop, summary="Waitlist #1: Making a zine", status="TENTATIVE"),
        ]
    )


def test_an_event_has_every_property_calendars_need(client, programme):
    text = feed_text(client, "/festivals/nacpf/sessions/doing-things/calendar.ics")

    assert component_lines(text, "VEVENT") == [
        [
            f"UID:{programme.talk.uid}@{HOST}",
            "DTSTAMP:20270601T080000Z",
            "DTSTART;TZID=Europe/London:20270705T100000",
            "DTEND;TZID=Europe/London:20270705T110000",
            "LAST-MODIFIED:20270601T080000Z",
            "SEQUENCE:0",
            ORGANIZER,
            "SUMMARY:Doing things with people",
            "LOCATION:Hall\\, Museum of Science and Industry\\, Liverpool Road\\, "
            "Manchester M3 4FP",
            "DESCRIPTION:With Mel Parks and Sam Lee.\\n\\nStories\\, failures\\; and what we "
            f"learned.\\n\\n{SITE}/festivals/nacpf/sessions/doing-things/",
            f"URL:{SITE}/festivals/nacpf/sessions/doing-things/",
            "CATEGORIES:Talk,Care,Mutual aid",
            "CLASS:PUBLIC",
            "STATUS:CONFIRMED",
        ]
    ]


def test_an_event_without_themes_or_description_has_no_empty_property(client, programme):
    text = feed_text(client, "/festivals/nacpf/sessions/zine/calendar.ics")

    assert component_lines(text, "VEVENT") == [
        [
            f"UID:{programme.workshop.uid}@{HOST}",
            "DTSTAMP:20270601T080000Z",
            "DTSTART;TZID=Europe/London:20270705T113000",
            "DTEND;TZID=Europe/London:20270705T130000",
            "LAST-MODIFIED:20270601T080000Z",
            "SEQUENCE:0",
            ORGANIZER,
            "SUMMARY:Making a zine",
            "LOCATION:Studio\\, Museum of Science and Industry\\, Liverpool Road\\, "
            "Manchester M3 4FP",
            f"DESCRIPTION:{SITE}/festivals/nacpf/sessions/zine/",
            f"URL:{SITE}/festivals/nacpf/sessions/zine/",
            "CATEGORIES:Workshop",
            "CLASS:PUBLIC",
            "STATUS:CONFIRMED",
        ]
    ]


def every_feed_url(programme: Programme) -> list[str]:
    """One of each feed, the personal one with a place, a waitlist spot and a reminder."""
    me = UserFactory()
    book_place(user=UserFactory(), session=programme.workshop)
    book_place(user=me, session=programme.talk)
    book_place(user=me, session=programme.workshop)
    return [
        "/festivals/nacpf/calendar.ics",
        "/festivals/nacpf/calendar.ics?format=talk",
        "/festivals/nacpf/sessions/zine/calendar.ics",
        "/festivals/nacpf/sessions/open-conversation/calendar.ics",
        "/festivals/nacpf/speakers/mel-parks/calendar.ics",
        personal_url(me, reminder_minutes=60),
    ]


def test_every_feed_meets_rfc_5546s_restrictions_for_publish(client, programme):
    urls = every_feed_url(programme)

    problems = {url: publish_problems(feed_text(client, url)) for url in urls}

    assert problems == {url: [] for url in urls}


def test_the_publish_check_finds_an_event_without_an_organizer(client, programme):
    text = feed_text(client, "/festivals/nacpf/sessions/zine/calendar.ics")

    without = re.sub(r"ORGANIZER[^\r]*\r\n( [^\r]*\r\n)*", "", text)  # folded lines too

    assert publish_problems(without) == [
        f"VEVENT {programme.workshop.uid}@{HOST}: ORGANIZER is required"
    ]


def test_every_event_of_every_feed_is_organised_by_its_festival_in_three_parsers(client, programme):
    organizer = ("Not Another Co-production Festival", "mailto:programme@example.org")
    readings = {
        url: organizers_everywhere(feed_text(client, url)) for url in every_feed_url(programme)
    }

    assert readings == {
        "/festivals/nacpf/calendar.ics": in_every_parser([organizer] * 3),
        "/festivals/nacpf/calendar.ics?format=talk": in_every_parser([organizer]),
        "/festivals/nacpf/sessions/zine/calendar.ics": in_every_parser([organizer]),
        "/festivals/nacpf/sessions/open-conversation/calendar.ics": in_every_parser([organizer]),
        "/festivals/nacpf/speakers/mel-parks/calendar.ics": in_every_parser([organizer] * 2),
        next(url for url in readings if url.startswith("/calendar/")): in_every_parser(
            [organizer] * 2
        ),
    }


def test_the_organizer_name_is_quoted_and_the_address_taken_from_the_from_address(
    client, programme, settings
):
    settings.DEFAULT_FROM_EMAIL = "tickets@example.org"
    programme.festival.name = 'Festival "Now"; with, colons: too'
    programme.festival.save()

    text = feed_text(client, "/festivals/nacpf/sessions/zine/calendar.ics")

    assert [line for line in content_lines(text) if line.startswith("ORGANIZER")] == [
        "ORGANIZER;CN=\"Festival 'Now'; with, colons: too\":mailto:tickets@example.org"
    ]
    assert organizers_everywhere(text) == in_every_parser(
        [("Festival 'Now'; with, colons: too", "mailto:tickets@example.org")]
    )


def test_a_markdown_description_is_sent_as_plain_text(client, programme):
    programme.workshop.description = (
        "## Bring\n\nSome **paper**, see [the list](https://example.org/list).\n\n"
        "- scissors\n- glue\n\n<script>alert(1)</script>"
    )
    programme.workshop.save()

    text = feed_text(client, "/festivals/nacpf/sessions/zine/calendar.ics")

    assert [line for line in content_lines(text) if line.startswith("DESCRIPTION")] == [
        "DESCRIPTION:Bring\\n\\nSome paper\\, see the list (https://example.org/list).\\n\\n"
        f"- scissors\\n- glue\\n\\n{SITE}/festivals/nacpf/sessions/zine/"
    ]


def test_no_feed_has_an_empty_property(client, programme):
    me = UserFactory()
    book_place(user=me, session=programme.workshop)
    urls = [
        "/festivals/nacpf/calendar.ics",
        "/festivals/nacpf/calendar.ics?format=talk",
        "/festivals/nacpf/sessions/zine/calendar.ics",
        "/festivals/nacpf/speakers/mel-parks/calendar.ics",
        personal_url(me, reminder_minutes=60),
    ]

    empty = {
        url: [line for line in content_lines(feed_text(client, url)) if line.endswith(":")]
        for url in urls
    }

    assert empty == {url: [] for url in urls}


def test_the_calendar_names_itself_its_zone_and_how_often_to_refresh(client, programme):
    text = feed_text(client, "/festivals/nacpf/calendar.ics")

    assert calendar_lines(text) == [
        "VERSION:2.0",
        "PRODID:-//Convene//Convene calendar feeds//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:Not Another Co-production Festival",
        "X-WR-CALNAME:Not Another Co-production Festival",
        "DESCRIPTION:The programme of Not Another Co-production Festival\\, kept up to date.",
        "X-WR-CALDESC:The programme of Not Another Co-production Festival\\, kept up to date.",
        "X-WR-TIMEZONE:Europe/London",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]


def test_feed_names_say_what_they_hold(client, programme):
    studio = programme.studio.pk
    names = {
        url: [line for line in calendar_lines(feed_text(client, url)) if line.startswith("NAME:")]
        for url in [
            f"/festivals/nacpf/calendar.ics?format=workshop&room={studio}",
            "/festivals/nacpf/sessions/zine/calendar.ics",
            "/festivals/nacpf/speakers/mel-parks/calendar.ics",
        ]
    }

    assert names == {
        f"/festivals/nacpf/calendar.ics?format=workshop&room={studio}": [
            "NAME:Not Another Co-production Festival (Workshop\\, Studio)"
        ],
        "/festivals/nacpf/sessions/zine/calendar.ics": [
            "NAME:Making a zine (Not Another Co-production Festival)"
        ],
        "/festivals/nacpf/speakers/mel-parks/calendar.ics": [
            "NAME:Mel Parks at Not Another Co-production Festival"
        ],
    }


def test_lines_end_in_crlf_and_are_folded_at_75_octets(client, programme):
    programme.talk.description = "Ünïcödé, " * 40 + "\nand a second line."
    programme.talk.save()

    body = client.get("/festivals/nacpf/calendar.ics").content
    lines = body.split(b"\r\n")

    assert (body.endswith(b"END:VCALENDAR\r\n"), b"\n" in body.replace(b"\r\n", b"")) == (
        True,
        False,
    )
    assert [line for line in lines if len(line) > 75] == []
    assert [line.decode() for line in lines]  # every folded piece is whole UTF-8
    assert parse_everywhere(body.decode())["icalendar"][0]["summary"] == programme.talk.title


def test_every_tzid_has_a_vtimezone_with_one_rdate_value_per_line(client, clock):
    festival = FestivalFactory(
        slug="new-york", timezone="America/New_York", start_date=date(2027, 7, 5),
        end_date=date(2028, 7, 6),
    )  # fmt: skip
    event = EventFactory(
        festival=festival,
        start=datetime(2027, 7, 5, 8, tzinfo=NEW_YORK),
        end=datetime(2028, 7, 6, 18, tzinfo=NEW_YORK),
    )
    SessionFactory(event=event, start=datetime(2027, 7, 5, 9, tzinfo=NEW_YORK),
                   end=datetime(2027, 7, 5, 10, tzinfo=NEW_YORK))  # fmt: skip
    SessionFactory(event=event, start=datetime(2028, 7, 6, 9, tzinfo=NEW_YORK),
                   end=datetime(2028, 7, 6, 10, tzinfo=NEW_YORK))  # fmt: skip

    text = feed_text(client, "/festivals/new-york/calendar.ics")

    (zone,) = component_lines(text, "VTIMEZONE")
    assert [line for line in zone if line.startswith(("TZID", "RDATE"))] == [
        "TZID:America/New_York",
        "RDATE:20270314T020000",
        "RDATE:20280312T020000",
        "RDATE:20271107T020000",
        "RDATE:20281105T020000",
    ]
    # 09:00 in New York in July is 13:00 UTC: ical.js read 14:00 from a multi-value RDATE.
    starts = {name: [event["start"] for event in events]
              for name, events in parse_everywhere(text).items()}  # fmt: skip
    assert starts == in_every_parser(
        [datetime(2027, 7, 5, 13, tzinfo=UTC), datetime(2028, 7, 6, 13, tzinfo=UTC)]
    )


def london(month: int, day: int, hour: int, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, fold=fold, tzinfo=LONDON)


@pytest.fixture
def clock_change_festival(clock) -> Festival:
    """Sessions either side of the UK's clock changes in 2027 (28 March, 31 October)."""
    festival = FestivalFactory(
        slug="all-year", start_date=date(2027, 3, 27), end_date=date(2027, 10, 31)
    )
    event = EventFactory(
        festival=festival,
        start=datetime(2027, 3, 27, 0, tzinfo=LONDON),
        end=datetime(2027, 11, 1, 0, tzinfo=LONDON),
    )
    room = RoomFactory(venue=event.venue)
    for number, (start, end) in enumerate(
        [
            (london(3, 27, 10), london(3, 27, 11)),
            (london(3, 28, 0, 30), london(3, 28, 3)),
            (london(3, 28, 10), london(3, 28, 11)),
            (london(10, 30, 10), london(10, 30, 11)),
            (london(10, 31, 0, 30), london(10, 31, 3)),
            # 01:30 happens twice that night: the second time, after the clocks went back.
            (london(10, 31, 1, 30, fold=1), london(10, 31, 2, 30)),
            (london(10, 31, 10), london(10, 31, 11)),
        ]
    ):
        SessionFactory(event=event, room=room, start=start, end=end, title=f"Session {number}")
    return festival


def test_sessions_either_side_of_the_clock_changes_read_as_the_right_instants(
    client, clock_change_festival
):
    text = feed_text(client, "/festivals/all-year/calendar.ics")

    times = {
        name: [(event["start"], event["end"]) for event in events]
        for name, events in parse_everywhere(text).items()
    }

    def utc(month, day, hour, minute=0):
        return datetime(2027, month, day, hour, minute, tzinfo=UTC)

    assert times == in_every_parser(
        [
            (utc(3, 27, 10), utc(3, 27, 11)),  # GMT
            (utc(3, 28, 0, 30), utc(3, 28, 2)),  # across the change: 00:30 GMT to 03:00 BST
            (utc(3, 28, 9), utc(3, 28, 10)),  # BST
            (utc(10, 30, 9), utc(10, 30, 10)),  # BST
            (utc(10, 30, 23, 30), utc(10, 31, 3)),  # 00:30 BST to 03:00 GMT
            (utc(10, 31, 1, 30), utc(10, 31, 2, 30)),  # the second 01:30, in GMT
            (utc(10, 31, 10), utc(10, 31, 11)),  # GMT
        ]
    )
    assert times["icalendar"] == [
        (session.start, session.end)
        for session in Session.objects.filter(festival=clock_change_festival).order_by("start")
    ]


def test_a_wall_clock_time_that_happens_twice_is_written_in_utc(client, clock_change_festival):
    text = feed_text(client, "/festivals/all-year/calendar.ics")

    times = [
        [line for line in event if line.startswith(("DTSTART", "DTEND"))]
        for event in component_lines(text, "VEVENT")
    ]

    assert times[4:6] == [
        # 00:30 and 03:00 happen once that night; 01:30 and 02:30 (GMT) are the second ones.
        ["DTSTART;TZID=Europe/London:20271031T003000", "DTEND;TZID=Europe/London:20271031T030000"],
        ["DTSTART:20271031T013000Z", "DTEND;TZID=Europe/London:20271031T023000"],
    ]


def test_a_cancelled_session_stays_in_every_public_feed_as_cancelled(client, programme):
    feeds = [
        "/festivals/nacpf/calendar.ics",
        "/festivals/nacpf/calendar.ics?format=conversation",
        "/festivals/nacpf/sessions/open-conversation/calendar.ics",
        "/festivals/nacpf/speakers/mel-parks/calendar.ics",
    ]

    cancelled = {
        url: [
            event
            for event in parse_everywhere(feed_text(client, url))["ical"]
            if event["uid"] == f"{programme.cancelled.uid}@{HOST}"
        ]
        for url in feeds
    }

    assert cancelled == {url: [expected(programme.cancelled, status="CANCELLED")] for url in feeds}


def test_cancelled_sessions_leave_the_festival_feed_once_the_festival_is_over(
    client, programme, clock
):
    before = client.get("/festivals/nacpf/calendar.ics")
    clock.move_to(datetime(2027, 7, 7, 0, 0, 1, tzinfo=LONDON))

    after = client.get("/festivals/nacpf/calendar.ics")

    uids = [event["uid"] for event in parse_everywhere(after.content.decode())["ical"]]
    assert uids == [f"{programme.talk.uid}@{HOST}", f"{programme.workshop.uid}@{HOST}"]
    assert (before["Last-Modified"], after["Last-Modified"]) == (
        "Tue, 01 Jun 2027 08:00:00 GMT",
        "Tue, 06 Jul 2027 23:00:00 GMT",  # midnight after the last day, London time
    )
    assert before["ETag"] != after["ETag"]
    session_feed = client.get("/festivals/nacpf/sessions/open-conversation/calendar.ics")
    assert [
        event["status"] for event in parse_everywhere(session_feed.content.decode())["ical"]
    ] == ["CANCELLED"]


def test_filters_mean_what_the_timetable_filters_mean(client, programme):
    hall = programme.hall.pk

    def titles(query: str) -> list[str]:
        text = feed_text(client, "/festivals/nacpf/calendar.ics" + query)
        return [event["summary"] for event in parse_everywhere(text)["icalendar"]]

    assert {
        query: titles(query)
        for query in ["", "?format=workshop", "?theme=care", f"?room={hall}",
                      f"?format=talk&theme=mutual-aid&room={hall}", "?format=&theme=&room="]
    } == {
        "": ["Doing things with people", "Making a zine", "Cancelled: Open conversation"],
        "?format=workshop": ["Making a zine"],
        "?theme=care": ["Doing things with people", "Cancelled: Open conversation"],
        f"?room={hall}": ["Doing things with people", "Cancelled: Open conversation"],
        f"?format=talk&theme=mutual-aid&room={hall}": ["Doing things with people"],
        "?format=&theme=&room=": [
            "Doing things with people", "Making a zine", "Cancelled: Open conversation"
        ],
    }  # fmt: skip


def test_a_filter_that_matches_nothing_here_is_a_400_with_a_plain_message(client, programme):
    elsewhere = RoomFactory(name="Elsewhere")
    TagFactory(name="Unused", slug="unused")
    queries = [
        "?format=dance",
        "?format=break",  # a format, but no session of this festival has it
        "?theme=unused",
        "?room=hall",
        f"?room={elsewhere.pk}",
        "?room=99999999999999999999999",
        "?format=dance&theme=nope",
    ]

    answers = {}
    for query in queries:
        response = client.get("/festivals/nacpf/calendar.ics" + query)
        answers[query] = (response.status_code, response["Content-Type"], response.content.decode())

    plain = "text/plain; charset=utf-8"
    assert answers == {
        "?format=dance": (400, plain, "No session has the format “dance”."),
        "?format=break": (400, plain, "No session has the format “break”."),
        "?theme=unused": (400, plain, "No session has the theme “unused”."),
        "?room=hall": (400, plain, "That room is not in this programme."),
        f"?room={elsewhere.pk}": (400, plain, "That room is not in this programme."),
        "?room=99999999999999999999999": (400, plain, "That room is not in this programme."),
        "?format=dance&theme=nope": (
            400, plain, "No session has the format “dance”. No session has the theme “nope”."
        ),
    }  # fmt: skip


def test_feeds_of_an_unpublished_festival_are_404_even_for_its_organisers(client, programme):
    organiser = UserFactory()
    programme.festival.organisers.add(organiser)
    Festival.objects.filter(pk=programme.festival.pk).update(is_published=False)
    client.force_login(organiser)
    urls = [
        "/festivals/nacpf/calendar.ics",
        "/festivals/nacpf/sessions/zine/calendar.ics",
        "/festivals/nacpf/speakers/mel-parks/calendar.ics",
    ]

    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)


def test_unknown_festival_session_or_speaker_is_404(client, programme):
    urls = [
        "/festivals/nowhere/calendar.ics",
        "/festivals/nacpf/sessions/nothing/calendar.ics",
        "/festivals/nacpf/speakers/nobody/calendar.ics",
    ]

    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)


def test_the_feed_does_not_depend_on_when_it_is_asked_for(client, programme, clock):
    first = client.get("/festivals/nacpf/calendar.ics")
    cache.clear()
    RENDERED_EVENTS.clear()
    clock.shift(3600 * 5)

    again = client.get("/festivals/nacpf/calendar.ics")

    assert (again.content, again["ETag"], again["Last-Modified"]) == (
        first.content,
        first["ETag"],
        first["Last-Modified"],
    )


@pytest.mark.parametrize("count", [1, 3])
def test_feed_queries_do_not_grow_with_sessions(client, django_assert_num_queries, count, clock):
    festival = FestivalFactory(slug="small")
    event = EventFactory(festival=festival)
    speaker = SpeakerFactory(festival=festival, slug="mel")
    theme = TagFactory(slug="care")
    sessions = [
        SessionFactory(event=event, title=f"Session {number}", speakers=[speaker], themes=[theme])
        for number in range(count)
    ]
    me = UserFactory()
    for session in sessions:
        book_place(user=me, session=session)
    token = make_calendar_link(user=me, reminder_minutes=60).token
    feeds = {
        # the festival (with any filters checked in the same query), speakers, themes,
        # write-ups, sessions
        "/festivals/small/calendar.ics": 5,
        f"/festivals/small/calendar.ics?format=talk&theme=care&room={sessions[0].room_id}": 5,
        f"/festivals/small/sessions/{sessions[0].slug}/calendar.ics": 5,
        "/festivals/small/speakers/mel/calendar.ics": 5,
        # the token, the bookings' stamps, then speakers, themes, write-ups, sessions
        f"/calendar/{token}.ics": 6,
    }

    for url, queries in feeds.items():
        cache.clear()
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200
