from datetime import datetime

import pytest
import time_machine

from events.bookings.charts import FillRow, fill_chart, session_fill_chart
from events.bookings.selectors import sessions_with_booking_counts
from events.bookings.services import book_place
from events.enums import SessionStatus
from tests.factories import LONDON, FestivalFactory, SessionFactory, UserFactory


def bars(*rows: FillRow) -> list[tuple[str, str, str, bool, float, float]]:
    chart = fill_chart(chart_id="fill", title="How full", rows=rows)
    return [
        (bar.label, bar.value, bar.note, bar.has_track, bar.fill_width, bar.top)
        for bar in chart.bars
    ]


def test_fill_chart_bar_is_the_share_of_places_taken_of_a_300_unit_track():
    assert bars(
        FillRow(label="10:00 Half", going=5, capacity=10),
        FillRow(label="11:00 Third", going=1, capacity=3),
        FillRow(label="12:00 Empty", going=0, capacity=8),
    ) == [
        ("10:00 Half", "5 of 10", "", True, 150.0, 0),
        ("11:00 Third", "1 of 3", "", True, 100.0, 44),
        ("12:00 Empty", "0 of 8", "", True, 0.0, 88),
    ]


def test_fill_chart_marks_full_sessions_and_their_waitlists():
    assert bars(
        FillRow(label="Full", going=4, capacity=4),
        FillRow(label="Waiting", going=4, capacity=4, waitlisted=7),
        # Capacity lowered by an import below the people going: the bar stops at full.
        FillRow(label="Over", going=6, capacity=4),
        FillRow(label="No places", going=0, capacity=0),
    ) == [
        ("Full", "4 of 4", "Full", True, 300.0, 0),
        ("Waiting", "4 of 4", "7 waiting", True, 300.0, 44),
        ("Over", "6 of 4", "Full", True, 300.0, 88),
        ("No places", "0 of 0", "Full", True, 300.0, 132),
    ]


def test_fill_chart_draws_no_bar_for_drop_in_or_cancelled_sessions():
    assert bars(
        FillRow(label="Drop-in", going=12, capacity=None),
        FillRow(label="Called off", going=3, capacity=10, is_cancelled=True),
    ) == [
        ("Drop-in", "Drop-in, 12 going", "", False, 0.0, 0),
        ("Called off", "Cancelled", "", False, 0.0, 44),
    ]


def test_fill_chart_describes_every_bar_in_words():
    chart = fill_chart(
        chart_id="fill-2027-07-05",
        title="How full each session is on Monday 5 July",
        rows=[
            FillRow(label="10:00 Opening", going=2, capacity=2, waitlisted=1),
            FillRow(label="11:00 Open space", going=5, capacity=None),
            FillRow(label="12:00 Zines", going=1, capacity=4),
            FillRow(label="13:00 Walk", going=0, capacity=9, is_cancelled=True),
        ],
    )

    assert chart.description == (
        "10:00 Opening: 2 of 2 places taken, 1 on the waitlist. 11:00 Open space: drop-in, "
        "5 going. 12:00 Zines: 1 of 4 places taken. 13:00 Walk: cancelled."
    )
    assert (chart.width, chart.height, chart.track_width, chart.value_x) == (400, 176, 300, 308)


def test_fill_chart_shortens_long_labels_and_keeps_them_whole_in_the_description():
    title = "10:00 What we learned from ten years of co-producing festivals with communities"

    chart = fill_chart(
        chart_id="fill",
        title="t",
        rows=[
            FillRow(label=title, going=1, capacity=2),
            # A note at the right ("103 waiting") leaves less room for the label.
            FillRow(label=title, going=2, capacity=2, waitlisted=103),
        ],
    )

    assert [(bar.label, bar.full_label) for bar in chart.bars] == [
        ("10:00 What we learned from ten years of co-pro…", title),
        ("10:00 What we learned from ten ye…", title),
    ]
    assert chart.bars[0].description == f"{title}: 1 of 2 places taken."


def test_fill_chart_rows_place_label_bar_and_value_in_turn():
    chart = fill_chart(chart_id="fill", title="t", rows=[FillRow("a", 1, 2), FillRow("b", 1, 2)])

    assert [(bar.label_y, bar.bar_y, bar.value_y) for bar in chart.bars] == [
        (15, 21, 32),
        (59, 65, 76),
    ]


@pytest.mark.django_db
def test_session_fill_chart_labels_sessions_with_their_local_start_time():
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
    )

    assert [(bar.label, bar.value, bar.note, bar.fill_width) for bar in chart.bars] == [
        ("09:30 Opening circle", "2 of 2", "1 waiting", 300.0),
        (f"11:00 {cancelled.title}", "Cancelled", "", 0.0),
    ]
