from datetime import date, datetime

import pytest

from events.bookings.presenters import not_today_warning
from tests.factories import LONDON

# Monday 5 July 2027, 10:00 in London.
MONDAY_TEN = datetime(2027, 7, 5, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("today", "warning"),
    [
        (date(2027, 7, 5), ""),
        (date(2027, 7, 4), "Not today: this session is on Monday 5 July, tomorrow."),
        (date(2027, 6, 30), "Not today: this session is on Monday 5 July, in 5 days."),
        (date(2027, 6, 14), "Not today: this session is on Monday 5 July, in 3 weeks."),
        (date(2027, 4, 1), "Not today: this session is on Monday 5 July, in 3 months."),
        (date(2027, 7, 6), "Not today: this session was on Monday 5 July, yesterday."),
        (date(2027, 7, 18), "Not today: this session was on Monday 5 July, 13 days ago."),
        (date(2027, 7, 26), "Not today: this session was on Monday 5 July, 3 weeks ago."),
        (date(2026, 12, 30), "Not today: this session is on Monday 5 July 2027, in 6 months."),
    ],
)
def test_not_today_warning_says_in_words_how_far_the_session_is_from_today(today, warning):
    assert not_today_warning(start=MONDAY_TEN, today=today, zone=LONDON) == warning


def test_not_today_warning_takes_the_sessions_day_on_the_festivals_clocks():
    # 23:30 in London on Monday is already Tuesday in UTC.
    late = datetime(2027, 7, 5, 23, 30, tzinfo=LONDON)

    assert not_today_warning(start=late, today=date(2027, 7, 5), zone=LONDON) == ""
