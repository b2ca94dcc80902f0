from datetime import datetime

import pytest
import time_machine

from events.bookings.charts import FillRow, fill_chart, session_fill_chart
from events.bookings.selectors import sessions_with_booking_counts
from events.bookings.services import book_place
from events.enums import SessionStatus
from tests.factories import LONDON, FestivalFactory, SessionFactory, UserFactory


def bars(*rows: FillRow) -> list[tuple[str, str, str, bool, int, int]]:
    chart = fill_chart(chart_id="fill", title="How full", rows=rows)
    return [
        (bar.title, bar.value, bar.note, bar.has_track, bar.meter_value, bar.meter_max)
        for bar in chart.bars
    ]


def test_fill_chart_bar_is_the_places_taken_of_the_places_there_are():
    assert bars(
        FillRow(title="Half", going=5, capacity=10),
        FillRow(title="Third", going=1, capacity=3),
        FillRow(title="Empty", going=0, capacity=8),
    ) == [
        ("Half", "5 of 10 places taken", "", True, 5, 10),
        ("Third", "1 of 3 places taken", "", True, 1, 3),
        ("Empty", "0 of 8 places taken", "", True, 0, 8),
    ]


def test_fill_chart_marks_full_sessions_and_their_waitlists():
    assert bars(
        FillRow(title="Full", going=4, capacity=4),
        FillRow(title="Waiting", going=4, capacity=4, waitlisted=7),
        # Capacity lowered by an import below the people going: the bar stops at full.
        FillRow(title="Over", going=6, capacity=4),
        FillRow(title="No places", going=0, capacity=0),
    ) == [
        ("Full", "4 of 4 places taken", "Full", True, 4, 4),
        ("Waiting", "4 of 4 places taken", "7 waiting", True, 4, 4),
        ("Over", "6 of 4 places taken", "Full", True, 4, 4),
        ("No places", "0 of 0 places taken", "Full", True, 1, 1),
    ]


def test_fill_chart_draws_no_bar_for_drop_in_or_cancelled_sessions():
    assert [
        (title, value, note, has_track)
        for title, value, note, has_track, _, _ in bars(
            FillRow(title="Drop-in", going=12, capacity=None),
            FillRow(title="Called off", going=3, capacity=10, is_cancelled=True),
        )
    ] == [
        ("Drop-in", "Drop-in, 12 going", "", False),
        ("Called off", "Cancelled", "", False),
    ]


def test_fill_chart_keeps_long_titles_whole():
    title = "What we learned from ten years of co-producing festivals with communities " * 3

    chart = fill_chart(
        chart_id="fill",
        title="t",
        rows=[FillRow(title=title, going=2, capacity=2, waitlisted=103, time="10:00")],
    )

    assert [(bar.time, bar.title, bar.note) for bar in chart.bars] == [
        ("10:00", title, "103 waiting")
    ]


@pytest.mark.django_db
def test_session_fill_chart_gives_sessions_their_local_start_time_and_link():
    festival = FestivalFactory(timezone="Europe/London")
    session = SessionFactory(
        event__festival=festival,
        title="Opening circle",
        start=datetime(2027, 7, 5, 9, 30, tzinfo=LONDON),
        capacity=2,
    )
    cancelled = SessionFactory(
        event=session.event,
        title="Walk",
        start=datetime(2027, 7, 5, 11, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 12, tzinfo=LONDON),
        status=SessionStatus.CANCELLED,
    )
    with time_machine.travel(datetime(2027, 7, 1, 12, tzinfo=LONDON), tick=False):
        for _ in range(3):
            book_place(user=UserFactory(), session=session)

    chart = session_fill_chart(
        chart_id="fill",
        title="Monday",
        sessions=sessions_with_booking_counts(festival=festival),
        zone=festival.zone,
        link=lambda found: f"/sessions/{found.slug}/",
    )

    assert [
        (bar.time, bar.title, bar.href, bar.value, bar.note, bar.meter_value) for bar in chart.bars
    ] == [
        (
            "09:30",
            "Opening circle",
            "/sessions/opening-circle/",
            "2 of 2 places taken",
            "1 waiting",
            2,
        ),
        ("11:00", cancelled.title, "/sessions/walk/", "Cancelled", "", 0),
    ]
