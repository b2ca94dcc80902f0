"""The change notices' setting as fixtures: the clock three weeks ahead, and the programme."""

from datetime import date

import pytest
import time_machine

from tests.events.change_notices.test_services import NOW, Programme, at
from tests.factories import EventFactory, FestivalFactory, RoomFactory, SessionFactory, VenueFactory


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def programme(clock) -> Programme:
    festival = FestivalFactory(
        name="Co-production Festival",
        slug="coproduction",
        start_date=date(2026, 12, 21),
        end_date=date(2026, 12, 22),
    )
    venue = VenueFactory(name="Canal Mill")
    event = EventFactory(festival=festival, venue=venue, start=at(21, 9), end=at(22, 18))
    hall = RoomFactory(venue=venue, name="Main Hall", position=1)
    warehouse = RoomFactory(venue=venue, name="Warehouse Room", position=2)
    trust = SessionFactory(
        event=event, title="Trust first", slug="trust-first", start=at(22, 10), end=at(22, 11),
        room=hall, capacity=2,
    )  # fmt: skip
    care = SessionFactory(
        event=event, title="Care in practice", slug="care-in-practice", start=at(22, 14),
        end=at(22, 15), room=warehouse, capacity=None,
    )  # fmt: skip
    return Programme(trust=trust, care=care, hall=hall, warehouse=warehouse)
