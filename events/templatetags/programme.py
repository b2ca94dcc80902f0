"""Times in the festival's own zone, always named: "Tue 5 July 2027, 10:00 BST"; and places.

Each time filter takes the festival (or a tzinfo) as its argument:
{{ session.start|festival_time:festival }}. The wording is `events.formatting`'s: these are
only its names in templates.
"""

from datetime import date, datetime

from django import template

from events import formatting

register = template.Library()


@register.filter
def festival_time(value: datetime | None, where) -> str:
    """Like "Tue 5 July 2027, 10:00 BST"."""
    if value is None:
        return ""
    return formatting.time_in_full(value, where)


@register.filter
def festival_date(value: date | datetime | None, where=None) -> str:
    """Like "Tue 5 July 2027": a date as is, or a datetime's local date in the festival's zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = formatting.local(value, where)
    return formatting.date_in_full(value)


@register.filter
def short_date(value: date | None) -> str:
    """Like "Tue 5 July"."""
    if value is None:
        return ""
    return formatting.day_and_month(value)


@register.filter
def places(capacity: int | None) -> str:
    """Like "12 places" or "1 place"; "Drop-in" when there is no capacity (no booking)."""
    return formatting.places_offered(capacity)


@register.simple_tag
def times_are_in(festival, day: date | None = None) -> str:
    """Like "Times are in Europe/London (BST)"; on the day the clocks change "(BST, then GMT)".

    Without a day, covers every day of the festival.
    """
    return formatting.zone_note(festival, day)


@register.filter
def when(happening, where) -> str:
    """A session's or event's time, like "Tue 5 July 2027, 10:00-11:00 BST" (an en dash); in
    full when it ends on another day."""
    return formatting.span_in_full(happening.start, happening.end, where)


@register.filter
def festival_moment(value: datetime | None, festival) -> str:
    """Like "Tue 10:00" in a festival of a week or less (no weekday comes round twice), else
    "Tue 5 July, 10:00"."""
    if value is None:
        return ""
    return formatting.time_in_festival(value, festival)
