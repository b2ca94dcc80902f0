"""Check-in at the door: searching 2,000 attendees by part of a name, as the organiser's phone
does, through the page and through the selector alone."""

from datetime import date, time

from django.test import Client
from django.urls import reverse

from bench.measure import count_queries, time_calls
from events.bookings.selectors import check_in_matches
from events.enums import AttendanceStatus, SessionFormat
from events.models import Attendance, Event, Session
from festival.models import Festival, Room, User, Venue

ATTENDEES = 2000
SESSIONS = 20
FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ebony", "Femi", "Grace", "Hamza", "Isla", "Jon"]


def make_festival_with_attendees() -> Festival:
    festival = Festival.objects.create(
        name="Check-in bench",
        slug="check-in-bench",
        start_date=date(2030, 8, 1),
        end_date=date(2030, 8, 1),
        is_published=True,
    )
    venue = Venue.objects.create(name="Check-in venue", slug="check-in-venue")
    rooms = Room.objects.bulk_create(Room(venue=venue, name=f"Room {n}") for n in range(SESSIONS))
    event = Event.objects.create(
        festival=festival,
        title="Day",
        slug="day",
        venue=venue,
        start=festival.local_datetime(festival.start_date, time(8)),
        end=festival.local_datetime(festival.start_date, time(20)),
    )
    sessions = [
        Session.objects.create(
            event=event,
            title=f"Session {n}",
            slug=f"session-{n}",
            start=festival.local_datetime(festival.start_date, time(10)),
            end=festival.local_datetime(festival.start_date, time(11)),
            room=room,
            format=SessionFormat.WORKSHOP,
            capacity=ATTENDEES,
        )
        for n, room in enumerate(rooms)
    ]
    people = User.objects.bulk_create(
        User(
            email=f"attendee{n}@example.org",
            name=f"{FIRST_NAMES[n % len(FIRST_NAMES)]} Surname{n}",
        )
        for n in range(ATTENDEES)
    )
    # Written directly: the bench measures the search, not booking (bench/booking.py does).
    Attendance.objects.bulk_create(
        Attendance(user=person, session=sessions[n % SESSIONS], status=AttendanceStatus.GOING)
        for n, person in enumerate(people)
    )
    return festival


def run() -> None:
    festival = make_festival_with_attendees()
    organiser = User.objects.create_user(email="door@example.org", password="bench-password")
    festival.organisers.add(organiser)
    client = Client()
    client.force_login(organiser)
    url = reverse("organise-check-in", kwargs={"festival": festival.slug}) + "?q=surname123&day="
    assert client.get(url).status_code == 200
    queries = count_queries(lambda: client.get(url))
    searched = time_calls(
        lambda: check_in_matches(festival=festival, text="surname123", day=None), runs=31
    )
    page_timing = time_calls(lambda: client.get(url), runs=31, warmup=2)
    print(f"check-in search over {ATTENDEES} attendees, selector: {searched}")
    print(f"check-in search over {ATTENDEES} attendees, whole page: {page_timing}")
    print(f"check-in page queries: {queries}")
