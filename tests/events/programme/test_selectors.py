from datetime import date, datetime

import pytest

from events.enums import SessionFormat, SessionStatus
from events.models import ScheduleChange
from events.programme import selectors
from events.programme.selectors import (
    DayCount,
    FilterChoices,
    ProgrammeFilters,
    ProgrammeRoom,
    ProgrammeSession,
)
from festival.models import STANDARD_PROVISIONS
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    ScheduleChangeFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    VenueFactory,
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def festival():
    return FestivalFactory(slug="nacpf", start_date=date(2027, 7, 5), end_date=date(2027, 7, 6))


@pytest.fixture
def event(festival):
    venue = VenueFactory(name="Museum of Science and Industry")
    return EventFactory(festival=festival, venue=venue, start=at(5, 9), end=at(7, 3))


@pytest.mark.django_db
def test_sessions_on_day_gives_plain_values_in_time_order(festival, event):
    hall = RoomFactory(venue=event.venue, name="Hall", position=1)
    studio = RoomFactory(venue=event.venue, name="Studio", position=2)
    mel = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks")
    ann = SpeakerFactory(festival=festival, name="Ann Lee", slug="ann-lee")
    health = TagFactory(name="Health")
    arts = TagFactory(name="Arts")
    late = SessionFactory(
        event=event,
        title="Late",
        slug="late",
        start=at(5, 14),
        end=at(5, 15),
        room=hall,
        format=SessionFormat.WORKSHOP,
        capacity=None,
        status=SessionStatus.CANCELLED,
    )
    early = SessionFactory(
        event=event,
        title="Early",
        slug="early",
        start=at(5, 10),
        end=at(5, 11),
        room=studio,
        capacity=30,
        speakers=[mel, ann],
        themes=[health, arts],
    )

    sessions = selectors.sessions_on_day(
        festival=festival, day=date(2027, 7, 5), filters=ProgrammeFilters()
    )

    studio_row = ProgrammeRoom(
        pk=studio.pk,
        name="Studio",
        position=2,
        venue_id=event.venue_id,
        venue_name="Museum of Science and Industry",
    )
    hall_row = ProgrammeRoom(
        pk=hall.pk,
        name="Hall",
        position=1,
        venue_id=event.venue_id,
        venue_name="Museum of Science and Industry",
    )
    assert sessions == [
        ProgrammeSession(
            pk=early.pk,
            title="Early",
            slug="early",
            start=at(5, 10),
            end=at(5, 11),
            format="talk",
            capacity=30,
            status="scheduled",
            room=studio_row,
            speakers=[("Ann Lee", "ann-lee"), ("Mel Parks", "mel-parks")],
            themes=["Arts", "Health"],
        ),
        ProgrammeSession(
            pk=late.pk,
            title="Late",
            slug="late",
            start=at(5, 14),
            end=at(5, 15),
            format="workshop",
            capacity=None,
            status="cancelled",
            room=hall_row,
            speakers=[],
            themes=[],
        ),
    ]
    assert [session.is_cancelled for session in sessions] == [False, True]
    assert selectors.rooms_in_order(sessions) == [hall_row, studio_row]


@pytest.mark.django_db
def test_sessions_on_day_uses_the_festivals_local_midnight(festival, event):
    SessionFactory(event=event, title="Evening", start=at(5, 23), end=at(5, 23, 45))
    # 00:30 BST on the 6th is 23:30 UTC on the 5th: it belongs to the 6th.
    SessionFactory(event=event, title="Night walk", start=at(6, 0, 30), end=at(6, 1, 30))

    def titles(day: int) -> list[str]:
        sessions = selectors.sessions_on_day(
            festival=festival, day=date(2027, 7, day), filters=ProgrammeFilters()
        )
        return [session.title for session in sessions]

    assert (titles(5), titles(6)) == (["Evening"], ["Night walk"])


@pytest.mark.django_db
def test_sessions_on_day_leaves_out_other_festivals(festival, event):
    SessionFactory(event=event, title="Ours")
    SessionFactory(event=EventFactory(festival=FestivalFactory(slug="theirs")), title="Theirs")

    sessions = selectors.sessions_on_day(
        festival=festival, day=date(2027, 7, 5), filters=ProgrammeFilters()
    )

    assert [session.title for session in sessions] == ["Ours"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filters", "titles"),
    [
        ({"format": "workshop"}, ["Zine making"]),
        ({"theme": "health"}, ["Health talk", "Zine making"]),
        ({"theme": "health", "format": "talk"}, ["Health talk"]),
        ({"room": "garden"}, ["Walk"]),
        ({"room": "garden", "theme": "health"}, []),
    ],
)
def test_sessions_on_day_filters_by_format_theme_and_room(festival, event, filters, titles):
    hall = RoomFactory(venue=event.venue, name="Hall", position=1)
    garden = RoomFactory(venue=event.venue, name="Garden", position=2)
    health = TagFactory(name="Health", slug="health")
    SessionFactory(event=event, title="Health talk", room=hall, themes=[health])
    SessionFactory(
        event=event,
        title="Zine making",
        room=hall,
        start=at(5, 12),
        end=at(5, 13),
        format=SessionFormat.WORKSHOP,
        themes=[health, TagFactory(name="Arts")],
    )
    SessionFactory(event=event, title="Walk", room=garden, format=SessionFormat.HAPPENING)
    if "room" in filters:
        filters["room"] = garden.pk

    sessions = selectors.sessions_on_day(
        festival=festival, day=date(2027, 7, 5), filters=ProgrammeFilters(**filters)
    )

    assert [session.title for session in sessions] == titles


@pytest.mark.django_db
def test_session_counts_by_day_counts_local_days_and_cancellations(festival, event):
    SessionFactory(event=event, start=at(5, 10), end=at(5, 11))
    SessionFactory(event=event, start=at(5, 12), end=at(5, 13), status=SessionStatus.CANCELLED)
    SessionFactory(event=event, start=at(6, 0, 30), end=at(6, 1))

    assert selectors.session_counts_by_day(festival=festival) == [
        DayCount(day=date(2027, 7, 5), sessions=2, cancelled=1),
        DayCount(day=date(2027, 7, 6), sessions=1, cancelled=0),
    ]


@pytest.mark.django_db
def test_festival_days_are_the_festivals_stretched_to_every_session(festival, event):
    assert selectors.session_day_span(festival=festival) is None
    assert festival.days() == [
        date(2027, 7, 5),
        date(2027, 7, 6),
    ]

    SessionFactory(event=event, start=at(7, 1), end=at(7, 2))
    SessionFactory(event=event, start=at(5, 10), end=at(5, 11))
    span = selectors.session_day_span(festival=festival)

    assert span == (date(2027, 7, 5), date(2027, 7, 7))
    assert festival.days(stretched_to=span) == [
        date(2027, 7, 5),
        date(2027, 7, 6),
        date(2027, 7, 7),
    ]


@pytest.mark.django_db
def test_programme_filter_choices_offer_only_what_the_festival_uses(festival, event):
    other_venue = VenueFactory(name="Town Hall")
    other_event = EventFactory(festival=festival, venue=other_venue, slug="other")
    hall = RoomFactory(venue=event.venue, name="Hall", position=1)
    chamber = RoomFactory(venue=other_venue, name="Chamber", position=1)
    RoomFactory(venue=event.venue, name="Unused room")
    housing = TagFactory(name="Housing", slug="housing")
    arts = TagFactory(name="Arts", slug="arts")
    SessionFactory(event=event, room=hall, format=SessionFormat.WORKSHOP, themes=[housing])
    SessionFactory(event=other_event, room=chamber, format=SessionFormat.TALK, themes=[arts])
    SessionFactory(format=SessionFormat.PERFORMANCE, themes=[TagFactory(name="Elsewhere")])

    assert selectors.programme_filter_choices(festival=festival) == FilterChoices(
        formats=[("talk", "Talk"), ("workshop", "Workshop")],
        themes=[("arts", "Arts"), ("housing", "Housing")],
        rooms=[
            (hall.pk, "Hall (Museum of Science and Industry)"),
            (chamber.pk, "Chamber (Town Hall)"),
        ],
        access=[(provision.code, provision.label) for provision in STANDARD_PROVISIONS],
    )


@pytest.mark.django_db
def test_festival_changes_are_newest_first_and_only_this_festivals(festival, event):
    first = ScheduleChangeFactory(session=SessionFactory(event=event))
    second = ScheduleChangeFactory(session=SessionFactory(event=event))
    ScheduleChangeFactory()  # another festival's
    ScheduleChange.objects.filter(pk=first.pk).update(created_at=at(1, 9))
    ScheduleChange.objects.filter(pk=second.pk).update(created_at=at(2, 9))

    assert selectors.festival_changes(festival=festival) == [second, first]


@pytest.mark.django_db
def test_sessions_of_speaker_are_in_time_order(festival, event):
    mel = SpeakerFactory(festival=festival)
    later = SessionFactory(event=event, start=at(6, 10), end=at(6, 11), speakers=[mel])
    sooner = SessionFactory(event=event, start=at(5, 10), end=at(5, 11), speakers=[mel])
    SessionFactory(event=event)

    assert selectors.sessions_of_speaker(speaker=mel) == [sooner, later]


@pytest.mark.django_db
def test_session_for_page_finds_only_this_festivals_session(festival, event):
    session = SessionFactory(event=event, slug="talk")
    SessionFactory(event=EventFactory(festival=FestivalFactory(slug="other")), slug="elsewhere")

    assert selectors.session_for_page(festival=festival, slug="talk") == session
    assert selectors.session_for_page(festival=festival, slug="elsewhere") is None


def test_room_labels_name_the_venue_only_when_there_are_several():
    assert selectors.room_labels([("Hall", "Museum"), ("Studio", "Museum")]) == [
        "Hall",
        "Studio",
    ]
    assert selectors.room_labels([("Hall", "Museum"), ("Chamber", "Town Hall")]) == [
        "Hall (Museum)",
        "Chamber (Town Hall)",
    ]
