"""The Calendars figures: the festival feed of a 5,000-session programme (20 rooms, 5 days),
cold, rebuilt after one change, warm (cached body) and 304, beside the same bytes served as
a static file by the same server, and beside a naive django-ical feed of the same data."""

import gzip
import http.client
import tempfile
import threading
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test import Client, RequestFactory, override_settings
from django.test.testcases import QuietWSGIRequestHandler
from django.urls import reverse
from django_ical.views import ICalFeed

from bench.measure import count_queries, time_calls
from bench.programme_csv import programme_csv
from events.calendars.base import RENDERED_EVENTS
from events.calendars.views import festival_calendar
from events.importing import import_programme
from events.models import Event, Session
from festival.memo import forget_all
from festival.models import Festival, Room, Venue

FIRST_DAY = date(2031, 6, 2)
DAYS = 5
ROOMS = 20
PER_ROOM_PER_DAY = 50
SESSIONS = DAYS * ROOMS * PER_ROOM_PER_DAY


def make_festival(slug: str, *, days: int, rooms: int, per_room_per_day: int) -> Festival:
    zone = ZoneInfo("Europe/London")
    festival = Festival.objects.create(
        name=f"Calendar bench {slug}",
        slug=slug,
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + timedelta(days=days - 1),
        is_published=True,
    )
    venue = Venue.objects.create(
        name=f"Venue {slug}", slug=f"venue-{slug}", address="Liverpool Road\nManchester M3 4FP"
    )
    Room.objects.bulk_create(
        Room(venue=venue, name=f"Room {number}", position=number) for number in range(rooms)
    )
    Event.objects.create(
        festival=festival,
        title="Bench event",
        slug="bench-event",
        venue=venue,
        start=datetime.combine(FIRST_DAY, time(7), tzinfo=zone),
        end=datetime.combine(festival.end_date, time(23), tzinfo=zone),
    )
    text = programme_csv(
        first_day=FIRST_DAY,
        days=days,
        rooms=[f"Room {number}" for number in range(rooms)],
        per_room_per_day=per_room_per_day,
    )
    import_programme(festival=festival, content=text)
    return festival


class NaiveFestivalFeed(ICalFeed):
    """The feed as django-ical's documentation would have it: model instances with their
    relations prefetched, hooks on the instances, django-ical's own icalendar generator."""

    def get_object(self, request, festival):
        return Festival.objects.get(slug=festival)

    def items(self, festival):
        return (
            Session.objects.filter(festival=festival)
            .select_related("festival", "room__venue")
            .prefetch_related("speakers", "themes")
            .order_by("start", "room__position", "title", "pk")
        )

    def title(self, festival):
        return festival.name

    def timezone(self, festival):
        return festival.timezone

    def item_guid(self, session):
        return f"{session.uid}@convene.example.org"

    def item_title(self, session):
        return session.title

    def item_description(self, session):
        speakers = ", ".join(speaker.name for speaker in session.speakers.all())
        return f"With {speakers}.\n\n{session.description}"

    def item_link(self, session):
        return settings.SITE_URL + session.get_absolute_url()

    def item_location(self, session):
        return f"{session.room.name}, {session.room.venue.name}, {session.room.venue.address}"

    def item_categories(self, session):
        return [session.get_format_display(), *(theme.name for theme in session.themes.all())]

    def item_start_datetime(self, session):
        return session.start.astimezone(session.festival.zone)

    def item_end_datetime(self, session):
        return session.end.astimezone(session.festival.zone)

    def item_updateddate(self, session):
        return session.updated_at

    def item_status(self, session):
        return "CANCELLED" if session.is_cancelled else "CONFIRMED"


@contextmanager
def loopback_server():
    """A single-threaded Django WSGI server on 127.0.0.1 (like one gunicorn sync worker),
    built now so that whitenoise reads STATIC_ROOT; yields fetch(path, headers) -> (status,
    body) over a new HTTP connection each time, reading the whole body."""
    server = WSGIServer(("127.0.0.1", 0), QuietWSGIRequestHandler, ipv6=False)
    server.set_app(WSGIHandler())

    def serve() -> None:
        try:
            server.serve_forever()
        finally:
            connections.close_all()  # the server thread's own connections

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = server.server_address[1]

    def fetch(path: str, headers: dict | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    try:
        yield fetch
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def serve_figures(url: str, static_url: str, body: bytes, etag: str, *, conn_max_age: int) -> None:
    """Warm feed, static file and 304 over HTTP. With CONN_MAX_AGE=0 (the default) every
    request opens a new database connection: most of a warm or 304 answer on PostgreSQL."""
    database = settings.DATABASES["default"]
    before, database["CONN_MAX_AGE"] = database["CONN_MAX_AGE"], conn_max_age
    try:
        with loopback_server() as fetch:
            assert fetch(static_url)[1] == body
            assert fetch(url)[1] == body
            gzip_headers = {"Accept-Encoding": "gzip"}
            assert gzip.decompress(fetch(url, gzip_headers)[1]) == body
            revalidate = {"If-None-Match": etag}
            assert fetch(url, revalidate)[0] == 304
            warm = time_calls(lambda: fetch(url), runs=31, warmup=3)
            static = time_calls(lambda: fetch(static_url), runs=31, warmup=3)
            warm_gzip = time_calls(lambda: fetch(url, gzip_headers), runs=31, warmup=3)
            static_gzip = time_calls(lambda: fetch(static_url, gzip_headers), runs=31, warmup=3)
            not_modified = time_calls(lambda: fetch(url, revalidate), runs=31, warmup=3)
    finally:
        database["CONN_MAX_AGE"] = before
    print(f"  CONN_MAX_AGE={conn_max_age}:")
    print(f"    warm feed (cached body): {warm}")
    print(f"    static file, same bytes: {static}")
    print(f"    warm / static: {warm.median_ms / static.median_ms:.2f}")
    print(f"    warm feed, gzip: {warm_gzip}")
    print(f"    static file, gzip (.gz beside it): {static_gzip}")
    print(f"    warm / static, gzip: {warm_gzip.median_ms / static_gzip.median_ms:.2f}")
    print(f"    304 (If-None-Match): {not_modified}")


def cold(call):
    def run():
        cache.clear()
        forget_all()  # each process's own copies of the feeds, beside the shared cache
        RENDERED_EVENTS.clear()
        return call()

    return run


def run() -> None:
    big = make_festival("calendar-big", days=DAYS, rooms=ROOMS, per_room_per_day=PER_ROOM_PER_DAY)
    small = make_festival("calendar-small", days=1, rooms=3, per_room_per_day=1)
    assert Session.objects.filter(festival=big).count() == SESSIONS

    requests = RequestFactory()
    url = reverse("festival-calendar", kwargs={"festival": big.slug})
    naive_view = NaiveFestivalFeed()

    def ours() -> bytes:
        response = festival_calendar(requests.get(url), festival=big.slug)
        assert response.status_code == 200
        return response.content

    def naive() -> bytes:
        response = naive_view(requests.get(url), festival=big.slug)
        assert response.status_code == 200
        return response.content

    body = cold(ours)()
    naive_body = naive()
    print(
        f"festival feed, {SESSIONS} sessions: {len(body) / 1e6:.1f} MB "
        f"({len(gzip.compress(body)) / 1e6:.2f} MB gzipped); naive django-ical: "
        f"{len(naive_body) / 1e6:.1f} MB"
    )
    naive_time = time_calls(naive, runs=3, warmup=0)
    cold_time = time_calls(cold(ours), runs=7, warmup=0)
    print(f"naive django-ical feed (view, no cache): {naive_time}")
    print(f"cold feed build (view, caches emptied): {cold_time}")
    print(f"cold build is {naive_time.median_ms / cold_time.median_ms:.1f}x faster than naive")

    def after_one_change() -> bytes:
        # A new stamp: the body cache misses, the kept events of unchanged sessions hit.
        Festival.objects.filter(pk=big.pk).update(
            programme_changed_at=datetime.now(tz=ZoneInfo("UTC"))
        )
        return ours()

    rebuilt = time_calls(after_one_change, runs=7, warmup=1)
    print(f"rebuild after a change (event texts kept): {rebuilt}")

    client = Client()
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    print("over HTTP on 127.0.0.1: one single-threaded Django server (as one gunicorn sync")
    print("worker), whitenoise serving the static file; medians of 31 fetches, whole bodies")
    with tempfile.TemporaryDirectory() as folder, override_settings(STATIC_ROOT=folder):
        (Path(folder) / "festival.ics").write_bytes(body)
        (Path(folder) / "festival.ics.gz").write_bytes(gzip.compress(body, mtime=0))
        static_url = "/" + settings.STATIC_URL.strip("/") + "/festival.ics"
        for conn_max_age in (60, 0):
            serve_figures(url, static_url, body, etag, conn_max_age=conn_max_age)

    small_url = reverse("festival-calendar", kwargs={"festival": small.slug})
    print(
        "feed queries, cold: "
        f"{count_queries(cold(lambda: client.get(url)))} with {SESSIONS} sessions, "
        f"{count_queries(cold(lambda: client.get(small_url)))} with 3; "
        f"304: {count_queries(lambda: client.get(url, headers={'if-none-match': etag}))}"
    )
