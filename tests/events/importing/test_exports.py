"""The programme CSV export (events/importing/exports.py) and its round trip back in."""

import csv
import io
from datetime import datetime

import pytest
from django.core.management import call_command

from events.importing import ImportRejected, import_programme
from events.importing.exports import programme_csv
from events.models import ScheduleChange
from festival.models import Festival
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def test_programme_csv_writes_each_session_in_the_import_columns(festival_with_programme):
    rows = list(csv.reader(io.StringIO(programme_csv(festival=festival_with_programme))))

    assert rows == [
        ["ref", "event", "date", "start", "end", "room", "title", "format", "speakers",
         "capacity", "themes", "status", "description", "access", "content_note"],
        ["A", "main", "2027-07-05", "10:00", "10:45", "Hall", "Opening", "talk", "", "40", "",
         "cancelled", "A conversation about doing things *with* people.", "", ""],
        ["B", "main", "2027-07-05", "10:00", "11:30", "Garden", "Walk, talk", "happening",
         "Linda <linda@example.org>; Mel Parks <mel@example.org>", "", "Care; Mutual aid", "",
         'Meet "by the gate".', "", ""],
    ]  # fmt: skip


def test_programme_csv_imports_back_with_nothing_changed(festival_with_programme):
    result = import_programme(
        festival=festival_with_programme, content=programme_csv(festival=festival_with_programme)
    )

    assert (result.added, result.changed, result.unchanged, result.schedule_changes) == (
        0,
        0,
        2,
        0,
    )
    assert ScheduleChange.objects.count() == 0


def test_demo_programme_round_trips_through_its_csv():
    call_command("load_demo", stdout=io.StringIO())
    festival = Festival.objects.get(slug="not-another-co-production-festival")

    result = import_programme(festival=festival, content=programme_csv(festival=festival))

    assert (result.added, result.changed, result.schedule_changes) == (0, 0, 0)
    assert result.unchanged == festival.sessions.count() >= 24


@pytest.fixture
def festival_with_awkward_cells():
    festival = FestivalFactory(name="Awkward", slug="awkward")
    event = EventFactory(festival=festival, slug="main")
    hall = RoomFactory(venue=event.venue, name="Hall", position=0)
    for hour, (ref, title, description) in enumerate(
        [
            ("A", "-20% off", '=HYPERLINK("http://example.org")'),
            ("B", "=1+1", "+44 161 000 0000"),
            ("C", "'=already quoted", "@everyone"),
            ("D", "'quoted, not a formula", "Plain"),
        ]
    ):
        SessionFactory(
            event=event, ref=ref, title=title, description=description, room=hall,
            start=datetime(2027, 7, 5, 10 + hour, tzinfo=LONDON),
            end=datetime(2027, 7, 5, 10 + hour, 30, tzinfo=LONDON),
        )  # fmt: skip
    return festival


def test_programme_csv_starts_cells_a_spreadsheet_would_run_with_a_quote(
    festival_with_awkward_cells,
):
    rows = list(csv.reader(io.StringIO(programme_csv(festival=festival_with_awkward_cells))))

    assert [(row[0], row[6], row[12]) for row in rows[1:]] == [
        ("A", "'-20% off", '\'=HYPERLINK("http://example.org")'),
        ("B", "'=1+1", "'+44 161 000 0000"),
        ("C", "''=already quoted", "'@everyone"),
        ("D", "'quoted, not a formula", "Plain"),
    ]


def test_programme_csv_with_formula_like_cells_imports_back_exactly(festival_with_awkward_cells):
    festival = festival_with_awkward_cells

    result = import_programme(festival=festival, content=programme_csv(festival=festival))

    assert (result.added, result.changed, result.unchanged) == (0, 0, 4)
    assert list(festival.sessions.order_by("ref").values_list("title", "description")) == [
        ("-20% off", '=HYPERLINK("http://example.org")'),
        ("=1+1", "+44 161 000 0000"),
        ("'=already quoted", "@everyone"),
        ("'quoted, not a formula", "Plain"),
    ]


def test_programme_csv_of_a_speaker_without_email_asks_for_it_on_import(
    festival_with_programme,
):
    session = festival_with_programme.sessions.get(ref="B")
    session.speakers.add(SpeakerFactory(festival=festival_with_programme, name="Ada", email=""))
    text = programme_csv(festival=festival_with_programme)

    with pytest.raises(ImportRejected) as rejected:
        import_programme(festival=festival_with_programme, content=text)

    assert "Ada; Linda <linda@example.org>; Mel Parks <mel@example.org>" in text
    assert [str(error) for error in rejected.value.plan.errors] == [
        "Line 3: speaker “Ada” has no email: write Ada <email>."
    ]


def test_programme_csv_of_a_session_ending_on_a_later_day_is_refused_on_import(
    festival_with_programme,
):
    event = festival_with_programme.events.get()
    garden = festival_with_programme.sessions.get(ref="B").room
    SessionFactory(
        event=event, ref="LATE", title="Night walk", room=garden,
        start=datetime(2027, 7, 5, 22, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 6, 1, 0, tzinfo=LONDON),
    )  # fmt: skip
    SessionFactory(
        event=event, ref="LONG", title="Sleepover", room=garden,
        start=datetime(2027, 7, 5, 12, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 6, 13, 0, tzinfo=LONDON),
    )  # fmt: skip
    text = programme_csv(festival=festival_with_programme)

    with pytest.raises(ImportRejected) as rejected:
        import_programme(festival=festival_with_programme, content=text)

    rows = list(csv.reader(io.StringIO(text)))
    assert [row[:5] for row in rows if row[0] in {"LATE", "LONG"}] == [
        ["LONG", "main", "2027-07-05", "12:00", "2027-07-06 13:00"],
        ["LATE", "main", "2027-07-05", "22:00", "2027-07-06 01:00"],
    ]
    one_day = (
        "is on another day than the session's date. The file has one date column, so a session "
        "must end on the day it starts: split one that runs past midnight into a row per day. "
        "To keep such a session as it is, leave its row out (and do not cancel missing sessions)."
    )
    assert [str(error) for error in rejected.value.plan.errors] == [
        f"Line 4: end “2027-07-06 13:00” {one_day}",
        f"Line 5: end “2027-07-06 01:00” {one_day}",
    ]
