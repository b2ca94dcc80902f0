from datetime import date, datetime

import pytest

from events.programme.forms import ProgrammeFilterForm
from events.programme.presenters import (
    ChosenDay,
    DayLink,
    FestivalLinks,
    SessionCard,
    choose_day,
    day_grid,
    day_href,
    day_in_programme,
    day_links,
    echoed,
    filter_fields,
    session_card,
)
from events.programme.selectors import (
    FilterChoices,
    ProgrammeFilters,
    ProgrammeRoom,
    ProgrammeSession,
)
from events.programme.timetable import DayGrid, Placement, RoomColumn, TimeMark
from festival.models import Festival
from tests.factories import LONDON

MONDAY, TUESDAY = date(2027, 7, 5), date(2027, 7, 6)
FESTIVAL_DAYS = [MONDAY, TUESDAY]
FESTIVAL = Festival(name="Not Another Co-production Festival", slug="nacpf")
HALL = ProgrammeRoom(pk=1, name="Hall", position=1, venue_id=1, venue_name="Museum")
YARD = ProgrammeRoom(pk=2, name="Yard", position=1, venue_id=2, venue_name="Arches")
LINKS = FestivalLinks(FESTIVAL)


def at(hour: int, minute: int = 0, *, day: int = 5) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


def programme_session(**values) -> ProgrammeSession:
    return ProgrammeSession(
        **{
            "pk": 1,
            "title": "What is co-production?",
            "slug": "what-is-co-production",
            "start": at(10),
            "end": at(11),
            "format": "talk",
            "capacity": 100,
            "status": "scheduled",
            "room": HALL,
            "speakers": [("Mel Parks", "mel-parks"), ("Sam Okafor", "sam-okafor")],
            "themes": ["Health"],
            **values,
        }
    )


def filter_form(query: dict[str, str]) -> ProgrammeFilterForm:
    form = ProgrammeFilterForm(
        query,
        choices=FilterChoices(
            formats=[("talk", "Talk")],
            themes=[("health", "Health")],
            rooms=[(1, "Hall")],
            access=[("step-free", "Step-free access")],
        ),
    )
    form.is_valid()
    return form


# Echoing what a visitor typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("knitting", "knitting"),
        ("\x00", ""),
        ("knit\x00ting", "knitting"),
        # A right-to-left override would turn the rest of the sentence round.
        ("\u202eevil", "evil"),
        ("  two\t\nlines\r\n ", "two lines"),
        ("x" * 40, "x" * 40),
        ("x" * 5000, "x" * 39 + "…"),
    ],
)
def test_echoed_drops_control_characters_and_cuts_long_text(text, expected):
    assert echoed(text) == expected


def test_echoed_cuts_at_the_limit_given():
    assert echoed("abcdefgh", limit=5) == "abcd…"


# Choosing the day


def choose(asked: date | str | None, *, today: date = date(2027, 6, 1)) -> ChosenDay:
    return choose_day(
        days=FESTIVAL_DAYS,
        today=today,
        asked=asked,
        first_session_day=TUESDAY,
        festival_name="Not Another Co-production Festival",
    )


def test_choose_day_gives_the_day_asked_for_when_the_festival_has_it():
    assert choose(TUESDAY, today=MONDAY) == ChosenDay(TUESDAY)


def test_choose_day_asked_for_a_day_outside_the_festival_says_so():
    assert choose(date(2027, 8, 1)) == ChosenDay(
        None,
        "There is no programme on Sun 1 August 2027. Choose one of the days of "
        "Not Another Co-production Festival:",
    )


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("tuesday", "tuesday"),
        ("\x00", ""),
        ("2027-07-05\x00<b>", "2027-07-05<b>"),
        ("9" * 5000, "9" * 39 + "…"),
    ],
)
def test_choose_day_asked_for_text_that_is_no_day_echoes_it_cleaned_and_cut(asked, shown):
    assert choose(asked) == ChosenDay(
        None, f"“{shown}” is not a day we can read. Choose one of the festival's days:"
    )


def test_choose_day_opens_on_today_during_the_festival():
    assert choose(None, today=MONDAY) == ChosenDay(MONDAY)


def test_choose_day_outside_the_festival_opens_on_the_first_day_with_sessions():
    assert choose(None, today=date(2027, 6, 1)) == ChosenDay(TUESDAY)


def test_choose_day_without_sessions_opens_on_the_festivals_first_day():
    chosen = choose_day(
        days=FESTIVAL_DAYS,
        today=date(2027, 6, 1),
        asked=None,
        first_session_day=None,
        festival_name="Not Another Co-production Festival",
    )

    assert chosen == ChosenDay(MONDAY)


# Day links


def test_day_href_keeps_only_the_filters_chosen():
    assert day_href(MONDAY, ProgrammeFilters()) == "?day=2027-07-05"
    assert (
        day_href(MONDAY, ProgrammeFilters(format="talk", room=3))
        == "?day=2027-07-05&format=talk&room=3"
    )


def test_day_links_mark_the_current_day():
    assert day_links(
        days=FESTIVAL_DAYS, current=TUESDAY, filters=ProgrammeFilters(theme="health")
    ) == [
        DayLink(day=MONDAY, href="?day=2027-07-05&theme=health", is_current=False),
        DayLink(day=TUESDAY, href="?day=2027-07-06&theme=health", is_current=True),
    ]


def test_day_links_with_no_day_chosen_mark_none():
    links = day_links(days=FESTIVAL_DAYS, current=None, filters=ProgrammeFilters())

    assert [link.is_current for link in links] == [False, False]


def test_day_in_programme_is_the_local_day_of_a_session_after_midnight():
    festival = Festival(name="Late", slug="late", timezone="Europe/London")

    # 00:30 BST on the 6th is still the 5th in UTC.
    assert day_in_programme(festival, at(0, 30, day=6)) == DayLink(
        day=TUESDAY, href="/festivals/late/programme/?day=2027-07-06"
    )


# Filter form errors


def test_filter_fields_are_the_visible_controls_in_order_with_no_errors_when_valid():
    fields = filter_fields(filter_form({"day": "2027-07-05", "format": "talk"}))

    assert [(control.field.name, control.errors) for control in fields] == [
        ("format", []),
        ("theme", []),
        ("room", []),
        ("access", []),
    ]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ({"format": "\x00"}, [["No session has the format “”."], [], [], []]),
        ({"format": "ta\x00lk"}, [["No session has the format “talk”."], [], [], []]),
        ({"theme": "k" * 5000}, [[], ["No session has the theme “" + "k" * 39 + "…”."], [], []]),
        ({"theme": "knitting"}, [[], ["No session has the theme “knitting”."], [], []]),
        ({"room": "9" * 5000}, [[], [], ["That room is not in this programme."], []]),
        ({"access": ["lifts"]}, [[], [], [], ["“lifts” is not an access provision here."]]),
    ],
)
def test_filter_fields_echo_a_bad_value_cleaned_and_cut(query, errors):
    fields = filter_fields(filter_form(query))

    assert [control.errors for control in fields] == errors


# Cards and the grid


def test_festival_links_are_the_festivals_session_and_speaker_paths():
    assert (LINKS.session("garden-walk"), LINKS.speaker("mel-parks")) == (
        "/festivals/nacpf/sessions/garden-walk/",
        "/festivals/nacpf/speakers/mel-parks/",
    )


def test_session_card_has_local_times_links_and_labels():
    card = session_card(programme_session(), zone=LONDON, links=LINKS, room="Hall")

    assert card == SessionCard(
        title="What is co-production?",
        href="/festivals/nacpf/sessions/what-is-co-production/",
        starts="10:00",
        ends="11:00",
        start_iso="2027-07-05T10:00+01:00",
        end_iso="2027-07-05T11:00+01:00",
        room="Hall",
        format="Talk",
        speakers=[
            ("Mel Parks", "/festivals/nacpf/speakers/mel-parks/"),
            ("Sam Okafor", "/festivals/nacpf/speakers/sam-okafor/"),
        ],
        themes=["Health"],
        is_cancelled=False,
        places="100 places",
    )


def test_session_card_past_midnight_names_the_day_it_ends_and_drop_in_has_no_places():
    session = programme_session(
        start=at(23), end=at(1, 30, day=6), capacity=None, status="cancelled", speakers=[]
    )

    card = session_card(session, zone=LONDON, links=LINKS, room="Hall")

    assert (card.starts, card.ends, card.places, card.is_cancelled, card.speakers) == (
        "23:00",
        "Tue 01:30",
        "Drop-in",
        True,
        [],
    )


def test_day_grid_names_the_venue_when_rooms_are_at_several():
    festival = Festival(name="Two venues", slug="two", timezone="Europe/London")
    links = FestivalLinks(festival)
    talk = programme_session()
    walk = programme_session(
        pk=2, title="Walk", slug="walk", room=YARD, speakers=[], themes=[], capacity=None
    )

    grid = day_grid(festival, [talk, walk])

    assert grid == DayGrid(
        rooms=[
            RoomColumn(room=2, label="Yard (Arches)", column=2, column_span=1),
            RoomColumn(room=1, label="Hall (Museum)", column=3, column_span=1),
        ],
        times=[TimeMark(label="10:00", row=2)],
        placements=[
            Placement(
                item=session_card(walk, zone=LONDON, links=links, room="Yard (Arches)"),
                start=at(10),
                row_start=2,
                row_span=4,
                column=2,
                column_span=1,
            ),
            Placement(
                item=session_card(talk, zone=LONDON, links=links, room="Hall (Museum)"),
                start=at(10),
                row_start=2,
                row_span=4,
                column=3,
                column_span=1,
            ),
        ],
        slot_minutes=15,
        row_count=4,
        column_count=2,
    )
