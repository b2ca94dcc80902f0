"""The Foundation figures: a 2,000-session programme (10 rooms, 4 days) imported from CSV,
then its busiest day rendered, side by side with a small festival for the query count."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django.urls import reverse

from bench.measure import count_queries, time_calls
from bench.programme_csv import programme_csv
from events.importing import import_programme
from events.models import Event
from festival.models import Festival, Room, Venue

FIRST_DAY = date(2030, 6, 3)
DAYS = 4
ROOMS = 10


def make_festival(slug: str) -> Festival:
    zone = ZoneInfo("Europe/London")
    festival = Festival.objects.create(
        name=f"Bench {slug}",
        slug=slug,
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + timedelta(days=DAYS - 1),
        is_published=True,
    )
    venue = Venue.objects.create(name=f"Venue {slug}", slug=f"venue-{slug}")
    Room.objects.bulk_create(
        Room(venue=venue, name=f"Room {number}", position=number) for number in range(ROOMS)
    )
    Event.objects.create(
        festival=festival,
        title="Bench event",
        slug="bench-event",
        venue=venue,
        start=datetime.combine(FIRST_DAY, time(7), tzinfo=zone),
        end=datetime.combine(festival.end_date, time(23), tzinfo=zone),
    )
    return festival


def programme_text(*, per_room_per_day: int, first_start: int = 480) -> str:
    return programme_csv(
        first_day=FIRST_DAY,
        days=DAYS,
        rooms=[f"Room {number}" for number in range(ROOMS)],
        per_room_per_day=per_room_per_day,
        first_start=first_start,
    )


def page_queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200
    return count_queries(lambda: client.get(url))


def run() -> None:
    big = make_festival("big")
    text = programme_text(per_room_per_day=50)
    rows = text.count("\n") - 1
    first = time_calls(lambda: import_programme(festival=big, content=text), runs=1, warmup=0)
    print(f"import {rows} rows, first import: {first.median_ms / 1000:.2f} s")
    again = time_calls(lambda: import_programme(festival=big, content=text), runs=5, warmup=0)
    print(f"re-import {rows} rows, nothing changed: {again}")
    # Every session 15 minutes later, then back: each run moves all of them.
    shifted = [programme_text(per_room_per_day=50, first_start=495), text]
    moves = iter(shifted * 3)
    moved = time_calls(
        lambda: import_programme(festival=big, content=next(moves)), runs=6, warmup=0
    )
    print(f"re-import {rows} rows, every session moved: {moved}")

    small = make_festival("small")
    import_programme(festival=small, content=programme_text(per_room_per_day=1))

    client = Client()
    day = f"?day={FIRST_DAY.isoformat()}"
    big_url = reverse("festival-programme", kwargs={"festival": "big"}) + day
    small_url = reverse("festival-programme", kwargs={"festival": "small"}) + day
    per_day = rows // DAYS
    print(
        f"programme page queries: {page_queries(client, big_url)} with {per_day} sessions "
        f"in the day, {page_queries(client, small_url)} with {ROOMS}"
    )
    big_page = time_calls(lambda: client.get(big_url), runs=31, warmup=3)
    small_page = time_calls(lambda: client.get(small_url), runs=31, warmup=3)
    print(f"programme page, {per_day} sessions in the day: {big_page}")
    print(f"programme page, {ROOMS} sessions in the day: {small_page}")
