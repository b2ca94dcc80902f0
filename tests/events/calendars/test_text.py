"""RFC 5545 text (events/calendars/text.py), VTIMEZONEs (timezones.py) and the fixes to
django-ical (base.py, generator.py), below the level of a feed."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from events.calendars.base import CalendarFeed
from events.calendars.generator import ICalendarText
from events.calendars.text import duration, escape_text, fold, utc_offset, utc_stamp
from events.calendars.timezones import vtimezone


def test_text_values_are_escaped():
    assert escape_text("a\\b; c, d\r\ne\rf\ng\x00h\tz") == "a\\\\b\\; c\\, d\\ne\\nf\\ngh\tz"


def test_short_lines_are_left_alone():
    assert fold("SUMMARY:" + "x" * 67) == "SUMMARY:" + "x" * 67


def test_long_lines_fold_at_75_octets_and_never_split_a_character():
    line = "DESCRIPTION:" + "é" * 70

    folded = fold(line)

    pieces = folded.split("\r\n")
    # 75 would cut the 32nd "é" in two: the first piece stops at 74.
    assert [len(piece.encode()) for piece in pieces] == [74, 75, 5]
    assert "".join(piece.removeprefix(" ") for piece in pieces) == line


def test_date_times_offsets_and_durations():
    moment = datetime(2027, 7, 5, 10, 30, 15, 999, tzinfo=ZoneInfo("Europe/London"))

    assert (
        utc_stamp(moment),
        utc_offset(timedelta(hours=-4, minutes=-30)),
        utc_offset(timedelta(hours=5, minutes=30, seconds=7)),
        duration(timedelta(hours=-1)),
        duration(timedelta(days=-1)),
        duration(timedelta(minutes=-90)),
    ) == ("20270705T093015Z", "-0430", "+053007", "-PT1H", "-P1D", "-PT90M")


def test_a_vtimezone_without_clock_changes_has_one_observance():
    assert vtimezone("Asia/Tokyo", 2027, 2027).split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:20270101T090000",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def test_london_over_two_years_lists_each_change_as_its_own_rdate():
    assert vtimezone("Europe/London", 2027, 2028).split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:STANDARD",
        "DTSTART:20270101T000000",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:20270328T010000",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "RDATE:20270328T010000",
        "RDATE:20280326T010000",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20271031T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "RDATE:20271031T020000",
        "RDATE:20281029T020000",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def test_the_generator_keeps_sequence_zero_and_leaves_out_empty_values():
    feed = ICalendarText(title="", link="/", description="")

    text = feed.render_event(
        {
            "unique_id": "abc@example.org",
            "timestamp": datetime(2027, 6, 1, 8, tzinfo=UTC),
            "start_datetime": datetime(2027, 7, 5, 9, tzinfo=UTC),
            "end_datetime": datetime(2027, 7, 5, 10, tzinfo=UTC),
            "sequence": 0,
            "title": "A title",
            "description": "",
            "location": None,
            "categories": [],
            "link": "",
        }
    )

    assert text.split("\r\n") == [
        "BEGIN:VEVENT",
        "UID:abc@example.org",
        "DTSTAMP:20270601T080000Z",
        "DTSTART:20270705T090000Z",
        "DTEND:20270705T100000Z",
        "SEQUENCE:0",
        "SUMMARY:A title",
        "END:VEVENT",
        "",
    ]


def test_the_generator_refuses_a_floating_time():
    feed = ICalendarText(title="", link="/", description="")

    with pytest.raises(ValueError, match="has no time zone"):
        feed.render_event(
            {
                "unique_id": "abc@example.org",
                "timestamp": datetime(2027, 6, 1, 8, tzinfo=UTC),
                "start_datetime": datetime(2027, 7, 5, 9),
                "end_datetime": datetime(2027, 7, 5, 10, tzinfo=UTC),
            }
        )


class Hooks(CalendarFeed):
    """A feed whose hooks are a mix of values and methods, as Django's Feed allows."""

    item_class = "PUBLIC"

    def item_sequence(self, item):
        return 0

    def item_timezone(self):
        return "Europe/London"

    def item_status(self, item):
        return ""

    def item_timestamp(self, item):
        return None


def test_the_ignored_hooks_are_read_and_zero_is_kept():
    assert Hooks().item_extra_kwargs(object()) == {
        "sequence": 0,
        "class": "PUBLIC",
        "timezone": "Europe/London",
    }


def test_a_feed_must_say_where_dtstamp_comes_from():
    with pytest.raises(NotImplementedError, match="DTSTAMP must not change"):
        CalendarFeed().item_timestamp(object())
