"""How full each session is: a horizontal bar chart, computed here in chart units and drawn as
inline SVG by templates/events/organise/_fill_chart.svg. No JavaScript; the same numbers are in
the page's table, so the chart is never the only way to read them.

Each row of the chart is two lines: the session's time and title (with "Full" or "5 waiting"
at the right), then the bar with "8 of 10" beside it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import tzinfo

from django.utils.translation import ngettext

from events.formatting import clock
from events.models import Session

WIDTH = 400
TRACK_WIDTH = 300
ROW_HEIGHT = 44
BAR_HEIGHT = 14
# A generous guess at the width of a character of 13-unit text (DejaVu Sans, the widest common
# sans-serif, measures about 8.2): a label longer than its line leaves is shortened, and said in
# full in the bar's tooltip and the chart's description.
CHARACTER_WIDTH = 8.5
BOLD_CHARACTER_WIDTH = 9.0
NOTE_GAP = 12


@dataclass(frozen=True)
class FillRow:
    """What one bar shows: places taken out of `capacity` (None: a drop-in session)."""

    label: str
    going: int
    capacity: int | None
    waitlisted: int = 0
    is_cancelled: bool = False


@dataclass(frozen=True)
class FillBar:
    label: str
    full_label: str
    value: str
    note: str
    has_track: bool
    fill_width: float
    top: float
    description: str

    @property
    def label_y(self) -> float:
        return self.top + 15

    @property
    def bar_y(self) -> float:
        return self.top + 21

    @property
    def value_y(self) -> float:
        return self.top + 32


@dataclass(frozen=True)
class FillChart:
    chart_id: str
    title: str
    bars: list[FillBar]
    width: int = WIDTH
    track_width: int = TRACK_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars)

    @property
    def value_x(self) -> int:
        return self.track_width + 8

    @property
    def description(self) -> str:
        return " ".join(bar.description for bar in self.bars)


def fill_chart(*, chart_id: str, title: str, rows: Iterable[FillRow]) -> FillChart:
    """One bar a row, its filled part `going / capacity` of the track (never more than all)."""
    return FillChart(
        chart_id=chart_id,
        title=title,
        bars=[fill_bar(row, top=index * ROW_HEIGHT) for index, row in enumerate(rows)],
    )


def fill_bar(row: FillRow, *, top: float) -> FillBar:
    if row.is_cancelled:
        value, note, has_track, fraction = "Cancelled", "", False, 0.0
        description = f"{row.label}: cancelled."
    elif row.capacity is None:
        value, note, has_track, fraction = f"Drop-in, {row.going} going", "", False, 0.0
        description = f"{row.label}: drop-in, {row.going} going."
    else:
        is_full = row.going >= row.capacity
        fraction = min(row.going / row.capacity, 1.0) if row.capacity else 1.0
        value, has_track = f"{row.going} of {row.capacity}", True
        note = f"{row.waitlisted} waiting" if row.waitlisted else ("Full" if is_full else "")
        description = f"{row.label}: " + ngettext(
            "%(going)s of %(capacity)s place taken",
            "%(going)s of %(capacity)s places taken",
            row.capacity,
        ) % {"going": row.going, "capacity": row.capacity}
        description += f", {row.waitlisted} on the waitlist." if row.waitlisted else "."
    room_for_label = WIDTH - (len(note) * BOLD_CHARACTER_WIDTH + NOTE_GAP if note else 0)
    return FillBar(
        label=shorten(row.label, int(room_for_label // CHARACTER_WIDTH)),
        full_label=row.label,
        value=value,
        note=note,
        has_track=has_track,
        fill_width=round(TRACK_WIDTH * fraction, 1),
        top=top,
        description=description,
    )


def session_fill_chart(
    *, chart_id: str, title: str, sessions: Iterable[Session], zone: tzinfo
) -> FillChart:
    """The chart of sessions annotated with `going` and `waitlisted` (see
    events.bookings.selectors.sessions_with_booking_counts), labelled with local start times."""
    return fill_chart(
        chart_id=chart_id,
        title=title,
        rows=[
            FillRow(
                label=f"{clock(session.start, zone)} {session.title}",
                going=session.going,
                capacity=session.capacity,
                waitlisted=session.waitlisted,
                is_cancelled=session.is_cancelled,
            )
            for session in sessions
        ],
    )


def shorten(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[: length - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
