"""Times in the festival's own zone, always named: "Tue 5 July 2027, 10:00 BST"; and places.

Each time filter takes the festival (or a tzinfo) as its argument:
{{ session.start|festival_time:festival }}.
"""

from datetime import date, datetime, time, timedelta, tzinfo

from django import template

register = template.Library()

DASH = "\N{EN DASH}"


def zone_of(where) -> tzinfo:
    """A tzinfo from a festival (anything with `.zone`) or a tzinfo."""
    if isinstance(where, tzinfo):
        return where
    return where.zone


def _local(value: datetime, where) -> datetime:
    return value.astimezone(zone_of(where))


@register.filter
def festival_time(value: datetime | None, where) -> str:
    """Like "Tue 5 July 2027, 10:00 BST"."""
    if value is None:
        return ""
    local = _local(value, where)
    return f"{local:%a} {local.day} {local:%B %Y}, {local:%H:%M} {local.tzname()}"


@register.filter
def festival_date(value: date | datetime | None, where=None) -> str:
    """Like "Tue 5 July 2027": a date as is, or a datetime's local date in the festival's zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value, where)
    return f"{value:%a} {value.day} {value:%B %Y}"


@register.filter
def short_date(value: date | None) -> str:
    """Like "Tue 5 July"."""
    if value is None:
        return ""
    return f"{value:%a} {value.day} {value:%B}"


@register.filter
def places(capacity: int | None) -> str:
    """Like "12 places" or "1 place"; "Drop-in" when there is no capacity (no booking)."""
    if capacity is None:
        return "Drop-in"
    return "1 place" if capacity == 1 else f"{capacity} places"


@register.simple_tag
def times_are_in(festival, day: date | None = None) -> str:
    """Like "Times are in Europe/London (BST)"; on the day the clocks change "(BST, then GMT)".

    Without a day, covers every day of the festival.
    """
    zone = zone_of(festival)
    if day is not None:
        moments = [
            datetime.combine(day, time.min, tzinfo=zone),
            datetime.combine(day, time(23, 59), tzinfo=zone),
        ]
    else:
        days = min((festival.end_date - festival.start_date).days, 60)
        moments = [
            datetime.combine(festival.start_date + timedelta(days=offset), time(12), tzinfo=zone)
            for offset in range(days + 1)
        ]
    names: list[str] = []
    for moment in moments:
        name = moment.tzname() or ""
        if name and name not in names:
            names.append(name)
    key = getattr(zone, "key", str(zone))
    if not names or names == [key]:
        return f"Times are in {key}"
    return f"Times are in {key} ({', then '.join(names)})"


@register.filter
def when(happening, where) -> str:
    """A session's or event's time, like "Tue 5 July 2027, 10:00-11:00 BST" (an en dash); in
    full when it ends on another day."""
    start = _local(happening.start, where)
    end = _local(happening.end, where)
    if start.date() == end.date() and start.tzname() == end.tzname():
        day = f"{start:%a} {start.day} {start:%B %Y}"
        return f"{day}, {start:%H:%M}{DASH}{end:%H:%M} {end.tzname()}"
    return f"{festival_time(start, where)} to {festival_time(end, where)}"


@register.filter
def festival_moment(value: datetime | None, festival) -> str:
    """Like "Tue 10:00" in a festival of a week or less (no weekday comes round twice), else
    "Tue 5 July, 10:00"."""
    if value is None:
        return ""
    local = _local(value, festival)
    if (festival.end_date - festival.start_date).days < 7:
        return f"{local:%a %H:%M}"
    return f"{local:%a} {local.day} {local:%B}, {local:%H:%M}"
