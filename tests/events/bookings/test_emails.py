"""The booking emails (events/bookings/emails.py): the calendar file they carry."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache

from events.bookings.emails import send_booking_confirmation_email, send_promotion_email
from events.bookings.services import book_place, cancel_booking
from events.calendars.base import RENDERED_EVENTS
from tests.calendar_parsers import parse_everywhere
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 9, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    settings.SITE_URL = "https://convene.example.org"
    cache.clear()
    RENDERED_EVENTS.clear()


@pytest.fixture
def session():
    festival = FestivalFactory(name="Not Another Co-production Festival", slug="nacpf")
    speaker = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks")
    return SessionFactory(
        event=EventFactory(festival=festival),
        title="Doing things with people",
        slug="doing-things",
        speakers=[speaker],
        themes=[TagFactory(name="Care", slug="care")],
    )


def attachment_events(message) -> list[dict]:
    (filename, content, mimetype), = message.attachments  # fmt: skip
    parsed = parse_everywhere(content)
    assert parsed["ical.js"] == parsed["ical"] == parsed["icalendar"]
    return [filename, mimetype, parsed["ical"]]


def test_a_booking_confirmation_carries_the_sessions_calendar_file(session):
    me = UserFactory()
    attendance = book_place(user=me, session=session).attendance

    send_booking_confirmation_email(attendance_id=attendance.pk)

    session.refresh_from_db()
    assert attachment_events(mail.outbox[0]) == [
        "doing-things.ics",
        "text/calendar",
        [
            {
                "uid": f"{session.uid}@convene.example.org",
                "start": datetime(2027, 7, 5, 9, tzinfo=UTC),
                "end": datetime(2027, 7, 5, 10, tzinfo=UTC),
                "sequence": 0,
                "status": "CONFIRMED",
                "summary": "Doing things with people",
            }
        ],
    ]


def test_a_waitlist_confirmation_has_no_calendar_file_and_a_promotion_has_one(session):
    session.capacity = 1
    session.save()
    first, me = UserFactory(), UserFactory()
    book_place(user=first, session=session)
    waiting = book_place(user=me, session=session).attendance

    send_booking_confirmation_email(attendance_id=waiting.pk)
    cancel_booking(user=first, session=session)
    send_promotion_email(attendance_id=waiting.pk)

    assert [len(message.attachments) for message in mail.outbox] == [0, 1]
    assert attachment_events(mail.outbox[1])[2][0]["status"] == "CONFIRMED"
