"""Reminders delivered for real: an SMTP server on loopback, scans racing on PostgreSQL, and
a Celery worker on the real Redis of this machine."""

import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email import message_from_bytes

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import connection

from config.celery import app
from events.bookings.services import book_place
from events.models import Reminder
from events.reminders.scan import scan_reminders
from festival.models import User
from tests.events.reminders.test_services import BOOKED_AT, HOUR_BEFORE, make_setting, person


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RefusingFirstHandler:
    """An SMTP server that says "try again later" to the first `refusals` messages."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.attempts = 0
        self.received: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.attempts += 1
        if self.attempts <= self.refusals:
            return "451 4.3.0 Try again later"
        self.received.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    handler = RefusingFirstHandler(refusals=2)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


@pytest.mark.django_db
def test_a_refused_reminder_is_retried_and_arrives_once_on_a_real_smtp_server(smtp_server):
    with time_machine.travel(BOOKED_AT, tick=False) as clock:
        setting = make_setting()
        ana = person("ana@example.org", "last")
        book_place(user=ana, session=setting.session)
        scans = []
        for at in (
            HOUR_BEFORE,
            HOUR_BEFORE + timedelta(minutes=1),
            HOUR_BEFORE + timedelta(minutes=3),
        ):
            clock.move_to(at)
            result = scan_reminders()
            scans.append((result.sent, result.retrying))

    row = Reminder.objects.get(user=ana)
    assert scans == [(0, 1), (0, 1), (1, 0)]
    assert (smtp_server.attempts, len(smtp_server.received)) == (3, 1)
    received = message_from_bytes(smtp_server.received[0])
    assert (received["To"], received["X-Convene-Reminder"]) == ("ana@example.org", str(row.pk))
    assert (row.attempts, row.sent_at, row.last_error.startswith("SMTPDataError: (451")) == (
        3,
        HOUR_BEFORE + timedelta(minutes=3),
        True,
    )


def due_reminders(count: int, *, at: datetime) -> list[int]:
    """`count` people with a place and an hour-before reminder due at `at`."""
    setting = make_setting(offsets=[60], capacity=None)
    users = User.objects.bulk_create(
        User(email=f"person{number}@example.org", name=f"Person {number}")
        for number in range(count)
    )
    with time_machine.travel(BOOKED_AT, tick=False):
        for user in users:
            book_place(user=user, session=setting.session)
    Reminder.objects.update(due_at=at)
    return sorted(Reminder.objects.values_list("pk", flat=True))


def reminder_ids(messages) -> list[int]:
    return sorted(int(message.extra_headers["X-Convene-Reminder"]) for message in messages)


@pytest.mark.django_db(transaction=True)
def test_four_scans_at_once_send_each_of_200_reminders_exactly_once(postgresql_only):
    expected = due_reminders(200, at=HOUR_BEFORE)
    mail.outbox.clear()
    start = threading.Barrier(4)
    errors = []

    def scan() -> None:
        try:
            start.wait()
            scan_reminders(now=lambda: HOUR_BEFORE + timedelta(seconds=1))
        except Exception as error:  # reported below: a thread's exception is otherwise lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert (
        list(Reminder.objects.exclude(last_error="").values_list("last_error", flat=True)[:1]) == []
    )
    assert len(mail.outbox) == 200
    assert reminder_ids(mail.outbox) == expected
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 0


@pytest.fixture
def redis_worker(redis_url):
    """A real worker thread on the real Redis, tasks not eager, the queue purged."""
    from celery.contrib.testing.tasks import ping  # the task start_worker's check sends
    from celery.contrib.testing.worker import start_worker

    keys = ("broker_url", "result_backend", "task_always_eager", "task_ignore_result")
    saved = {key: app.conf[key] for key in keys}
    # The ping check reads its result back: a result backend, and results kept, for this test.
    app.conf.update(
        broker_url=redis_url,
        result_backend=redis_url,
        task_always_eager=False,
        task_ignore_result=False,
    )
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    forget_connections()
    ping.ignore_result = False  # bound with the settings' task_ignore_result=True
    try:
        app.control.purge()
        with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=30) as worker:
            yield worker
        app.control.purge()
    finally:
        ping.ignore_result = True
        app.conf.update(saved)
        forget_connections()


def forget_connections() -> None:
    """Drop the app's broker pools and result backend, made for the broker it had before."""
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.mark.django_db(transaction=True)
def test_the_scan_runs_in_a_real_worker_on_redis_and_sends_the_due_reminders(
    postgresql_only, redis_worker
):
    # PostgreSQL only: on SQLite the worker thread and the test share one file and the
    # worker's writes fail with "database table is locked" in a full run.
    now = datetime.now(UTC)
    setting = make_setting()
    setting.session.start, setting.session.end = now + timedelta(hours=2), now + timedelta(hours=3)
    setting.session.save()
    people = [person(f"p{number}@example.org", "last") for number in range(3)]
    for user in people:
        book_place(user=user, session=setting.session)
    Reminder.objects.filter(user__in=people[:2]).update(due_at=now - timedelta(minutes=1))
    mail.outbox.clear()

    from events.tasks import scan_reminders as scan_task

    scan_task.delay()
    deadline = time.monotonic() + 30
    while Reminder.objects.filter(sent_at__isnull=False).count() < 2:
        assert time.monotonic() < deadline, "the worker did not send the reminders in 30 s"
        time.sleep(0.2)
    time.sleep(1)  # anything sent twice would land now

    reminders = [m for m in mail.outbox if "X-Convene-Reminder" in m.extra_headers]
    assert sorted(message.to[0] for message in reminders) == [
        "p0@example.org",
        "p1@example.org",
    ]
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 2
