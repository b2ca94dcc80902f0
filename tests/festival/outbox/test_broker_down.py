"""The broker down (Redis on a closed port, not a mock): booking, a waitlist promotion, sign-up
and publishing a write-up answer normally over HTTP and write their outbox rows. Then the
broker comes up with a real `celery worker -B` on the real Redis and a real SMTP server: beat's
minute scan sends what is owed, each message once.

PostgreSQL only: the worker is another process and must see the test's database.
"""

import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from celery.beat import PersistentScheduler
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.celery import app
from events.enums import AttendanceStatus
from events.models import Attendance, Session, WriteUp
from festival.models import OutboxMessage, User
from tests.factories import (
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
    VenueFactory,
)
from tests.festival.outbox.delivery import Sink, start_sink, start_worker, stop, wait_for
from tests.html import texts

NOT_QUEUED = "Could not queue the outbox sender; the minute scan will send what is owed."
# Generous: a kick that waited on the broker would take Redis's retries, many seconds.
QUICK_SECONDS = 5.0


@dataclass(frozen=True)
class Setting:
    """A festival running now: a talk in three days with one place, and a talk that started
    two hours ago, given by Mel, that Ann had a place on."""

    talk: Session
    past_talk: Session
    bea: User
    cal: User
    mel: User
    ann: User


def make_setting() -> Setting:
    now = timezone.now()
    festival = FestivalFactory(
        name="Broker Down Festival",
        slug="broker-down",
        start_date=(now - timedelta(days=1)).date(),
        end_date=(now + timedelta(days=5)).date(),
    )
    venue = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(
        festival=festival, venue=venue, start=now - timedelta(days=1), end=now + timedelta(days=5)
    )
    room = RoomFactory(venue=venue, name="Hall")
    mel = UserFactory(email="mel@example.org", name="Mel Parks")
    talk = SessionFactory(
        event=event,
        title="Doing it together",
        slug="doing-it-together",
        start=now + timedelta(days=3),
        end=now + timedelta(days=3, hours=1),
        room=room,
        capacity=1,
    )
    past_talk = SessionFactory(
        event=event,
        title="What we learned",
        slug="what-we-learned",
        start=now - timedelta(hours=2),
        end=now - timedelta(hours=1),
        room=room,
        speakers=[SpeakerFactory(festival=festival, name="Mel Parks", user=mel)],
    )
    ann = UserFactory(email="ann@example.org", name="Ann Attendee")
    Attendance.objects.create(user=ann, session=past_talk, status=AttendanceStatus.GOING)
    return Setting(
        talk=talk,
        past_talk=past_talk,
        bea=UserFactory(email="bea@example.org", name="Bea"),
        cal=UserFactory(email="cal@example.org", name="Cal"),
        mel=mel,
        ann=ann,
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def session_url(name: str, session: Session) -> str:
    return reverse(name, kwargs={"festival": session.festival.slug, "session": session.slug})


def timed_post(client: Client, url: str, data: dict | None = None):
    started = time.perf_counter()
    response = client.post(url, data or {}, follow=True)
    return response, time.perf_counter() - started


def attendance_key(kind: str, user: User, session: Session) -> str:
    attendance = Attendance.objects.get(user=user, session=session)
    return f"{kind}:{attendance.pk}:{attendance.updated_at.isoformat()}"


def confirmation_key(user: User, *, since: datetime) -> str:
    """The key of the confirmation owed to `user` (it names the moment it was asked for),
    checked to be made of the user and a moment between `since` and now."""
    prefix = f"email-confirmation:{user.pk}:"
    key = OutboxMessage.objects.get(kind="email-confirmation", recipient=user.email).dedupe_key
    moment = datetime.fromisoformat(key.removeprefix(prefix))
    assert (key.startswith(prefix), since <= moment <= timezone.now()) == (True, True), key
    return key


def beat_that_last_ran_before_the_outage(path) -> str:
    """Beat's schedule file as a beat that was running before the broker went down leaves it:
    the outbox's minute scan last queued long ago, so it is due as soon as beat starts."""
    scheduler = PersistentScheduler(app=app, schedule_filename=str(path))
    scheduler.schedule["send-outbox"].last_run_at = timezone.now() - timedelta(hours=1)
    scheduler.close()
    return str(path)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_pages_answer_and_owe_their_mail_which_goes_once_it_is_up(
    postgresql_only, broker_down, worker_env, tmp_path, caplog
):
    setting = make_setting()
    bea, cal = signed_in(setting.bea), signed_in(setting.cal)
    keys = []

    booked, booked_in = timed_post(bea, session_url("session-book", setting.talk))
    keys.append(attendance_key("booking-confirmation", setting.bea, setting.talk))
    waitlisted, waitlisted_in = timed_post(cal, session_url("session-book", setting.talk))
    keys.append(attendance_key("booking-confirmation", setting.cal, setting.talk))
    cancelled, cancelled_in = timed_post(bea, session_url("session-cancel", setting.talk))
    keys.append(attendance_key("waitlist-promotion", setting.cal, setting.talk))
    before_sign_up = timezone.now()
    signed_up, signed_up_in = timed_post(
        Client(),
        reverse("signup"),
        {
            "name": "Dee Jones",
            "email": "dee@example.org",
            "password1": "river-lantern-copper-47",
            "password2": "river-lantern-copper-47",
        },
    )
    keys.append(confirmation_key(User.objects.get(email="dee@example.org"), since=before_sign_up))
    published, published_in = timed_post(
        signed_in(setting.mel),
        session_url("writeup-new", setting.past_talk),
        {
            "title": "We learned to listen",
            "summary": "Forty people, one room.",
            "body": "We met in the *Hall*.",
            "what_worked": "Small groups.",
            "challenges": "The microphone failed.",
            "next_time": "Start with lunch.",
            "story_search": "",
            "action": "publish",
        },
    )
    writeup = WriteUp.objects.get()
    keys.append(f"writeup-notice:{writeup.pk}:{setting.ann.pk}")

    talk_page = setting.talk.get_absolute_url()
    assert [
        (response.redirect_chain, response.status_code, texts(response, ".message"))
        for response in (booked, waitlisted, cancelled, signed_up, published)
    ] == [
        (
            [(talk_page, 302)],
            200,
            ["Your place is booked. A confirmation is on its way to bea@example.org."],
        ),
        (
            [(talk_page, 302)],
            200,
            [
                "The session is full: you are number 1 on the waitlist. We will email you if a "
                "place comes up."
            ],
        ),
        (
            [(talk_page, 302)],
            200,
            [
                "Your place on “Doing it together” is cancelled. Thank you for letting someone "
                "else have it."
            ],
        ),
        (
            [("/me/", 302)],
            200,
            [
                "Welcome to Convene. Check your inbox: we have sent a link to dee@example.org "
                "to confirm your email address."
            ],
        ),
        (
            [(writeup.get_absolute_url(), 302)],
            200,
            [
                "Published. It is on the session page and the Hub now, and the people who had "
                "a place on the session are being emailed a link to it."
            ],
        ),
    ]
    # The first request tried to wake the sender, found the broker down and said so, at once;
    # the four after it, within the pause, did not try again.
    assert [
        (record.levelno, record.getMessage())
        for record in caplog.records
        if record.name == "festival.outbox.services"
    ] == [(logging.WARNING, NOT_QUEUED)]
    durations = [booked_in, waitlisted_in, cancelled_in, signed_up_in, published_in]
    assert [seconds < QUICK_SECONDS for seconds in durations] == [True] * 5, durations
    assert Attendance.objects.get(user=setting.cal, session=setting.talk).status == (
        AttendanceStatus.GOING
    )
    assert list(
        OutboxMessage.objects.order_by("pk").values_list(
            "kind", "recipient", "dedupe_key", "sent_at"
        )
    ) == [
        ("booking-confirmation", "bea@example.org", keys[0], None),
        ("booking-confirmation", "cal@example.org", keys[1], None),
        ("waitlist-promotion", "cal@example.org", keys[2], None),
        ("email-confirmation", "dee@example.org", keys[3], None),
        ("writeup-notice", "ann@example.org", keys[4], None),
    ]

    # The broker comes up: a worker with beat on the real Redis, and an SMTP server.
    sink = Sink()
    controller = start_sink(sink)
    log = tmp_path / "worker.log"
    schedule = beat_that_last_ran_before_the_outage(tmp_path / "beat-schedule")
    worker = start_worker(
        worker_env(smtp_port=controller.port), log, "-B", f"--schedule={schedule}"
    )
    try:
        wait_for(
            lambda: not OutboxMessage.objects.waiting().exists(),
            seconds=60,
            what="beat's minute scan to send what is owed",
        )
        time.sleep(2)  # anything sent twice would land now
    finally:
        stop(worker)
        controller.stop()

    assert Counter(sink.received) == Counter(
        {
            ("cal@example.org", "Your place is booked: Doing it together"): 1,
            ("cal@example.org", "A place has come up for you: Doing it together"): 1,
            ("dee@example.org", "Confirm your email address"): 1,
            ("ann@example.org", "A write-up of What we learned"): 1,
        }
    ), log.read_text()
    # Bea cancelled before her confirmation could go: it is closed, not sent.
    assert [
        (kind, recipient, sent_at is not None, cancelled_at is not None, attempts)
        for kind, recipient, sent_at, cancelled_at, attempts in OutboxMessage.objects.order_by(
            "pk"
        ).values_list("kind", "recipient", "sent_at", "cancelled_at", "attempts")
    ] == [
        ("booking-confirmation", "bea@example.org", False, True, 1),
        ("booking-confirmation", "cal@example.org", True, False, 1),
        ("waitlist-promotion", "cal@example.org", True, False, 1),
        ("email-confirmation", "dee@example.org", True, False, 1),
        ("writeup-notice", "ann@example.org", True, False, 1),
    ]
