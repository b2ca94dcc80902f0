"""Booking under contention: 200 people booking at once, spread over 20 sessions of 10 places,
through the same service the session page calls. PostgreSQL only: SQLite has no row locks.

Timed as production runs it: each booking writes its place, reminders and outbox row and kicks
the sender through the broker (here Celery's in-memory one); a worker elsewhere sends the
mail. The test settings would otherwise send each confirmation inline as the kick fires.
"""

import statistics
import threading
import time
from datetime import date
from datetime import time as clock

from django.db import connection
from django.db.models import Count, Q

from config.celery import app
from events.bookings.services import book_place
from events.enums import AttendanceStatus, SessionFormat
from events.models import Attendance, Event, Session
from festival.models import Festival, Room, User, Venue

SESSIONS = 20
PLACES = 10
PEOPLE = 200
THREADS = 20


def make_sessions() -> list[Session]:
    festival = Festival.objects.create(
        name="Booking bench",
        slug="booking-bench",
        start_date=date(2030, 7, 1),
        end_date=date(2030, 7, 1),
        is_published=True,
    )
    venue = Venue.objects.create(name="Booking venue", slug="booking-venue")
    room = Room.objects.create(venue=venue, name="Hall")
    event = Event.objects.create(
        festival=festival,
        title="Day",
        slug="day",
        venue=venue,
        start=festival.local_datetime(festival.start_date, clock(8)),
        end=festival.local_datetime(festival.start_date, clock(22)),
    )
    sessions = []
    for number in range(SESSIONS):
        start = festival.local_datetime(
            festival.start_date, clock(8 + number // 3, number % 3 * 20)
        )
        sessions.append(
            Session.objects.create(
                event=event,
                title=f"Session {number}",
                slug=f"session-{number}",
                start=start,
                end=start.replace(minute=start.minute + 15),
                room=room,
                format=SessionFormat.WORKSHOP,
                capacity=PLACES,
            )
        )
    return sessions


def run() -> None:
    if connection.vendor != "postgresql":
        print("booking under contention: skipped on SQLite (no row locks); run with DATABASE_URL")
        return
    sessions = make_sessions()
    people = User.objects.bulk_create(
        User(email=f"booker{number}@example.org", name=f"Booker {number}")
        for number in range(PEOPLE)
    )
    # Person n books session n % 20: ten people per session beyond its ten places.
    work = [(person, sessions[number % SESSIONS]) for number, person in enumerate(people)]
    chunks = [work[index::THREADS] for index in range(THREADS)]
    latencies: list[float] = []
    barrier = threading.Barrier(THREADS + 1)

    def book_chunk(chunk):
        barrier.wait()
        for person, session in chunk:
            started = time.perf_counter()
            book_place(user=person, session=session)
            latencies.append(time.perf_counter() - started)
        connection.close()

    threads = [threading.Thread(target=book_chunk, args=(chunk,)) for chunk in chunks]
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        app.conf.task_always_eager = eager

    counts = Session.objects.filter(pk__in=[s.pk for s in sessions]).annotate(
        going=Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING)),
        waiting=Count("attendances", filter=Q(attendances__status=AttendanceStatus.WAITLISTED)),
    )
    overbooked = sum(1 for session in counts if session.going > PLACES)
    going = sum(session.going for session in counts)
    waiting = sum(session.waiting for session in counts)
    print(
        f"booking under contention: {PEOPLE} bookings on {THREADS} threads over {SESSIONS} "
        f"sessions of {PLACES} places: {elapsed:.2f} s, {PEOPLE / elapsed:.0f} bookings/s, "
        f"median {statistics.median(latencies) * 1000:.1f} ms per booking; "
        f"{going} going, {waiting} waitlisted, {overbooked} sessions overbooked"
    )
    assert Attendance.objects.filter(session__in=sessions).count() == PEOPLE
