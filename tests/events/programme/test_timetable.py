from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from events.programme.timetable import DayGrid, Entry, Placement, RoomColumn, TimeMark, lay_out_day

LONDON = ZoneInfo("Europe/London")
HALL_STUDIO_GARDEN = [("hall", "Hall"), ("studio", "Studio"), ("garden", "Garden")]


def at(hour: int, minute: int = 0, *, day: int = 5, month: int = 7, fold: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=LONDON, fold=fold)


def entry(title: str, start: datetime, end: datetime, room: str) -> Entry[str]:
    return Entry(start=start, end=end, room=room, item=title)


def placed(grid: DayGrid) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            placement.item,
            placement.row_start,
            placement.row_span,
            placement.column,
            placement.column_span,
        )
        for placement in grid.placements
    ]


def test_lay_out_day_one_session_starts_on_the_first_slot_row():
    grid = lay_out_day(
        [entry("Welcome", at(10), at(11), "hall")], rooms=[("hall", "Hall")], zone=LONDON
    )

    assert grid == DayGrid(
        rooms=[RoomColumn(room="hall", label="Hall", column=2, column_span=1)],
        times=[TimeMark(label="10:00", row=2)],
        placements=[
            Placement(
                item="Welcome",
                start=at(10),
                row_start=2,
                row_span=4,
                column=2,
                column_span=1,
            )
        ],
        slot_minutes=15,
        row_count=4,
        column_count=1,
    )


def test_lay_out_day_rows_count_from_the_hour_before_the_earliest_start():
    grid = lay_out_day(
        [
            entry("Late", at(11, 30), at(12, 15), "hall"),
            entry("Early", at(9, 45), at(10, 30), "studio"),
        ],
        rooms=HALL_STUDIO_GARDEN,
        zone=LONDON,
    )

    # 09:00 is row 2; 09:45 is 3 slots later; 11:30 is 10 slots later.
    assert placed(grid) == [("Early", 5, 3, 3, 1), ("Late", 12, 3, 2, 1)]
    assert grid.times == [
        TimeMark(label="09:00", row=2),
        TimeMark(label="10:00", row=6),
        TimeMark(label="11:00", row=10),
        TimeMark(label="12:00", row=14),
    ]
    assert grid.row_count == 13


def test_lay_out_day_overlapping_sessions_in_different_rooms_share_rows():
    grid = lay_out_day(
        [
            entry("Talk", at(10), at(11), "hall"),
            entry("Workshop", at(10), at(11, 30), "studio"),
            entry("Walk", at(10, 30), at(11), "garden"),
        ],
        rooms=HALL_STUDIO_GARDEN,
        zone=LONDON,
    )

    assert placed(grid) == [
        ("Talk", 2, 4, 2, 1),
        ("Workshop", 2, 6, 3, 1),
        ("Walk", 4, 2, 4, 1),
    ]
    assert grid.column_count == 3


def test_lay_out_day_a_room_with_one_session_still_gets_its_column_and_empty_rooms_too():
    grid = lay_out_day(
        [entry("Alone in the garden", at(14), at(15), "garden")],
        rooms=HALL_STUDIO_GARDEN,
        zone=LONDON,
    )

    assert grid.rooms == [
        RoomColumn(room="hall", label="Hall", column=2, column_span=1),
        RoomColumn(room="studio", label="Studio", column=3, column_span=1),
        RoomColumn(room="garden", label="Garden", column=4, column_span=1),
    ]
    assert placed(grid) == [("Alone in the garden", 2, 4, 4, 1)]


def test_lay_out_day_sessions_at_once_in_one_room_get_lanes_and_widen_where_free():
    grid = lay_out_day(
        [
            entry("Before", at(9), at(10), "hall"),
            entry("Cancelled walk", at(10), at(11), "hall"),
            entry("Replacement walk", at(10), at(10, 30), "hall"),
            entry("Next door", at(10), at(11), "studio"),
        ],
        rooms=[("hall", "Hall"), ("studio", "Studio")],
        zone=LONDON,
    )

    assert grid.rooms == [
        RoomColumn(room="hall", label="Hall", column=2, column_span=2),
        RoomColumn(room="studio", label="Studio", column=4, column_span=1),
    ]
    # "Before" has the hall to itself, so it spans both of its lanes. The shorter of the two
    # at 10:00 takes the first lane; sessions starting together read left to right.
    assert placed(grid) == [
        ("Before", 2, 4, 2, 2),
        ("Replacement walk", 6, 2, 2, 1),
        ("Cancelled walk", 6, 4, 3, 1),
        ("Next door", 6, 4, 4, 1),
    ]
    assert grid.column_count == 3


def test_lay_out_day_back_to_back_sessions_in_one_room_need_no_lanes():
    grid = lay_out_day(
        [entry("First", at(10), at(11), "hall"), entry("Second", at(11), at(12), "hall")],
        rooms=[("hall", "Hall")],
        zone=LONDON,
    )

    assert placed(grid) == [("First", 2, 4, 2, 1), ("Second", 6, 4, 2, 1)]
    assert grid.rooms == [RoomColumn(room="hall", label="Hall", column=2, column_span=1)]


def test_lay_out_day_placements_are_in_time_order_whatever_the_input_order():
    grid = lay_out_day(
        [
            entry("Third", at(12), at(13), "hall"),
            entry("First", at(10), at(11), "studio"),
            entry("Second", at(11), at(12), "hall"),
        ],
        rooms=HALL_STUDIO_GARDEN,
        zone=LONDON,
    )

    assert [placement.item for placement in grid.placements] == ["First", "Second", "Third"]


@pytest.mark.parametrize(
    ("start_minute", "end_minute", "slot_minutes"),
    [(0, 45, 15), (10, 40, 10), (5, 50, 5), (7, 52, 5)],
)
def test_lay_out_day_slot_is_the_coarsest_that_fits_every_time(
    start_minute, end_minute, slot_minutes
):
    grid = lay_out_day(
        [entry("Talk", at(10, start_minute), at(10, end_minute), "hall")],
        rooms=[("hall", "Hall")],
        zone=LONDON,
    )

    assert grid.slot_minutes == slot_minutes


def test_lay_out_day_rounds_odd_minutes_outwards_to_five_minute_slots():
    grid = lay_out_day(
        [entry("Odd", at(10, 7), at(10, 52), "hall")], rooms=[("hall", "Hall")], zone=LONDON
    )

    # 10:07 falls in the 10:05 slot (row 3); 10:52 ends inside the 10:50 slot (row 12).
    assert placed(grid) == [("Odd", 3, 10, 2, 1)]


def test_lay_out_day_counts_elapsed_time_on_the_night_the_clocks_go_back():
    # 31 October 2027: 02:00 BST becomes 01:00 GMT, so 00:30 to 02:30 lasts three hours.
    grid = lay_out_day(
        [entry("All-nighter", at(0, 30, day=31, month=10), at(2, 30, day=31, month=10), "hall")],
        rooms=[("hall", "Hall")],
        zone=LONDON,
    )

    assert placed(grid) == [("All-nighter", 4, 12, 2, 1)]
    assert [mark.label for mark in grid.times] == ["00:00", "01:00", "01:00", "02:00"]


def test_lay_out_day_places_the_style_of_each_item_as_css_custom_properties():
    grid = lay_out_day(
        [entry("Talk", at(10, 30), at(11, 30), "studio")],
        rooms=[("hall", "Hall"), ("studio", "Studio")],
        zone=LONDON,
    )

    assert grid.placements[0].style == "--row-start: 4; --row-span: 4; --col: 3; --col-span: 1"
    assert grid.rooms[1].style == "--col: 3; --col-span: 1"
    assert grid.times[0].style == "--row-start: 2"
    assert grid.style == "--rows: 6; --cols: 2; --slot-minutes: 15"


def test_lay_out_day_with_no_entries_has_columns_and_no_rows():
    grid = lay_out_day([], rooms=[("hall", "Hall")], zone=LONDON)

    assert grid == DayGrid(
        rooms=[RoomColumn(room="hall", label="Hall", column=2, column_span=1)],
        times=[],
        placements=[],
        slot_minutes=15,
        row_count=0,
        column_count=1,
    )


def test_lay_out_day_refuses_an_entry_in_a_room_not_given():
    with pytest.raises(ValueError, match="pass every room that an entry uses"):
        lay_out_day([entry("Lost", at(10), at(11), "attic")], rooms=[("hall", "Hall")], zone=LONDON)
