from datetime import datetime, timedelta

import pytest
import time_machine

from events.bookings.services import book_place
from events.importing import import_programme
from festival.models import AccessProvision, Festival
from tests.factories import (
    LONDON,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

START = datetime(2027, 6, 1, 9, tzinfo=LONDON)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def stamp(festival) -> datetime:
    return Festival.objects.values_list("programme_changed_at", flat=True).get(pk=festival.pk)


def moves(clock, festival, change) -> bool:
    """Whether `change` moves the festival's stamp (the clock steps a minute first)."""
    before = stamp(festival)
    clock.shift(timedelta(minutes=1))
    change()
    return stamp(festival) > before


def test_every_change_a_feed_shows_moves_the_programme_stamp(clock):
    session = SessionFactory()
    festival = session.festival
    speaker = SpeakerFactory(festival=festival)
    theme = TagFactory(name="Care")
    other_session = SessionFactory(event=session.event, ref="OTHER", slug="other")

    def retitle():
        session.title = "A new title"
        session.save()

    def rename_room():
        session.room.name = "The Garden"
        session.room.save()

    def rename_venue():
        session.room.venue.name = "Renamed venue"
        session.room.venue.save()

    def rename_theme():
        theme.name = "Care and repair"
        theme.save()

    def rename_speaker():
        speaker.name = "Helen Sharp"
        speaker.save()

    def retitle_event():
        session.event.title = "Day one"
        session.event.save()

    assert [
        moves(clock, festival, retitle),
        moves(clock, festival, lambda: session.speakers.add(speaker)),
        moves(clock, festival, lambda: session.themes.add(theme)),
        moves(clock, festival, rename_theme),
        moves(clock, festival, lambda: speaker.sessions.remove(session)),
        moves(clock, festival, rename_speaker),
        moves(clock, festival, rename_room),
        moves(clock, festival, rename_venue),
        moves(clock, festival, retitle_event),
        moves(clock, festival, other_session.delete),
        moves(clock, festival, lambda: RoomFactory(venue=session.room.venue)),
    ] == [True] * 11


def test_a_change_of_access_moves_the_programme_stamp(clock):
    session = SessionFactory()
    festival = session.festival

    def give_captions():
        session.access = ["captions"]
        session.save()

    def make_the_room_step_free():
        session.room.access = ["step-free"]
        session.room.save()

    def add_own_provision():
        AccessProvision.objects.create(
            festival=festival, code="audio-description", label="AD", explanation="Described."
        )

    def relabel_own_provision():
        provision = AccessProvision.objects.get()
        provision.label = "Audio description"
        provision.save()

    assert [
        moves(clock, festival, give_captions),
        moves(clock, festival, make_the_room_step_free),
        moves(clock, festival, add_own_provision),
        moves(clock, festival, relabel_own_provision),
        moves(clock, festival, lambda: AccessProvision.objects.get().delete()),
    ] == [True] * 5


def test_a_booking_leaves_the_public_programme_stamp_alone(clock):
    session = SessionFactory()

    assert not moves(
        clock, session.festival, lambda: book_place(user=UserFactory(), session=session)
    )


def test_other_festivals_keep_their_stamp(clock):
    session = SessionFactory()
    elsewhere = SessionFactory().festival

    assert not moves(clock, elsewhere, session.delete)


def test_an_import_moves_the_stamp_only_when_it_writes(clock, import_setting, programme_csv):
    festival = import_setting.festival
    text = programme_csv({"ref": "A1", "title": "Opening"})

    assert moves(clock, festival, lambda: import_programme(festival=festival, content=text))
    assert not moves(clock, festival, lambda: import_programme(festival=festival, content=text))
    moved = text.replace("10:00,11:00", "10:30,11:30")
    assert moved != text
    assert moves(clock, festival, lambda: import_programme(festival=festival, content=moved))
