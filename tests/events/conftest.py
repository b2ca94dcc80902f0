import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest

from events.importing.text import COLUMNS
from events.models import Event, Session
from festival.models import Festival, Room, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    UserFactory,
    VenueFactory,
)

DEFAULT_CELLS = {
    "event": "main",
    "date": "2027-07-05",
    "start": "10:00",
    "end": "11:00",
    "room": "Hall",
    "format": "talk",
    "speakers": "",
    "capacity": "",
    "themes": "",
    "status": "",
    "description": "",
}


@dataclass(frozen=True)
class ImportSetting:
    """A festival with one event (Mon 5 Jul 09:00 to Tue 6 Jul 18:00, London) at a venue with
    three rooms, and an organiser."""

    festival: Festival
    event: Event
    hall: Room
    studio: Room
    garden: Room
    organiser: User


@pytest.fixture
def import_setting() -> ImportSetting:
    organiser = UserFactory(email="organiser@example.org")
    festival = FestivalFactory(
        name="Not Another Co-production Festival", slug="nacpf", organisers=[organiser]
    )
    venue = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(
        festival=festival,
        venue=venue,
        title="Main programme",
        slug="main",
        start=datetime(2027, 7, 5, 9, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 6, 18, 0, tzinfo=LONDON),
    )
    return ImportSetting(
        festival=festival,
        event=event,
        hall=RoomFactory(venue=venue, name="Hall", position=1),
        studio=RoomFactory(venue=venue, name="Studio", position=2),
        garden=RoomFactory(venue=venue, name="Garden", position=3),
        organiser=organiser,
    )


@pytest.fixture
def programme_csv() -> Callable[..., str]:
    """Build a programme file: each row a dict of the cells that differ from DEFAULT_CELLS."""

    def build(*rows: dict[str, str]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for number, cells in enumerate(rows, start=1):
            row = {"ref": f"S{number:02d}", "title": f"Session {number}", **DEFAULT_CELLS}
            row.update(cells)
            writer.writerow([row[column] for column in COLUMNS])
        return out.getvalue()

    return build


@pytest.fixture
def session() -> Session:
    """ "Courage in co-production" (Mon 5 Jul 2027, 10:00-11:00, London), with a theme and a
    speaker: the session the admin and programme-rules tests edit."""
    session = SessionFactory(
        title="Courage in co-production",
        slug="courage-in-co-production",
        start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 11, 0, tzinfo=LONDON),
        themes=[TagFactory(name="Commissioning")],
    )
    session.speakers.add(SpeakerFactory(name="Helen Sharp", festival=session.festival))
    return session
