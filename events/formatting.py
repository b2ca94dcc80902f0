"""Festival times and dates in words, and places: the one home of every wording of them.

Each function puts an instant in the festival's own zone itself (it takes the zone, or a
festival, or anything else with `.zone`), so no page, email, report or admin column says a
time in the server's zone. The template filters in `events.templatetags.programme` hand on to
these; Python code imports them from here.

Families, by what they produce:

- the site's own, on pages and in emails: "Tue 5 July" (`day_and_month`), "Tue 5 July 2027"
  (`date_in_full`), "10:00" (`clock`), "Tue 5 July 2027, 10:00 BST" (`time_in_full`), spans
  of one session (`span_in_full`, `span_without_year`), and within one festival's week
  (`time_in_festival`, `span_in_week`, `end_time`); "Times are in ..." (`zone_note`);
- spelled out, in sentences: "Tuesday 5 July 2027 at 10:00" (`time_spelled_out`);
- abbreviated, where a line must stay short (import reports, admin columns): "Mon 5 Jul"
  (`day_abbreviated`), "10:00-11:00" (`hours_span`, with an en dash), `span_abbreviated`;
- places: "12 places" (`places_offered`), "12" (`capacity_figure`).

Where two places said the same thing they now share one function; the families differ on
purpose (a timetable card, an email and a one-line import report need different lengths).
"""

from datetime import date, datetime, time, tzinfo

from django.utils import dateformat, timezone
from django.utils.translation import ngettext

# Typographic dashes, as a printed programme writes time ranges.
DASH = "\N{EN DASH}"


def zone_of(where) -> tzinfo:
    """A tzinfo from a festival (anything with `.zone`) or a tzinfo."""
    if isinstance(where, tzinfo):
        return where
    return where.zone


def local(moment: datetime, where) -> datetime:
    """`moment` on the festival's clocks; `where` is a festival or a tzinfo."""
    return moment.astimezone(zone_of(where))


# The site's own: pages and emails


def day_and_month(value: date | datetime) -> str:
    """Like "Tue 5 July": a date, or a datetime already in the festival's zone."""
    return f"{value:%a} {value.day} {value:%B}"


def date_in_full(value: date | datetime, where=None) -> str:
    """Like "Tue 5 July 2027": a date as is, or a datetime's local date in the festival's zone
    (`where`; a datetime already in it needs none)."""
    if isinstance(value, datetime) and where is not None:
        value = local(value, where)
    return f"{day_and_month(value)} {value:%Y}"


def clock(moment: datetime, where) -> str:
    """Like "10:00"."""
    return f"{local(moment, where):%H:%M}"


def clock_and_zone(moment: datetime, where) -> str:
    """Like "10:00 BST"."""
    moment = local(moment, where)
    return f"{moment:%H:%M} {moment.tzname()}"


def time_in_full(moment: datetime, where) -> str:
    """Like "Tue 5 July 2027, 10:00 BST"."""
    return f"{date_in_full(moment, where)}, {clock_and_zone(moment, where)}"


def span_in_full(start: datetime, end: datetime, where) -> str:
    """Like "Tue 5 July 2027, 10:00-11:00 BST" (an en dash); in full when it ends on another
    day or the clocks change in between."""
    return _span(start, end, where, day=date_in_full)


def span_without_year(start: datetime, end: datetime, where) -> str:
    """Like "Tue 22 December, 11:30-12:30 GMT" (an en dash); in full when it ends on another
    day or the clocks change in between."""
    return _span(start, end, where, day=day_and_month)


def _span(start: datetime, end: datetime, where, *, day) -> str:
    start, end = local(start, where), local(end, where)
    if start.date() == end.date() and start.tzname() == end.tzname():
        return f"{day(start)}, {start:%H:%M}{DASH}{end:%H:%M} {end.tzname()}"
    return f"{day(start)}, {start:%H:%M} {start.tzname()} to {day(end)}, {end:%H:%M} {end.tzname()}"


def time_in_festival(moment: datetime, festival) -> str:
    """Like "Tue 10:00" in a festival of a week or less (no weekday comes round twice), else
    "Tue 5 July, 10:00"."""
    moment = local(moment, festival)
    if (festival.end_date - festival.start_date).days < 7:
        return f"{moment:%a %H:%M}"
    return f"{day_and_month(moment)}, {moment:%H:%M}"


def end_time(start: datetime, end: datetime, where) -> str:
    """Like "11:00"; "Wed 01:00" when it is on another day than `start`."""
    start, end = local(start, where), local(end, where)
    return f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}"


def span_in_week(start: datetime, end: datetime, where) -> str:
    """Like "Tue 10:00-11:00" (an en dash); "Tue 23:00-Wed 01:00" across midnight."""
    return f"{local(start, where):%a %H:%M}{DASH}{end_time(start, end, where)}"


def zone_note(festival, day: date | None = None) -> str:
    """Like "Times are in Europe/London (BST)"; on the day the clocks change "(BST, then GMT)".

    Without a day, covers every day of the festival.
    """
    zone = festival.zone
    if day is not None:
        moments = [
            festival.local_datetime(day, time.min),
            festival.local_datetime(day, time(23, 59)),
        ]
    else:
        moments = [festival.local_datetime(each, time(12)) for each in festival.days()]
    names: list[str] = []
    for moment in moments:
        name = moment.tzname() or ""
        if name and name not in names:
            names.append(name)
    key = getattr(zone, "key", str(zone))
    if not names or names == [key]:
        return f"Times are in {key}"
    return f"Times are in {key} ({', then '.join(names)})"


# Spelled out, in sentences


def day_spelled_out(value: date | datetime) -> str:
    """Like "Tuesday 5 July"."""
    return f"{value:%A} {value.day} {value:%B}"


def date_spelled_out(value: date | datetime) -> str:
    """Like "Tuesday 5 July 2027"."""
    return f"{day_spelled_out(value)} {value:%Y}"


def time_spelled_out(moment: datetime, where) -> str:
    """Like "Tuesday 5 July 2027 at 10:00"."""
    moment = local(moment, where)
    return f"{date_spelled_out(moment)} at {moment:%H:%M}"


# Abbreviated: import reports and admin columns


def date_abbreviated(day: date) -> str:
    """Like "Mon 5 Jul 2027"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def day_abbreviated(moment: datetime, where) -> str:
    """Like "Mon 5 Jul"."""
    moment = local(moment, where)
    return f"{moment:%a} {moment.day} {moment:%b}"


def wall_clock(moment: datetime, day: date) -> str:
    """A wall-clock time (naive) as HH:MM, with the date when it is not `day` (a jump of a
    whole day, as Samoa's in 2011)."""
    if moment.date() == day:
        return f"{moment:%H:%M}"
    return f"{date_abbreviated(moment.date())} {moment:%H:%M}"


def hours_span(start: datetime, end: datetime, where) -> str:
    """Opening and closing times, like "10:00-11:00" (an en dash); the closing day too if it
    differs, and the zone's abbreviations if the clocks change in between."""
    local_start, local_end = local(start, where), local(end, where)
    # Across a change of the clocks the hours alone mislead (01:30-02:00 can last 90 minutes).
    pattern = "%H:%M %Z" if local_start.utcoffset() != local_end.utcoffset() else "%H:%M"
    opening, closing = local_start.strftime(pattern), local_end.strftime(pattern)
    if local_start.date() == local_end.date():
        return f"{opening}{DASH}{closing}"
    return f"{opening} {DASH} {day_abbreviated(end, where)} {closing}"


def day_and_hours(start: datetime, end: datetime, where) -> str:
    """The day and the hours, like "Mon 5 Jul 10:00-11:00" (an en dash)."""
    return f"{day_abbreviated(start, where)} {hours_span(start, end, where)}"


def span_change(old: tuple[datetime, datetime], new: tuple[datetime, datetime], where) -> str:
    """Old hours → new hours, naming the days only when the day changes."""
    if local(old[0], where).date() == local(new[0], where).date():
        return f"{hours_span(*old, where)} → {hours_span(*new, where)}"
    return f"{day_and_hours(*old, where)} → {day_and_hours(*new, where)}"


def span_abbreviated(start: datetime | None, end: datetime | None, where) -> str:
    """Like "Tue 22 Dec 2026, 10:00-11:00 GMT" (an en dash), the zone named twice if the clocks
    change between; a dash alone when either end is missing."""
    if start is None or end is None:
        return DASH
    zone = zone_of(where)
    start, end = timezone.localtime(start, zone), timezone.localtime(end, zone)
    start_zone, end_zone = start.tzname(), end.tzname()
    starts_in = f" {start_zone}" if start_zone != end_zone else ""
    if start.date() == end.date():
        return (
            f"{dateformat.format(start, 'D j M Y, H:i')}{starts_in}"
            f"{DASH}{dateformat.format(end, 'H:i')} {end_zone}"
        )
    return (
        f"{dateformat.format(start, 'D j M, H:i')}{starts_in} {DASH} "
        f"{dateformat.format(end, 'D j M Y, H:i')} {end_zone}"
    )


# Places


def places_offered(capacity: int | None) -> str:
    """Like "12 places" or "1 place"; "Drop-in" when there is no capacity (no booking)."""
    if capacity is None:
        return "Drop-in"
    return ngettext("%(count)s place", "%(count)s places", capacity) % {"count": capacity}


def capacity_figure(capacity: int | None) -> str:
    """Like "12"; "drop-in" when there is no capacity: for a report's "capacity 12 → 20"."""
    return "drop-in" if capacity is None else str(capacity)
