from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from events.formatting import places_offered, span_abbreviated
from tests.factories import LONDON

DASH = "\N{EN DASH}"


def test_span_abbreviated_names_the_zone_on_each_side_when_the_clocks_change():
    # The clocks go back at 02:00 BST on Sunday 25 October 2026.
    assert [
        span_abbreviated(
            datetime(2026, 10, 25, 0, 30, tzinfo=LONDON),
            datetime(2026, 10, 25, 3, 0, tzinfo=LONDON),
            LONDON,
        ),
        span_abbreviated(
            datetime(2026, 10, 24, 21, 0, tzinfo=LONDON),
            datetime(2026, 10, 25, 9, 0, tzinfo=LONDON),
            LONDON,
        ),
        span_abbreviated(
            datetime(2027, 7, 5, 9, 0, tzinfo=ZoneInfo("UTC")),
            datetime(2027, 7, 5, 10, 0, tzinfo=ZoneInfo("UTC")),
            ZoneInfo("America/New_York"),
        ),
        span_abbreviated(None, None, LONDON),
    ] == [
        f"Sun 25 Oct 2026, 00:30 BST{DASH}03:00 GMT",
        f"Sat 24 Oct, 21:00 BST {DASH} Sun 25 Oct 2026, 09:00 GMT",
        f"Mon 5 Jul 2027, 05:00{DASH}06:00 EDT",
        DASH,
    ]


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [(None, "Drop-in"), (0, "0 places"), (1, "1 place"), (12, "12 places")],
)
def test_places_offered_says_how_many_places_or_drop_in(capacity, expected):
    assert places_offered(capacity) == expected
