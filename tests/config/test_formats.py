"""config/formats: the site's language on the 24-hour clock, in the admin and templates alike."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils import formats, translation


def test_times_and_date_times_are_on_the_24_hour_clock():
    evening = datetime(2027, 7, 5, 18, 10, tzinfo=ZoneInfo("Europe/London"))

    with translation.override("en-gb"):
        shown = [
            formats.date_format(time(18, 10), "TIME_FORMAT"),
            formats.date_format(evening, "DATETIME_FORMAT"),
            formats.date_format(evening, "SHORT_DATETIME_FORMAT"),
            formats.date_format(evening, "DATE_FORMAT"),
        ]

    assert shown == ["18:10", "5 Jul 2027, 18:10", "05/07/2027 18:10", "5 Jul 2027"]
