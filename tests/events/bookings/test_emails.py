"""The booking emails (events/bookings/emails.py): the calendar file they carry."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache

from events.bookings.services import book_place, cancel_booking
from events.calendars.base import RENDERED_EVENTS
from festival.models import OutboxMessage
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
from tests.outbox import send_owed

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
    book_place(user=me, session=session)

    [sent] = send_owed()

    session.refresh_from_db()
    assert attachment_events(sent) == [
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
    first = UserFactory(email="first@example.org")
    me = UserFactory(email="me@example.org")
    book_place(user=first, session=session)
    book_place(user=me, session=session)
    booked = send_owed()
    cancel_booking(user=first, session=session)
    [promotion] = send_owed()

    assert sorted((message.to[0], len(message.attachments)) for message in booked) == [
        ("first@example.org", 1),
        ("me@example.org", 0),
    ]
    assert (promotion.to, promotion.subject) == (
        ["me@example.org"],
        "A place has come up for you: Doing things with people",
    )
    assert attachment_events(promotion)[2][0]["status"] == "CONFIRMED"


def test_a_booking_cancelled_before_its_confirmation_went_is_owed_nothing(session):
    me = UserFactory()
    book_place(user=me, session=session)
    cancel_booking(user=me, session=session)

    sent = send_owed()

    assert (sent, list(OutboxMessage.objects.values_list("kind", "sent_at", "attempts"))) == (
        [],
        [("booking-confirmation", None, 1)],
    )
    assert OutboxMessage.objects.get().cancelled_at == NOW


def closing_line(message) -> str:
    return message.body.split("\n\n")[-2]


def test_each_confirmation_ends_with_what_that_person_can_do(session):
    session.capacity = 1
    session.save()
    drop_in = SessionFactory(event=session.event, title="Open studio", slug="open-studio")
    drop_in.capacity = None
    drop_in.save()
    book_place(user=UserFactory(email="going@example.org"), session=session)
    book_place(user=UserFactory(email="waiting@example.org"), session=session)
    book_place(user=UserFactory(email="dropping-in@example.org"), session=drop_in)

    sent = {message.to[0]: closing_line(message) for message in send_owed()}

    programme = "https://convene.example.org/me/"
    assert sent == {
        "going@example.org": f"See or cancel your bookings at {programme}. If you cannot come, "
        "please cancel so your place can go to someone else.",
        "waiting@example.org": f"See your programme at {programme}. If you no longer want a "
        "place, leave the waitlist there so the people after you move up.",
        "dropping-in@example.org": f"See your programme at {programme}. Anyone can turn up to a "
        "drop-in, so there is nothing to cancel: remove it from your programme there if your "
        "plans change.",
    }


def test_confirmations_for_one_session_share_its_calendar_file_until_the_session_changes(
    session, clock
):
    book_place(user=UserFactory(email="a@example.org"), session=session)
    book_place(user=UserFactory(email="b@example.org"), session=session)
    first, second = send_owed()
    clock.shift(60)
    session.title = "Doing things together"
    session.save()
    book_place(user=UserFactory(email="c@example.org"), session=session)
    [third] = send_owed()

    summaries = [attachment_events(sent)[2][0]["summary"] for sent in (first, second, third)]
    assert summaries == [
        "Doing things with people",
        "Doing things with people",
        "Doing things together",
    ]
    assert len([key for key in cache._cache if "calendar-feed:" in key]) == 2
