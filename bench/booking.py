"""Booking under contention: 200 people booking at once, spread over 20 sessions of 10 places,
through the same service the session page calls. PostgreSQL only: SQLite has no row locks.

Timed as production runs it: each booking writes its place, reminders and outbox row and kicks
the sender through the broker (here Celery's in-memory one); a worker elsewhere sends the
mail. The test settings would otherwise send each confirmation inline as the kick fires.

Run twice, side by side: from one process of 20 threads, and from 2 processes of 10 threads
each, as production serves bookings from several gunicorn workers (one per core here). One
Python process books at the pace of one core: its threads take turns at the interpreter lock,
and building each statement through the ORM is most of a booking's CPU time.
"""

import multiprocessing
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


def make_sessions(name: str) -> list[Session]:
    festival = Festival.objects.create(
        name=f"Booking bench, {name}",
        slug=f"booking-bench-{name}",
        start_date=date(2030, 7, 1),
        end_date=date(2030, 7, 1),
        is_published=True,
    )
    venue = Venue.objects.create(name=f"Booking venue, {name}", slug=f"booking-venue-{name}")
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


PROCESSES = 2


def run() -> None:
    if connection.vendor != "postgresql":
        print("booking under contention: skipped on SQLite (no row locks); run with DATABASE_URL")
        return
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        contend("one process", processes=1)
        contend(f"{PROCESSES} processes", processes=PROCESSES)
    finally:
        app.conf.task_always_eager = eager


def contend(name: str, *, processes: int) -> None:
    sessions = make_sessions(name.replace(" ", "-"))
    people = User.objects.bulk_create(
        User(email=f"booker{number}.{processes}@example.org", name=f"Booker {number}")
        for number in range(PEOPLE)
    )
    # Person n books session n % 20: ten people per session beyond its ten places.
    work = [(person.pk, sessions[number % SESSIONS].pk) for number, person in enumerate(people)]
    threads = THREADS // processes
    # Timeouts: a process that dies before the start or the end fails the bench, not hangs it.
    barrier = multiprocessing.Barrier(processes * threads + 1, timeout=120)
    latencies = multiprocessing.Queue()
    # Forked: each process starts with no database connection of its own.
    connection.close()
    workers = [
        multiprocessing.get_context("fork").Process(
            target=book_share,
            args=(work[index::processes], threads, barrier, latencies),
        )
        for index in range(processes)
    ]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    times = [latency for _ in workers for latency in latencies.get(timeout=300)]
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if any(worker.exitcode for worker in workers):
        raise RuntimeError("a booking process failed")

    counts = Session.objects.filter(pk__in=[s.pk for s in sessions]).annotate(
        going=Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING)),
        waiting=Count("attendances", filter=Q(attendances__status=AttendanceStatus.WAITLISTED)),
    )
    overbooked = sum(1 for session in counts if session.going > PLACES)
    going = sum(session.going for session in counts)
    waiting = sum(session.waiting for session in counts)
    print(
        f"booking under contention, {name} of {threads} threads: {PEOPLE} bookings over "
        f"{SESSIONS} sessions of {PLACES} places: {elapsed:.2f} s, {PEOPLE / elapsed:.0f} "
        f"bookings/s, median {statistics.median(times) * 1000:.1f} ms per booking; "
        f"{going} going, {waiting} waitlisted, {overbooked} sessions overbooked"
    )
    assert Attendance.objects.filter(session__in=sessions).count() == PEOPLE


def book_share(share, threads: int, barrier, latencies) -> None:
    """In a booking process: `threads` threads book `share`, all at once with the others."""
    users = User.objects.in_bulk([person for person, _ in share])
    sessions = Session.objects.in_bulk({session for _, session in share})
    chunks = [share[index::threads] for index in range(threads)]
    times: list[float] = []

    def book_chunk(chunk):
        barrier.wait()
        for person, session in chunk:
            started = time.perf_counter()
            book_place(user=users[person], session=sessions[session])
            times.append(time.perf_counter() - started)
        connection.close()

    connection.close()
    running = [threading.Thread(target=book_chunk, args=(chunk,)) for chunk in chunks]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    latencies.put(times)  # once, after the timed part: a queue per booking would cost CPU
