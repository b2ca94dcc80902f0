"""What the public programme pages show, worked out in Python from what the selectors read.

Pure code apart from reversing URLs: no queries, no request. The views parse the request,
call a selector and hand the results here; the templates only lay the values out.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from urllib.parse import urlencode

from django import forms
from django.urls import reverse

from events.enums import SessionFormat
from events.formatting import clock, date_in_full, end_time, places_offered
from events.programme import selectors
from events.programme.selectors import ProgrammeFilters, ProgrammeSession
from events.programme.timetable import DayGrid, Entry, lay_out_day
from festival.models import Festival

# The most of a visitor's own text that a page repeats back to them, ellipsis included.
ECHO_LENGTH = 40
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
FORMAT_LABELS = dict(SessionFormat.choices)


def echoed(text: str, *, limit: int = ECHO_LENGTH) -> str:
    """A visitor's text made fit to repeat in a page: control and formatting characters (NUL,
    bidi overrides) dropped, runs of whitespace made one space, and at most `limit`
    characters, the last an ellipsis when it had to be cut."""
    visible = "".join(
        " " if character.isspace() else character
        for character in text
        if character.isspace() or not unicodedata.category(character).startswith("C")
    )
    visible = " ".join(visible.split())
    if len(visible) <= limit:
        return visible
    return visible[: limit - 1] + ELLIPSIS


@dataclass(frozen=True)
class ChosenDay:
    """The day the timetable shows, or None and what to tell the visitor instead."""

    day: date | None
    problem: str = ""


def choose_day(
    *,
    days: list[date],
    today: date,
    asked: date | str | None,
    first_session_day: date | None,
    festival_name: str,
) -> ChosenDay:
    """The day to show: the day asked for, else today if the festival is on, else the first
    day with sessions (or the festival's first day).

    `asked` is the day in the query string: a date, the text given when it is not one, or
    None when no day was asked for.
    """
    if isinstance(asked, str):
        return ChosenDay(
            None, f"“{echoed(asked)}” is not a day we can read. Choose one of the festival's days:"
        )
    if asked is not None:
        if asked in days:
            return ChosenDay(asked)
        return ChosenDay(
            None,
            f"There is no programme on {date_in_full(asked)}. Choose one of the days of "
            f"{festival_name}:",
        )
    if today in days:
        return ChosenDay(today)
    return ChosenDay(first_session_day or days[0])


def day_href(day: date, filters: ProgrammeFilters) -> str:
    """The programme's query string for a day, keeping the filters chosen."""
    chosen = {"format": filters.format, "theme": filters.theme, "room": filters.room}
    kept = {name: value for name, value in chosen.items() if value}
    if filters.access:
        kept["access"] = list(filters.access)
    return "?" + urlencode({"day": day.isoformat(), **kept}, doseq=True)


@dataclass(frozen=True)
class DayLink:
    day: date
    href: str
    is_current: bool = False


def day_links(
    *, days: list[date], current: date | None, filters: ProgrammeFilters
) -> list[DayLink]:
    return [
        DayLink(day=day, href=day_href(day, filters), is_current=day == current) for day in days
    ]


def day_in_programme(festival: Festival, moment: datetime) -> DayLink:
    """A link to the whole programme of the festival's local day that `moment` is on."""
    day = moment.astimezone(festival.zone).date()
    programme = reverse("festival-programme", kwargs={"festival": festival.slug})
    return DayLink(day=day, href=programme + day_href(day, ProgrammeFilters()))


@dataclass(frozen=True)
class FilterField:
    """A control of the filter form with its errors, the visitor's value in them echoed
    safely (see `echoed`)."""

    field: forms.BoundField
    errors: list[str]


def filter_fields(form: forms.Form) -> list[FilterField]:
    """The form's visible fields. Their errors are worded again from the messages and their
    parameters: a bad value ("?theme=" and 5,000 characters, or a NUL) is echoed cut short
    and cleaned, not as given."""
    errors = form.errors.as_data()
    return [
        FilterField(
            field=bound,
            errors=[_worded(error) for error in errors.get(bound.name, [])],
        )
        for bound in form.visible_fields()
    ]


def _worded(error: forms.ValidationError) -> str:
    params = {
        name: echoed(value) if isinstance(value, str) else value
        for name, value in (error.params or {}).items()
    }
    return str(error.message % params if params else error.message)


class FestivalLinks:
    """A festival's public paths, reversed once per page instead of once per session."""

    _SLUG = "slug-placeholder"

    def __init__(self, festival: Festival) -> None:
        self._session = self._split("session-detail", festival.slug, "session")
        self._speaker = self._split("speaker-detail", festival.slug, "speaker")

    def session(self, slug: str) -> str:
        return slug.join(self._session)

    def speaker(self, slug: str) -> str:
        return slug.join(self._speaker)

    def _split(self, name: str, festival_slug: str, key: str) -> tuple[str, str]:
        path = reverse(name, kwargs={"festival": festival_slug, key: self._SLUG})
        before, after = path.rsplit(self._SLUG, 1)
        return before, after


@dataclass(frozen=True, slots=True)
class SessionCard:
    """What a timetable card shows, worked out once in Python so the template stays light."""

    title: str
    href: str
    starts: str
    ends: str
    start_iso: str
    end_iso: str
    room: str
    format: str
    speakers: list[tuple[str, str]]
    """(name, href) pairs."""
    themes: list[str]
    is_cancelled: bool
    places: str
    provisions: list[str] = field(default_factory=list)
    """Labels, the room's marked as such: shown as text, never by icon alone."""


def day_grid(festival: Festival, sessions: list[ProgrammeSession]) -> DayGrid[SessionCard]:
    """The day's cards placed on the timetable grid, rooms in the festival's column order."""
    links = FestivalLinks(festival)
    zone = festival.zone
    rooms = selectors.rooms_in_order(sessions)
    labels = dict(
        zip(
            [room.pk for room in rooms],
            selectors.room_labels([(room.name, room.venue_name) for room in rooms]),
            strict=True,
        )
    )
    return lay_out_day(
        [
            Entry(
                start=session.start,
                end=session.end,
                room=session.room.pk,
                item=session_card(session, zone=zone, links=links, room=labels[session.room.pk]),
            )
            for session in sessions
        ],
        rooms=[(room.pk, labels[room.pk]) for room in rooms],
        zone=zone,
    )


def session_card(
    session: ProgrammeSession, *, zone: tzinfo, links: FestivalLinks, room: str
) -> SessionCard:
    """One session's card; its end carries the weekday when it is on another day."""
    start = session.start.astimezone(zone)
    end = session.end.astimezone(zone)
    return SessionCard(
        title=session.title,
        href=links.session(session.slug),
        starts=clock(start, zone),
        ends=end_time(start, end, zone),
        start_iso=start.isoformat(timespec="minutes"),
        end_iso=end.isoformat(timespec="minutes"),
        room=room,
        format=FORMAT_LABELS.get(session.format, session.format),
        speakers=[(name, links.speaker(slug)) for name, slug in session.speakers],
        themes=session.themes,
        is_cancelled=session.is_cancelled,
        provisions=[
            f"{provision.label} (room)" if provision.from_room else provision.label
            for provision in session.provisions
        ],
        places=f"Full: waitlist open ({places_offered(session.capacity)})"
        if session.is_full and not session.is_cancelled
        else places_offered(session.capacity),
    )
