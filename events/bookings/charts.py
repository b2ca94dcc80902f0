"""How full each session is: a bar chart drawn in HTML by
templates/events/organise/_fill_chart.html, a list with one item a session. No JavaScript, no
SVG: each item is the session's time and whole title (a link to its bookings, wrapping as any
text does, never cut short), "Full" or "5 waiting", a bar (a `<meter>`) and "8 of 10 places"
in words, so the chart reads the same to the eye, a screen reader and a phone.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import tzinfo

from django.utils.translation import ngettext

from events.formatting import clock
from events.models import Session


@dataclass(frozen=True)
class FillRow:
    """What one bar shows: places taken out of `capacity` (None: a drop-in session)."""

    title: str
    going: int
    capacity: int | None
    waitlisted: int = 0
    is_cancelled: bool = False
    time: str = ""
    href: str = ""


@dataclass(frozen=True)
class FillBar:
    time: str
    title: str
    href: str
    value: str
    note: str
    has_track: bool
    meter_value: int
    """The bar is `meter_value / meter_max` full: places taken of the places there are (never
    more than all; a session with no places at all is full)."""
    meter_max: int


@dataclass(frozen=True)
class FillChart:
    chart_id: str
    title: str
    bars: list[FillBar]


def fill_chart(*, chart_id: str, title: str, rows: Iterable[FillRow]) -> FillChart:
    """One bar a row, in the order given."""
    return FillChart(chart_id=chart_id, title=title, bars=[fill_bar(row) for row in rows])


def fill_bar(row: FillRow) -> FillBar:
    if row.is_cancelled:
        value, note, has_track = "Cancelled", "", False
    elif row.capacity is None:
        value, note, has_track = f"Drop-in, {row.going} going", "", False
    else:
        is_full = row.going >= row.capacity
        value = ngettext(
            "%(going)s of %(capacity)s place taken",
            "%(going)s of %(capacity)s places taken",
            row.capacity,
        ) % {"going": row.going, "capacity": row.capacity}
        has_track = True
        note = f"{row.waitlisted} waiting" if row.waitlisted else ("Full" if is_full else "")
    return FillBar(
        time=row.time,
        title=row.title,
        href=row.href,
        value=value,
        note=note,
        has_track=has_track,
        meter_value=min(row.going, row.capacity) if row.capacity else 1,
        meter_max=row.capacity or 1,
    )


def session_fill_chart(
    *,
    chart_id: str,
    title: str,
    sessions: Iterable[Session],
    zone: tzinfo,
    link: Callable[[Session], str],
) -> FillChart:
    """The chart of sessions annotated with `going` and `waitlisted` (see
    events.bookings.selectors.sessions_with_booking_counts), each with its local start time
    and a link (`link(session)`) to its page."""
    return fill_chart(
        chart_id=chart_id,
        title=title,
        rows=[
            FillRow(
                title=session.title,
                time=clock(session.start, zone),
                href=link(session),
                going=session.going,
                capacity=session.capacity,
                waitlisted=session.waitlisted,
                is_cancelled=session.is_cancelled,
            )
            for session in sessions
        ],
    )
