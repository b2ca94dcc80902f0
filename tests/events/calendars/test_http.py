"""Calendar feeds over HTTP (events/calendars/http.py): ETag and Last-Modified from the
programme stamp, 304 without building, the cached body, gzip, and what re-imports and
cancellations do to all of them."""

import gzip
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from events.calendars.base import RENDERED_EVENTS
from events.calendars.http import FEED_FORMAT_SINCE
from events.importing import import_programme
from events.models import Session
from tests.calendar_parsers import component_lines, parse_everywhere
from tests.factories import LONDON, SpeakerFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 9, tzinfo=LONDON)
FEED = "/festivals/nacpf/calendar.ics"
FEEDS = [
    FEED,
    FEED + "?format=talk",
    "/festivals/nacpf/sessions/session-1/calendar.ics",
    "/festivals/nacpf/speakers/mel-parks/calendar.ics",
]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_caches():
    cache.clear()
    RENDERED_EVENTS.clear()


@pytest.fixture
def imported(import_setting, programme_csv, settings):
    """Two sessions imported from a file, the first with a speaker."""
    settings.SITE_URL = "https://convene.example.org"
    rows = [
        {"speakers": "Mel Parks <mel@example.org>", "themes": "Care"},
        {"start": "12:00", "end": "13:00", "room": "Studio", "format": "workshop"},
    ]
    import_programme(festival=import_setting.festival, content=programme_csv(*rows))
    return rows


def reimport(import_setting, programme_csv, rows) -> None:
    import_programme(festival=import_setting.festival, content=programme_csv(*rows))


def event_lines(response, title: str) -> dict[str, str]:
    """The properties of the event called `title`, by name (parameters left on the name)."""
    for lines in component_lines(response.content.decode(), "VEVENT"):
        properties = dict(line.split(":", 1) for line in lines)
        if properties["SUMMARY"].endswith(title):
            return properties
    raise AssertionError(f"no event {title!r} in the feed")


def test_every_feed_has_a_content_type_etag_and_last_modified(client, imported):
    headers = {}
    for url in FEEDS:
        response = client.get(url)
        headers[url] = (
            response.status_code,
            response["Content-Type"],
            response["ETag"].startswith('"'),
            response["Last-Modified"],
            response["Cache-Control"],
        )

    assert headers == dict.fromkeys(
        FEEDS,
        (200, "text/calendar; charset=utf-8", True, "Tue, 01 Jun 2027 08:00:00 GMT", "no-cache"),
    )


def test_feeds_with_different_parameters_have_different_etags(client, imported):
    etags = {client.get(url)["ETag"] for url in FEEDS}

    assert len(etags) == len(FEEDS)


def test_an_unchanged_programme_gives_the_same_bytes_and_304s(client, imported, clock):
    first = client.get(FEED)
    clock.shift(timedelta(hours=2))
    cache.clear()
    RENDERED_EVENTS.clear()

    again = client.get(FEED)
    by_etag = client.get(FEED, headers={"if-none-match": first["ETag"]})
    by_date = client.get(FEED, headers={"if-modified-since": first["Last-Modified"]})

    assert again.content == first.content
    assert (by_etag.status_code, by_etag.content, by_etag["ETag"]) == (304, b"", first["ETag"])
    assert (by_date.status_code, by_date["Last-Modified"]) == (304, first["Last-Modified"])


def test_every_feed_answers_304_to_its_own_validators(client, imported):
    statuses = {}
    for url in FEEDS:
        first = client.get(url)
        statuses[url] = (
            client.get(url, headers={"if-none-match": first["ETag"]}).status_code,
            client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code,
            client.get(url, headers={"if-none-match": '"something-else"'}).status_code,
        )

    assert statuses == dict.fromkeys(FEEDS, (304, 304, 200))


def test_a_304_is_answered_from_the_festival_row_without_the_sessions_query(
    client, imported, django_assert_num_queries
):
    etag = client.get(FEED)["ETag"]

    with django_assert_num_queries(1), CaptureQueriesContext(connection) as queries:
        response = client.get(FEED, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert ["events_session" in query["sql"] for query in queries] == [False]


def test_a_warm_feed_is_served_from_the_cache_with_one_query(
    client, imported, django_assert_num_queries
):
    first = client.get(FEED)

    with django_assert_num_queries(1):
        again = client.get(FEED)

    assert again.content == first.content


def test_a_reimport_that_moves_a_session_updates_it_in_place(
    client, import_setting, programme_csv, imported, clock
):
    before = client.get(FEED)
    session = Session.objects.get(festival=import_setting.festival, ref="S01")
    clock.shift(timedelta(minutes=5))

    moved = [{**imported[0], "start": "15:00", "end": "16:00"}, imported[1]]
    reimport(import_setting, programme_csv, moved)
    after = client.get(FEED)
    revalidated = client.get(FEED, headers={"if-none-match": before["ETag"]})
    by_date = client.get(FEED, headers={"if-modified-since": before["Last-Modified"]})

    old, new = event_lines(before, "Session 1"), event_lines(after, "Session 1")
    assert (old["UID"], old["SEQUENCE"], old["LAST-MODIFIED"]) == (
        f"{session.uid}@convene.example.org", "0", "20270601T080000Z"
    )  # fmt: skip
    assert (new["UID"], new["SEQUENCE"], new["LAST-MODIFIED"], new["DTSTAMP"]) == (
        f"{session.uid}@convene.example.org", "1", "20270601T080500Z", "20270601T080500Z"
    )  # fmt: skip
    assert (new["DTSTART;TZID=Europe/London"], new["DTEND;TZID=Europe/London"]) == (
        "20270705T150000", "20270705T160000"
    )  # fmt: skip
    assert after["ETag"] != before["ETag"]
    assert (after["Last-Modified"], revalidated.status_code, by_date.status_code) == (
        "Tue, 01 Jun 2027 08:05:00 GMT", 200, 200
    )  # fmt: skip
    # Unchanged sessions keep their SEQUENCE and stamps; all three parsers see the move.
    assert event_lines(after, "Session 2") == event_lines(before, "Session 2")
    starts = {name: [event["start"] for event in events]
              for name, events in parse_everywhere(after.content.decode()).items()}  # fmt: skip
    assert starts == {
        name: [datetime(2027, 7, 5, 11, tzinfo=UTC), datetime(2027, 7, 5, 14, tzinfo=UTC)]
        for name in ("ical.js", "ical", "icalendar")
    }


def test_an_unchanged_reimport_changes_nothing_in_the_feed(
    client, import_setting, programme_csv, imported, clock
):
    before = client.get(FEED)
    clock.shift(timedelta(minutes=5))

    reimport(import_setting, programme_csv, imported)
    after = client.get(FEED, headers={"if-none-match": before["ETag"]})

    assert after.status_code == 304


def test_a_cancelled_session_stays_with_status_cancelled_and_moves_the_feed(
    client, import_setting, programme_csv, imported, clock
):
    before = client.get(FEED)
    clock.shift(timedelta(minutes=5))

    reimport(import_setting, programme_csv, [{**imported[0], "status": "cancelled"}, imported[1]])
    after = client.get(FEED)

    cancelled = event_lines(after, "Session 1")
    assert (cancelled["STATUS"], cancelled["SEQUENCE"], cancelled["SUMMARY"]) == (
        "CANCELLED", "1", "Cancelled: Session 1"
    )  # fmt: skip
    assert [event["status"] for event in parse_everywhere(after.content.decode())["ical.js"]] == [
        "CANCELLED",
        "CONFIRMED",
    ]
    assert (after["ETag"] != before["ETag"], after["Last-Modified"]) == (
        True, "Tue, 01 Jun 2027 08:05:00 GMT"
    )  # fmt: skip


def test_deleting_a_session_moves_the_feeds_last_modified(client, import_setting, imported, clock):
    before = client.get(FEED)
    clock.shift(timedelta(minutes=5))

    Session.objects.get(festival=import_setting.festival, ref="S02").delete()
    after = client.get(FEED, headers={"if-modified-since": before["Last-Modified"]})

    assert (after.status_code, after["Last-Modified"]) == (200, "Tue, 01 Jun 2027 08:05:00 GMT")
    assert [event["summary"] for event in parse_everywhere(after.content.decode())["ical"]] == [
        "Session 1"
    ]


def test_renaming_a_speaker_changes_the_speaker_feed(client, import_setting, imported, clock):
    url = "/festivals/nacpf/speakers/mel-parks/calendar.ics"
    before = client.get(url)
    clock.shift(timedelta(minutes=5))
    speaker = import_setting.festival.speakers.get(slug="mel-parks")
    speaker.name = "Mel Parks-Jones"
    speaker.save()

    after = client.get(url, headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert event_lines(after, "Session 1")["DESCRIPTION"].startswith("With Mel Parks-Jones.")


def test_gzip_when_the_client_accepts_it(client, imported):
    plain = client.get(FEED)

    zipped = client.get(FEED, headers={"accept-encoding": "gzip, deflate"})
    revalidated = client.get(FEED, headers={"if-none-match": zipped["ETag"]})

    assert (zipped["Content-Encoding"], zipped["Vary"], zipped["ETag"]) == (
        "gzip", "Accept-Encoding", "W/" + plain["ETag"]
    )  # fmt: skip
    assert gzip.decompress(zipped.content) == plain.content
    assert revalidated.status_code == 304
    assert plain.has_header("Content-Encoding") is False


def test_a_feed_answers_only_get_and_head(client, imported):
    statuses = (client.head(FEED).status_code, client.post(FEED).status_code)

    assert statuses == (200, 405)


def test_a_new_speaker_without_sessions_leaves_the_festival_feed_bytes_alone(
    client, import_setting, imported, clock
):
    before = client.get(FEED)
    clock.shift(timedelta(minutes=5))
    SpeakerFactory(festival=import_setting.festival, name="Sam Lee", slug="sam-lee")
    cache.clear()

    after = client.get(FEED)

    # The stamp moves (a new ETag, one wasted fetch); the text is the same.
    assert (after.content == before.content, after["ETag"] != before["ETag"]) == (True, True)


def test_a_feed_unchanged_since_before_the_feed_format_changed_is_sent_again(
    import_setting, programme_csv, clock
):
    """A client that revalidates with If-Modified-Since alone, holding a copy from before the
    current feed format (FEED_FORMAT_SINCE), gets the new text, not a 304."""
    clock.move_to(FEED_FORMAT_SINCE - timedelta(days=30))
    import_programme(festival=import_setting.festival, content=programme_csv({"ref": "S01"}))
    clock.move_to(FEED_FORMAT_SINCE + timedelta(days=1))
    client = Client()
    held = http_date((FEED_FORMAT_SINCE - timedelta(days=1)).timestamp())

    stale = client.get(FEED, HTTP_IF_MODIFIED_SINCE=held)
    current = client.get(FEED, HTTP_IF_MODIFIED_SINCE=stale["Last-Modified"])

    assert (stale.status_code, stale["Last-Modified"], current.status_code) == (
        200,
        http_date(FEED_FORMAT_SINCE.timestamp()),
        304,
    )
