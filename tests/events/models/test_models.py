import uuid
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.enums import ChangeKind
from events.models import Session
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    ScheduleChangeFactory,
    SessionFactory,
)


def at(hour: int, minute: int = 0, day: int = 5) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


def refused(create) -> bool:
    """Whether the database refuses the row `create` writes (inside a savepoint, so the test's
    transaction goes on)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


# Event


@pytest.mark.django_db
@pytest.mark.parametrize("end", [at(9), at(8)])
def test_event_must_end_after_it_starts(end):
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(start=at(9), end=end)


@pytest.mark.django_db
def test_event_slug_is_unique_per_festival_only():
    event = EventFactory(slug="day-one")

    same_festival = refused(lambda: EventFactory(festival=event.festival, slug="day-one"))
    other_festival = refused(lambda: EventFactory(slug="day-one"))

    assert (same_festival, other_festival) == (True, False)


@pytest.mark.django_db
def test_event_str_and_url():
    event = EventFactory(festival=FestivalFactory(slug="nacpf"), title="Day one", slug="day-one")

    assert (str(event), event.get_absolute_url()) == ("Day one", "/festivals/nacpf/#event-day-one")


# Session: the database's rules


@pytest.mark.django_db
@pytest.mark.parametrize("end", [at(10), at(9, 30)])
def test_session_must_end_after_it_starts(end):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(start=at(10), end=end)


@pytest.mark.django_db
def test_session_slug_is_unique_per_festival():
    session = SessionFactory(slug="opening")

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(event=session.event, slug="opening")


@pytest.mark.django_db
def test_session_ref_is_unique_per_festival():
    session = SessionFactory(ref="NACP-01")

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(event=session.event, ref="NACP-01")


@pytest.mark.django_db
def test_another_festival_may_use_the_same_slug_and_ref():
    first = SessionFactory(slug="opening", ref="NACP-01")
    second = SessionFactory(slug="opening", ref="NACP-01")

    assert (first.festival_id != second.festival_id, first.slug, second.slug) == (
        True,
        "opening",
        "opening",
    )
    assert Session.objects.filter(slug="opening", ref="NACP-01").count() == 2


@pytest.mark.django_db
def test_session_refs_may_be_blank_many_times_in_one_festival():
    event = EventFactory()
    for number in range(3):
        SessionFactory(event=event, ref="", slug=f"drop-in-{number}")

    assert list(Session.objects.filter(festival=event.festival).values_list("ref", flat=True)) == [
        "",
        "",
        "",
    ]


@pytest.mark.django_db
def test_session_uid_is_unique():
    session = SessionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(uid=session.uid)


@pytest.mark.django_db
def test_session_uid_never_changes_across_saves():
    session = SessionFactory()
    uid = session.uid

    session.title = "Renamed"
    session.start, session.end = at(14), at(15)
    session.save()
    session.refresh_from_db()

    assert (isinstance(uid, uuid.UUID), session.uid, session.title) == (True, uid, "Renamed")


@pytest.mark.django_db
def test_session_save_copies_the_festival_from_its_event():
    event = EventFactory()
    other = EventFactory(venue=event.venue)
    session = SessionFactory(event=event, festival=other.festival)

    created_in = session.festival_id
    session.event = other
    session.save()
    session.refresh_from_db()

    assert (created_in, session.festival_id) == (event.festival_id, other.festival_id)


# Session: the form's rules (clean)


@pytest.mark.django_db
def test_session_clean_accepts_a_session_inside_its_event_and_venue():
    event = EventFactory()
    session = Session(event=event, start=at(10), end=at(11), room=RoomFactory(venue=event.venue))

    assert session.clean() is None


@pytest.mark.django_db
def test_session_clean_refuses_an_end_before_the_start():
    event = EventFactory()
    session = Session(event=event, start=at(11), end=at(10), room=RoomFactory(venue=event.venue))

    with pytest.raises(ValidationError) as refusal:
        session.clean()

    assert refusal.value.message_dict == {"end": ["The session must end after it starts."]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end"),
    [(at(8), at(10)), (at(17), at(19, day=6)), (at(10, day=7), at(11, day=7))],
)
def test_session_clean_refuses_times_outside_its_event(start, end):
    # The event runs from 09:00 on the 5th to 18:00 on the 6th.
    event = EventFactory(start=at(9), end=at(18, day=6))
    session = Session(event=event, start=start, end=end, room=RoomFactory(venue=event.venue))

    with pytest.raises(ValidationError) as refusal:
        session.clean()

    assert refusal.value.message_dict == {
        "start": ["The session must fall inside its event's times."]
    }


@pytest.mark.django_db
def test_session_clean_refuses_a_room_at_another_venue():
    event = EventFactory(venue__name="Museum of Science and Industry")
    session = Session(event=event, start=at(10), end=at(11), room=RoomFactory(name="Elsewhere"))

    with pytest.raises(ValidationError) as refusal:
        session.clean()

    assert refusal.value.message_dict == {
        "room": ["Choose a room at Museum of Science and Industry, where the event is held."]
    }


# Session: what it shows


@pytest.mark.django_db
def test_session_str_url_and_flags():
    session = SessionFactory(
        event__festival=FestivalFactory(slug="nacpf"),
        title="Courage in co-production",
        slug="courage",
        capacity=None,
        status=Session.Status.CANCELLED,
    )

    assert (
        str(session),
        session.get_absolute_url(),
        session.is_drop_in,
        session.is_cancelled,
        session.sequence,
    ) == ("Courage in co-production", "/festivals/nacpf/sessions/courage/", True, True, 0)


def test_session_with_places_and_scheduled_is_neither_drop_in_nor_cancelled():
    session = Session(capacity=20, status=Session.Status.SCHEDULED)

    assert (session.is_drop_in, session.is_cancelled) == (False, False)


# ScheduleChange


@pytest.mark.django_db
def test_schedule_change_str_names_the_kind_and_the_session():
    moved = ScheduleChangeFactory(session__title="Opening")
    re_roomed = ScheduleChangeFactory(kind=ChangeKind.ROOM, session=moved.session)

    assert [str(moved), str(re_roomed)] == ["Moved: Opening", "Room changed: Opening"]
