"""schedule.xml and schedule.json (events/schedule_exports/): valid against the frab/c3voc
schemas in ../shared/schemas/frab/, the values conference apps show, conditional requests
answered from the programme stamp, and query counts that do not grow with the programme."""

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.http import http_date
from jsonschema import Draft6Validator, FormatChecker
from lxml import etree

from events.enums import SessionFormat, SessionStatus
from events.models import Session
from festival.models import Festival, Room, Speaker
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
from tests.html import texts

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "schemas" / "frab"
SITE = settings.SITE_URL
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@pytest.fixture(scope="session")
def frab_schemas() -> Path:
    """The schemas' folder beside the repository: skipped locally without it, never in CI."""
    if not (SCHEMAS / "schedule.xml.xsd").is_file() or not (SCHEMAS / "schema.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have the frab schemas at {SCHEMAS}: copy shared/ beside it.")
        pytest.skip(f"needs the frab schemas at {SCHEMAS} (shared/ beside the repository)")
    return SCHEMAS


@pytest.fixture(scope="session")
def xml_schema(frab_schemas: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(frab_schemas / "schedule.xml.xsd")))


@pytest.fixture(scope="session")
def json_validator(frab_schemas: Path) -> Draft6Validator:
    schema = json.loads((frab_schemas / "schema.json").read_text())
    Draft6Validator.check_schema(schema)
    # Every format jsonschema checks on its own (uuid, date...), and the two it needs extra
    # packages for, checked here: date-time as RFC 3339 with an offset, uri as absolute.
    formats = FormatChecker()

    @formats.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        return not isinstance(value, str) or bool(
            RFC3339.fullmatch(value) and datetime.fromisoformat(value)
        )

    @formats.checks("uri")
    def is_absolute_uri(value: object) -> bool:
        return not isinstance(value, str) or bool(urlsplit(value).scheme and urlsplit(value).netloc)

    return Draft6Validator(schema, format_checker=formats)


def xml_errors(schema: etree.XMLSchema, content: bytes) -> list[str]:
    schema.validate(etree.fromstring(content))
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def json_errors(validator: Draft6Validator, content: bytes) -> list[str]:
    return [
        f"{error.json_path}: {error.message}"
        for error in validator.iter_errors(json.loads(content))
    ]


def at(day: int, hour: int, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime(2027, 10, day, hour, minute, tzinfo=LONDON, fold=fold)


@dataclass(frozen=True)
class Programme:
    festival: Festival
    hall: Room
    studio: Room
    mel: Speaker
    sam: Speaker
    talk: Session
    workshop: Session
    before_change: Session
    late: Session
    walk: Session
    cancelled: Session


@pytest.fixture
def programme() -> Programme:
    """Fri 29 to Sun 31 October 2027 in London, where the clocks go back at 02:00 BST on the
    Sunday: a talk on Saturday (BST, +01:00), a workshop on Sunday after the change (GMT), a
    session on Sunday before it, one running past midnight on Friday, a drop-in and a
    cancelled session."""
    festival = FestivalFactory(
        name="Not Another Co-production Festival",
        slug="nacpf",
        start_date=at(29, 0).date(),
        end_date=at(31, 0).date(),
    )
    venue = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(festival=festival, venue=venue, start=at(29, 9), end=at(31, 23))
    hall = RoomFactory(venue=venue, name="Hall", position=1, capacity=120)
    studio = RoomFactory(venue=venue, name="Studio", position=2, capacity=None)
    mel = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks")
    sam = SpeakerFactory(festival=festival, name="Sam Okafor", slug="sam-okafor")
    health = TagFactory(name="Health", slug="health")
    housing = TagFactory(name="Housing", slug="housing")
    return Programme(
        festival=festival,
        hall=hall,
        studio=studio,
        mel=mel,
        sam=sam,
        talk=SessionFactory(
            event=event,
            title="What is co-production?",
            slug="what-is-co-production",
            start=at(30, 10),
            end=at(30, 11, 30),
            room=hall,
            format=SessionFormat.TALK,
            speakers=[sam, mel],
            themes=[housing, health],
            # Windows line ends, as a spreadsheet's export may have them.
            description="Who decides, and how.\r\n\r\nA talk with questions.\n\nBring one.",
        ),
        workshop=SessionFactory(
            event=event,
            title="Making a zine",
            slug="making-a-zine",
            start=at(31, 10),
            end=at(31, 11, 30),
            room=studio,
            format=SessionFormat.WORKSHOP,
            capacity=12,
            speakers=[sam],
            description="Paper, scissors, stories.",
        ),
        before_change=SessionFactory(
            event=event,
            title="Night walk",
            slug="night-walk",
            start=at(31, 0, 30),
            end=at(31, 1, 15),
            room=studio,
            format=SessionFormat.HAPPENING,
        ),
        late=SessionFactory(
            event=event,
            title="Late conversation",
            slug="late-conversation",
            start=at(29, 23),
            end=at(30, 0, 30),
            room=hall,
            format=SessionFormat.CONVERSATION,
            description="",
        ),
        walk=SessionFactory(
            event=event,
            title="Drop-in garden",
            slug="drop-in-garden",
            start=at(30, 14),
            end=at(30, 16),
            room=studio,
            format=SessionFormat.HAPPENING,
            capacity=None,
            themes=[health],
        ),
        cancelled=SessionFactory(
            event=event,
            title="Closing circle",
            slug="closing-circle",
            start=at(31, 16),
            end=at(31, 17),
            room=hall,
            format=SessionFormat.CONVERSATION,
            status=SessionStatus.CANCELLED,
            speakers=[mel],
        ),
    )


def export_url(name: str, festival: Festival) -> str:
    return reverse(name, kwargs={"festival": festival.slug})


def get_json(client, festival: Festival) -> dict:
    response = client.get(export_url("festival-schedule-json", festival))
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    return json.loads(response.content)


def get_xml(client, festival: Festival) -> etree._Element:
    response = client.get(export_url("festival-schedule-xml", festival))
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/xml; charset=utf-8",
    )
    return etree.fromstring(response.content)


def json_events(document: dict) -> dict[str, dict]:
    """Every event of a schedule.json by guid."""
    return {
        event["guid"]: event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }


def xml_event(root: etree._Element, session: Session) -> dict:
    """One event of a schedule.xml as plain values: attributes, then each element's text."""
    (element,) = root.xpath("day/room/event[@guid=$guid]", guid=str(session.uid))
    values: dict = {"@" + name: value for name, value in element.attrib.items()}
    for child in element:
        if child.tag == "persons":
            values["persons"] = [(person.get("id"), person.text) for person in child]
        else:
            values[child.tag] = child.text or ""
    return values


def room_guid(room: Room) -> str:
    from uuid import NAMESPACE_URL, uuid5

    return str(uuid5(NAMESPACE_URL, f"{SITE}/rooms/{room.pk}"))


def test_schedule_xml_is_valid_against_the_frab_schema(client, programme, xml_schema):
    response = client.get(export_url("festival-schedule-xml", programme.festival))

    assert xml_errors(xml_schema, response.content) == []
    assert len(etree.fromstring(response.content).xpath("day/room/event")) == 6


def test_schedule_json_is_valid_against_the_c3voc_schema(client, programme, json_validator):
    response = client.get(export_url("festival-schedule-json", programme.festival))

    assert json_errors(json_validator, response.content) == []
    assert len(json_events(json.loads(response.content))) == 6


def test_schedule_json_event_has_the_session_values(client, programme):
    talk, mel, sam = programme.talk, programme.mel, programme.sam

    event = json_events(get_json(client, programme.festival))[str(talk.uid)]

    assert event == {
        "guid": str(talk.uid),
        "id": talk.pk,
        "date": "2027-10-30T10:00:00+01:00",
        "start": "10:00",
        "end": "2027-10-30T11:30:00+01:00",
        "duration": "01:30",
        "room": "Hall",
        "slug": f"nacpf-{talk.pk}-what-is-co-production",
        "url": f"{SITE}/festivals/nacpf/sessions/what-is-co-production/",
        "title": "What is co-production?",
        "subtitle": "",
        "track": "Health",
        "type": "Talk",
        "language": "en",
        "abstract": "Who decides, and how.",
        "description": "A talk with questions.\n\nBring one.",
        "persons": [
            {
                "id": mel.pk,
                "public_name": "Mel Parks",
                "url": f"{SITE}/festivals/nacpf/speakers/mel-parks/",
            },
            {
                "id": sam.pk,
                "public_name": "Sam Okafor",
                "url": f"{SITE}/festivals/nacpf/speakers/sam-okafor/",
            },
        ],
        "links": [],
    }


def test_schedule_xml_event_has_the_session_values(client, programme):
    talk, mel, sam = programme.talk, programme.mel, programme.sam

    event = xml_event(get_xml(client, programme.festival), talk)

    assert event == {
        "@guid": str(talk.uid),
        "@id": str(talk.pk),
        "date": "2027-10-30T10:00:00+01:00",
        "start": "10:00",
        "duration": "01:30",
        "room": "Hall",
        "slug": f"nacpf-{talk.pk}-what-is-co-production",
        "url": f"{SITE}/festivals/nacpf/sessions/what-is-co-production/",
        "title": "What is co-production?",
        "subtitle": "",
        "track": "Health",
        "type": "Talk",
        "language": "en",
        "abstract": "Who decides, and how.",
        "description": "A talk with questions.\n\nBring one.",
        "persons": [(str(mel.pk), "Mel Parks"), (str(sam.pk), "Sam Okafor")],
        "links": "",
    }


def test_schedule_exports_give_each_side_of_the_clock_change_its_offset(client, programme):
    sessions = [programme.before_change, programme.workshop]
    events = json_events(get_json(client, programme.festival))
    root = get_xml(client, programme.festival)

    in_json = [events[str(session.uid)] for session in sessions]
    in_xml = [xml_event(root, session) for session in sessions]
    assert [(event["date"], event["start"], event["duration"]) for event in in_json] == [
        ("2027-10-31T00:30:00+01:00", "00:30", "00:45"),
        ("2027-10-31T10:00:00+00:00", "10:00", "01:30"),
    ]
    assert [(event["date"], event["start"], event["duration"]) for event in in_xml] == [
        ("2027-10-31T00:30:00+01:00", "00:30", "00:45"),
        ("2027-10-31T10:00:00+00:00", "10:00", "01:30"),
    ]


def guids(*sessions: Session) -> list[str]:
    return [str(session.uid) for session in sessions]


def test_schedule_exports_list_days_rooms_and_events_in_order(client, programme):
    p = programme
    days = get_json(client, p.festival)["schedule"]["conference"]["days"]
    root = get_xml(client, p.festival)
    expected = [
        # Friday ends when its late conversation does, past midnight.
        (1, "2027-10-29", "2027-10-29T00:00:00+01:00", "2027-10-30T00:30:00+01:00",
         [("Hall", guids(p.late))]),
        (2, "2027-10-30", "2027-10-30T00:00:00+01:00", "2027-10-31T00:00:00+01:00",
         [("Hall", guids(p.talk)), ("Studio", guids(p.walk))]),
        # Sunday is 25 hours long: it starts in BST and ends in GMT.
        (3, "2027-10-31", "2027-10-31T00:00:00+01:00", "2027-11-01T00:00:00+00:00",
         [("Hall", guids(p.cancelled)), ("Studio", guids(p.before_change, p.workshop))]),
    ]  # fmt: skip

    assert [
        (
            day["index"],
            day["date"],
            day["day_start"],
            day["day_end"],
            [(room, [event["guid"] for event in events]) for room, events in day["rooms"].items()],
        )
        for day in days
    ] == expected
    assert [
        (
            int(day.get("index")),
            day.get("date"),
            day.get("start"),
            day.get("end"),
            [(room.get("name"), [event.get("guid") for event in room]) for room in day],
        )
        for day in root.findall("day")
    ] == expected


def test_schedule_json_conference_describes_the_festival(client, programme):
    document = get_json(client, programme.festival)
    conference = {
        key: value for key, value in document["schedule"]["conference"].items() if key != "days"
    }
    programme.festival.refresh_from_db()

    assert document["generator"] == {"name": "Convene"}
    assert {key: value for key, value in document["schedule"].items() if key != "conference"} == {
        "url": f"{SITE}/festivals/nacpf/schedule.json",
        "version": programme.festival.programme_changed_at.isoformat(),
        "base_url": f"{SITE}/",
    }
    assert conference == {
        "acronym": "nacpf",
        "title": "Not Another Co-production Festival",
        "start": "2027-10-29",
        "end": "2027-10-31",
        "daysCount": 3,
        "timeslot_duration": "00:05",
        "time_zone_name": "Europe/London",
        "url": f"{SITE}/festivals/nacpf/",
        "rooms": [
            {"name": "Hall", "guid": room_guid(programme.hall), "capacity": 120},
            {"name": "Studio", "guid": room_guid(programme.studio), "capacity": None},
        ],
        "tracks": [
            {"name": "Conversation"},
            {"name": "Happening"},
            {"name": "Health"},
            {"name": "Workshop"},
        ],
    }


def test_schedule_xml_conference_describes_the_festival(client, programme):
    root = get_xml(client, programme.festival)
    programme.festival.refresh_from_db()

    assert [(child.tag, child.text, dict(child.attrib)) for child in root.find("conference")] == [
        ("acronym", "nacpf", {}),
        ("title", "Not Another Co-production Festival", {}),
        ("start", "2027-10-29", {}),
        ("end", "2027-10-31", {}),
        ("days", "3", {}),
        ("timeslot_duration", "00:05", {}),
        ("base_url", f"{SITE}/", {}),
        ("url", f"{SITE}/festivals/nacpf/", {}),
        ("time_zone_name", "Europe/London", {}),
        ("track", None, {"name": "Conversation"}),
        ("track", None, {"name": "Happening"}),
        ("track", None, {"name": "Health"}),
        ("track", None, {"name": "Workshop"}),
    ]
    assert [root.findtext("url"), root.findtext("version")] == [
        f"{SITE}/festivals/nacpf/schedule.xml",
        programme.festival.programme_changed_at.isoformat(),
    ]
    assert [(room.get("name"), room.get("guid")) for room in root.findall("day/room")] == [
        ("Hall", room_guid(programme.hall)),
        ("Hall", room_guid(programme.hall)),
        ("Studio", room_guid(programme.studio)),
        ("Hall", room_guid(programme.hall)),
        ("Studio", room_guid(programme.studio)),
    ]


def test_schedule_exports_keep_a_cancelled_session_with_its_title_marked(client, programme):
    cancelled = programme.cancelled
    event = json_events(get_json(client, programme.festival))[str(cancelled.uid)]
    xml = xml_event(get_xml(client, programme.festival), cancelled)

    assert [event["title"], event["date"], event["room"]] == [
        "Cancelled: Closing circle",
        "2027-10-31T16:00:00+00:00",
        "Hall",
    ]
    assert [xml["title"], xml["date"], xml["room"]] == [
        "Cancelled: Closing circle",
        "2027-10-31T16:00:00+00:00",
        "Hall",
    ]


def test_schedule_exports_track_is_the_format_without_a_theme(client, programme):
    events = json_events(get_json(client, programme.festival))

    assert [
        (events[str(session.uid)]["track"], events[str(session.uid)]["type"])
        for session in (programme.workshop, programme.walk, programme.late)
    ] == [("Workshop", "Workshop"), ("Health", "Happening"), ("Conversation", "Conversation")]


def test_schedule_exports_name_the_venue_when_rooms_share_a_name(
    client, xml_schema, json_validator
):
    festival = FestivalFactory(slug="two-venues")
    halls = []
    for venue_name in ("Band on the Wall", "Museum of Science and Industry"):
        venue = VenueFactory(name=venue_name)
        event = EventFactory(festival=festival, venue=venue)
        halls.append(SessionFactory(event=event, room=RoomFactory(venue=venue, name="Hall")))

    document = get_json(client, festival)
    xml = client.get(export_url("festival-schedule-xml", festival)).content

    (day, _) = document["schedule"]["conference"]["days"]
    assert {room: [event["guid"] for event in events] for room, events in day["rooms"].items()} == {
        "Hall (Band on the Wall)": [str(halls[0].uid)],
        "Hall (Museum of Science and Industry)": [str(halls[1].uid)],
    }
    assert document["schedule"]["conference"]["acronym"] == "two_venues"
    assert xml_errors(xml_schema, xml) == []
    assert json_errors(json_validator, json.dumps(document).encode()) == []


def test_schedule_xml_leaves_out_characters_xml_cannot_hold(client, programme, xml_schema):
    Session.objects.filter(pk=programme.talk.pk).update(description="Tabs\tstay,\x0cfeeds go.")

    response = client.get(export_url("festival-schedule-xml", programme.festival))

    assert xml_errors(xml_schema, response.content) == []
    assert xml_event(etree.fromstring(response.content), programme.talk)["abstract"] == (
        "Tabs\tstay,feeds go."
    )


def test_schedule_exports_of_the_demo_festivals_are_valid(client, xml_schema, json_validator):
    call_command("load_demo", stdout=StringIO())
    festivals = list(Festival.objects.order_by("slug"))

    results = {}
    for festival in festivals:
        xml = client.get(export_url("festival-schedule-xml", festival)).content
        json_content = client.get(export_url("festival-schedule-json", festival)).content
        results[festival.slug] = (
            xml_errors(xml_schema, xml),
            json_errors(json_validator, json_content),
            len(etree.fromstring(xml).xpath("day/room/event")),
            len(json_events(json.loads(json_content))),
        )

    assert "not-another-co-production-festival" in results
    assert results == {
        festival.slug: ([], [], festival.sessions.count(), festival.sessions.count())
        for festival in festivals
    }


@pytest.mark.parametrize(
    ("name", "filename", "content_type"),
    [
        ("festival-schedule-xml", "schedule.xml", "application/xml; charset=utf-8"),
        ("festival-schedule-json", "schedule.json", "application/json"),
    ],
)
def test_schedule_export_headers_come_from_the_programme_stamp(
    client, programme, name, filename, content_type
):
    response = client.get(export_url(name, programme.festival))
    programme.festival.refresh_from_db()
    stamp = programme.festival.programme_changed_at

    assert {
        header: response.get(header)
        for header in (
            "Content-Type",
            "ETag",
            "Last-Modified",
            "Cache-Control",
            "Access-Control-Allow-Origin",
        )
    } == {
        "Content-Type": content_type,
        "ETag": f'"{filename}-r1-{stamp.timestamp():.6f}"',
        "Last-Modified": http_date(stamp.timestamp()),
        "Cache-Control": "public, no-cache",
        "Access-Control-Allow-Origin": "*",
    }


@pytest.mark.parametrize("name", ["festival-schedule-xml", "festival-schedule-json"])
def test_schedule_export_answers_if_none_match_with_304_without_building(
    client, programme, django_assert_num_queries, name
):
    url = export_url(name, programme.festival)
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(1):  # the festival, for its stamp
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag)


@pytest.mark.parametrize("name", ["festival-schedule-xml", "festival-schedule-json"])
def test_schedule_export_answers_if_modified_since_with_304_without_building(
    client, programme, django_assert_num_queries, name
):
    url = export_url(name, programme.festival)
    last_modified = client.get(url)["Last-Modified"]

    with django_assert_num_queries(1):
        response = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert (response.status_code, response.content) == (304, b"")


@pytest.mark.parametrize("name", ["festival-schedule-xml", "festival-schedule-json"])
def test_schedule_export_changes_etag_and_body_when_a_session_moves(client, programme, name):
    url = export_url(name, programme.festival)
    with time_machine.travel(datetime(2027, 9, 1, 12, tzinfo=LONDON)):
        programme.festival.save()
    before = client.get(url)
    unchanged = client.get(url)

    with time_machine.travel(datetime(2027, 9, 2, 12, tzinfo=LONDON)):
        programme.talk.start, programme.talk.end = at(30, 12), at(30, 13, 30)
        programme.talk.save()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    assert unchanged.content == before.content
    assert [after.status_code, after["ETag"] != before["ETag"]] == [200, True]
    assert b"2027-10-30T12:00:00+01:00" in after.content
    assert b"2027-10-30T12:00:00+01:00" not in before.content
    assert [before["Last-Modified"], after["Last-Modified"]] == [
        "Wed, 01 Sep 2027 11:00:00 GMT",
        "Thu, 02 Sep 2027 11:00:00 GMT",
    ]


@pytest.mark.parametrize("name", ["festival-schedule-xml", "festival-schedule-json"])
def test_schedule_export_of_an_unpublished_festival_is_404(client, name):
    festival = FestivalFactory(slug="draft-festival", is_published=False)
    SessionFactory(event=EventFactory(festival=festival))
    url = export_url(name, festival)

    responses = [client.get(url), client.get(url, HTTP_IF_NONE_MATCH="*")]

    assert [(response.status_code, response.has_header("ETag")) for response in responses] == [
        (404, False),
        (404, False),
    ]


@pytest.mark.parametrize("name", ["festival-schedule-xml", "festival-schedule-json"])
def test_schedule_export_of_an_unpublished_festival_is_a_private_preview_for_organisers(
    client, name
):
    organiser = UserFactory()
    festival = FestivalFactory(slug="draft-festival", is_published=False, organisers=[organiser])
    client.force_login(organiser)

    response = client.get(export_url(name, festival))

    assert [
        response.status_code,
        response["Cache-Control"],
        response.has_header("Access-Control-Allow-Origin"),
    ] == [200, "private, no-cache", False]


@pytest.mark.parametrize("name", ["festival-schedule-xml", "festival-schedule-json"])
def test_schedule_export_refuses_post(client, programme, name):
    response = client.post(export_url(name, programme.festival))

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")


def make_festival_with_sessions(count: int) -> Festival:
    festival = FestivalFactory(slug=f"festival-of-{count}")
    venue = VenueFactory()
    event = EventFactory(festival=festival, venue=venue)
    for number in range(count):
        SessionFactory(
            event=event,
            room=RoomFactory(venue=venue),
            start=datetime(2027, 7, 5 + number % 2, 10 + number, tzinfo=LONDON),
            end=datetime(2027, 7, 5 + number % 2, 11 + number, tzinfo=LONDON),
            speakers=[SpeakerFactory(festival=festival), SpeakerFactory(festival=festival)],
            themes=[TagFactory(), TagFactory()],
        )
    return festival


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("name", ["festival-schedule-xml", "festival-schedule-json"])
def test_schedule_export_queries_do_not_grow_with_the_programme(
    client, django_assert_num_queries, name, count
):
    festival = make_festival_with_sessions(count)
    url = export_url(name, festival)

    # The festival, its sessions with rooms and venues, their speakers, their themes.
    with django_assert_num_queries(4):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.count(b"Session ") == count


def test_festival_page_links_the_schedule_exports(client, programme):
    response = client.get(reverse("festival-detail", kwargs={"festival": "nacpf"}))

    assert texts(response, "p.schedule-exports") == [
        "For conference apps: schedule.xml · schedule.json"
    ]
    assert re.findall(r'href="([^"]*/schedule\.(?:xml|json))"', response.content.decode()) == [
        "/festivals/nacpf/schedule.xml",
        "/festivals/nacpf/schedule.json",
    ]


def test_schedule_exports_guids_are_the_session_uids(client, programme):
    events = json_events(get_json(client, programme.festival))

    assert sorted(UUID(guid) for guid in events) == sorted(
        Session.objects.values_list("uid", flat=True)
    )
