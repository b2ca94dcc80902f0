"""A festival with a programme to export: two sessions, two rooms, speakers and themes."""

from datetime import datetime

import pytest

from events.enums import SessionFormat, SessionStatus
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
)


@pytest.fixture
def festival_with_programme():
    festival = FestivalFactory(name="Round Trip", slug="round-trip")
    event = EventFactory(festival=festival, slug="main")
    hall = RoomFactory(venue=event.venue, name="Hall", position=0)
    garden = RoomFactory(venue=event.venue, name="Garden", position=1)
    mel = SpeakerFactory(festival=festival, name="Mel Parks", email="mel@example.org")
    linda = SpeakerFactory(festival=festival, name="Linda", email="linda@example.org")
    SessionFactory(
        event=event, ref="B", title="Walk, talk", room=garden, format=SessionFormat.HAPPENING,
        start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 11, 30, tzinfo=LONDON),
        capacity=None, speakers=[mel, linda], description='Meet "by the gate".',
        themes=[TagFactory(name="Mutual aid"), TagFactory(name="Care")],
    )  # fmt: skip
    SessionFactory(
        event=event, ref="A", title="Opening", room=hall, format=SessionFormat.TALK,
        start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 10, 45, tzinfo=LONDON),
        capacity=40, status=SessionStatus.CANCELLED,
    )  # fmt: skip
    return festival
