"""The schedule exports (frab/c3voc): schedule.xml and schedule.json of a 5,000-session
festival (10 rooms, 5 days, 100 ten-minute sessions a room a day, one or two speakers and two
themes each), built cold as medians, their query counts beside a 10-session festival's, and
the 304 that an app's refresh mostly gets."""

from datetime import date, datetime, time, timedelta

from django.test import Client
from django.urls import reverse

from bench.measure import count_queries, time_calls
from events.enums import SessionFormat, SessionStatus
from events.models import Event, Session
from events.schedule_exports import ScheduleJson, ScheduleXml
from festival.models import Festival, Room, Speaker, Tag, Venue

FIRST_DAY = date(2030, 9, 2)
DAYS = 5
ROOMS = 10
PER_ROOM_PER_DAY = 100
SPEAKERS = 800
THEMES = 8
FORMATS = list(SessionFormat.values)
DESCRIPTION = (
    "A session generated for the benchmark, with a first paragraph as its abstract.\n\n"
    "And a second paragraph, as long as a real description might be, about who is "
    "coming, what to bring and how the room is set out."
)


def slot_start(festival: Festival, *, day: int, slot: int) -> datetime:
    """Ten-minute slots from 07:00: the hundredth starts at 23:30."""
    return festival.local_datetime(FIRST_DAY + timedelta(days=day), time(7)) + timedelta(
        minutes=10 * slot
    )


def make_festival(slug: str, *, per_room_per_day: int, rooms: int) -> Festival:
    festival = Festival.objects.create(
        name=f"Schedule export bench {slug}",
        slug=slug,
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + timedelta(days=DAYS - 1),
        is_published=True,
    )
    venue = Venue.objects.create(name=f"Venue {slug}", slug=f"venue-{slug}")
    room_rows = Room.objects.bulk_create(
        Room(venue=venue, name=f"Room {number}", position=number, capacity=50)
        for number in range(rooms)
    )
    event = Event.objects.create(
        festival=festival,
        title="Bench event",
        slug="bench-event",
        venue=venue,
        start=festival.local_datetime(FIRST_DAY, time(7)),
        end=festival.local_datetime(festival.end_date, time(23, 59)),
    )
    sessions = Session.objects.bulk_create(
        Session(
            festival=festival,
            event=event,
            title=f"Session {day}-{room.position}-{slot}",
            slug=f"session-{day}-{room.position}-{slot}",
            start=slot_start(festival, day=day, slot=slot),
            end=slot_start(festival, day=day, slot=slot) + timedelta(minutes=10),
            room=room,
            format=FORMATS[slot % len(FORMATS)],
            description=DESCRIPTION,
            capacity=None if slot % 5 == 0 else 30,
            status=SessionStatus.CANCELLED if slot % 50 == 49 else SessionStatus.SCHEDULED,
        )
        for day in range(DAYS)
        for room in room_rows
        for slot in range(per_room_per_day)
    )
    speakers = Speaker.objects.bulk_create(
        Speaker(festival=festival, name=f"Speaker {n}", slug=f"speaker-{n}")
        for n in range(SPEAKERS)
    )
    themes = [
        Tag.objects.get_or_create(slug=f"bench-theme-{n}", defaults={"name": f"Theme {n}"})[0]
        for n in range(THEMES)
    ]
    Session.speakers.through.objects.bulk_create(
        Session.speakers.through(session=session, speaker=speakers[(n + k * 7) % SPEAKERS])
        for n, session in enumerate(sessions)
        for k in range(1 + n % 2)
    )
    Session.themes.through.objects.bulk_create(
        Session.themes.through(session=session, tag=themes[(n + k * 3) % THEMES])
        for n, session in enumerate(sessions)
        for k in range(2)
    )
    return Festival.objects.get(pk=festival.pk)


def run() -> None:
    big = make_festival("schedule-big", per_room_per_day=PER_ROOM_PER_DAY, rooms=ROOMS)
    small = make_festival("schedule-small", per_room_per_day=1, rooms=2)
    sessions = Session.objects.filter(festival=big).count()
    client = Client()
    for export, name in ((ScheduleXml(), "schedule-xml"), (ScheduleJson(), "schedule-json")):
        url = reverse(f"festival-{name}", kwargs={"festival": big.slug})
        small_url = reverse(f"festival-{name}", kwargs={"festival": small.slug})
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        size = len(response.content) / 1_000_000
        build = time_calls(lambda export=export: export.build(big), runs=7, warmup=1)
        queries = count_queries(lambda url=url: client.get(url))
        small_queries = count_queries(lambda url=small_url: client.get(url))
        etag = response["ETag"]
        not_modified = time_calls(
            lambda url=url, etag=etag: client.get(url, HTTP_IF_NONE_MATCH=etag), runs=31, warmup=3
        )
        print(
            f"{export.filename}, {sessions} sessions ({size:.1f} MB): build {build}; "
            f"{queries} queries ({small_queries} with 10 sessions); 304: {not_modified}"
        )
