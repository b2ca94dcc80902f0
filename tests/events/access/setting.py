"""The access tests' setting, a fixture other capabilities' tests import by name."""

from dataclasses import dataclass
from datetime import datetime

import pytest

from events.bookings.services import book_place
from events.models import Session
from festival.models import Festival, Room, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
)


@dataclass(frozen=True)
class AccessSetting:
    """A festival whose Hall is step-free with a hearing loop and whose Workshop Room has
    steps; a talk in the Hall with captions, a workshop in the Workshop Room with nothing.
    Three people booked the workshop: two need step-free access, one needs captions too."""

    festival: Festival
    hall: Room
    workshop_room: Room
    talk: Session
    workshop: Session
    organiser: User
    ana: User
    ben: User
    cai: User


@pytest.fixture
def access_setting(time_machine) -> AccessSetting:
    time_machine.move_to(datetime(2027, 6, 1, 12, 0, tzinfo=LONDON))
    organiser = UserFactory(email="organiser@example.org")
    festival = FestivalFactory(name="Access Fest", slug="access-fest", organisers=[organiser])
    venue = VenueFactory(name="Old Mill")
    event = EventFactory(festival=festival, venue=venue, slug="main")
    hall = RoomFactory(venue=venue, name="Hall", access=["step-free", "hearing-loop"])
    workshop_room = RoomFactory(venue=venue, name="Workshop Room", access=[])
    talk = SessionFactory(
        event=event, room=hall, title="Opening talk", slug="opening-talk", access=["captions"]
    )
    workshop = SessionFactory(
        event=event,
        room=workshop_room,
        title="Zine workshop",
        slug="zine-workshop",
        start=datetime(2027, 7, 5, 14, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 15, 0, tzinfo=LONDON),
        content_note="Talks about loss.",
    )
    ana = UserFactory(name="Ana", email="ana@example.org", access_need_codes=["step-free"])
    ben = UserFactory(
        name="Ben",
        email="ben@example.org",
        access_need_codes=["step-free", "captions"],
        access_needs_note="A seat near the front.",
    )
    cai = UserFactory(name="Cai", email="cai@example.org")
    for person in (ana, ben, cai):
        book_place(user=person, session=workshop)
    return AccessSetting(
        festival=festival,
        hall=hall,
        workshop_room=workshop_room,
        talk=talk,
        workshop=workshop,
        organiser=organiser,
        ana=ana,
        ben=ben,
        cai=cai,
    )


def add_captioned_sessions(setting: AccessSetting, count: int) -> None:
    """`count` more captioned sessions in the step-free Hall: for query counts at 1 and 3."""
    for number in range(count):
        SessionFactory(
            event=setting.talk.event,
            room=setting.hall,
            title=f"Extra {number}",
            access=["captions"],
        )
