"""Public programme pages: festival, timetable (a day at a time), session, speaker, changes.

An unpublished festival is a 404 on every page, except to its organisers (a preview).
"""

from dataclasses import dataclass
from datetime import date, tzinfo
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from events import selectors
from events.enums import SessionFormat
from events.forms import ProgrammeFilterForm
from events.selectors import ProgrammeSession
from events.templatetags.programme import festival_date
from events.timetable import DayGrid, Entry, lay_out_day
from festival import selectors as festival_selectors
from festival.models import Festival


@require_safe
def festival_detail(request: HttpRequest, festival: str) -> HttpResponse:
    found = _festival_or_404(request, festival)
    return render(
        request,
        "events/festival_detail.html",
        {
            "festival": found,
            "events": selectors.events_of_festival(festival=found),
            "day_counts": selectors.session_counts_by_day(festival=found),
            "speakers": festival_selectors.speakers_of_festival(festival=found),
            "stories": festival_selectors.stories_about_festival(festival=found),
            "programme_url": reverse("festival-programme", kwargs={"festival": found.slug}),
            "section": "about",
        },
    )


@require_safe
def programme_timetable(request: HttpRequest, festival: str) -> HttpResponse:
    found = _festival_or_404(request, festival)
    session_span = selectors.session_day_span(festival=found)
    days = selectors.programme_days(festival=found, session_span=session_span)
    form = ProgrammeFilterForm(
        request.GET, choices=selectors.programme_filter_choices(festival=found)
    )
    form.is_valid()
    filters = form.filters()
    chosen_filters = {"format": filters.format, "theme": filters.theme, "room": filters.room}
    filter_query = {name: value for name, value in chosen_filters.items() if value}
    context = {
        "festival": found,
        "form": form,
        "filters": filters,
        "has_filter_params": any(request.GET.get(name) for name in ("format", "theme", "room")),
        "section": "programme",
        "programme_url": reverse("festival-programme", kwargs={"festival": found.slug}),
        # Ten rooms side by side need more than the usual reading width.
        "wide_page": True,
    }

    day, problem = _chosen_day(found, form, days, session_span)
    context["day_links"] = [
        {
            "day": each,
            "href": "?" + urlencode({"day": each.isoformat(), **filter_query}),
            "is_current": each == day,
        }
        for each in days
    ]
    if day is None:
        context["problem"] = problem
        # 400 for a day we cannot read, 404 for a day with no programme: either way a page.
        status = 400 if "day" in form.errors else 404
        return render(request, "events/programme.html", context, status=status)

    sessions = selectors.sessions_on_day(festival=found, day=day, filters=filters)
    context.update(
        day=day,
        grid=_day_grid(found, sessions),
        session_count=len(sessions),
        clear_filters_href="?" + urlencode({"day": day.isoformat()}),
    )
    return render(request, "events/programme.html", context)


@require_safe
def session_detail(request: HttpRequest, festival: str, session: str) -> HttpResponse:
    found = _festival_or_404(request, festival)
    chosen = selectors.session_for_page(festival=found, slug=session)
    if chosen is None:
        raise Http404("This festival has no session at that address.")
    return render(
        request,
        "events/session_detail.html",
        {
            "festival": found,
            "session": chosen,
            "venue": chosen.room.venue,
            "changes": chosen.changes.all(),
            "section": "programme",
            "programme_url": reverse("festival-programme", kwargs={"festival": found.slug}),
        },
    )


@require_safe
def speaker_detail(request: HttpRequest, festival: str, speaker: str) -> HttpResponse:
    found = _festival_or_404(request, festival)
    chosen = festival_selectors.speaker_for_page(festival=found, slug=speaker)
    if chosen is None:
        raise Http404("This festival has no speaker at that address.")
    return render(
        request,
        "events/speaker_detail.html",
        {
            "festival": found,
            "speaker": chosen,
            "sessions": selectors.sessions_of_speaker(speaker=chosen),
            "programme_url": reverse("festival-programme", kwargs={"festival": found.slug}),
        },
    )


@require_safe
def schedule_changes(request: HttpRequest, festival: str) -> HttpResponse:
    found = _festival_or_404(request, festival)
    return render(
        request,
        "events/changes.html",
        {
            "festival": found,
            "changes": selectors.festival_changes(festival=found),
            "section": "changes",
            "programme_url": reverse("festival-programme", kwargs={"festival": found.slug}),
        },
    )


def _festival_or_404(request: HttpRequest, slug: str) -> Festival:
    festival = festival_selectors.festival_for_visitor(slug=slug, user=request.user)
    if festival is None:
        raise Http404("No published festival has that address.")
    return festival


def _chosen_day(
    festival: Festival,
    form: ProgrammeFilterForm,
    days: list[date],
    session_span: tuple[date, date] | None,
) -> tuple[date | None, str]:
    """The day to show, or None and why the asked-for day cannot be shown."""
    if form.errors.get("day"):
        asked_text = str(form.data.get("day"))[:40]
        return None, (
            f"“{asked_text}” is not a day we can read. Choose one of the festival's days:"
        )
    asked = form.cleaned_data.get("day")
    if asked is not None:
        if asked in days:
            return asked, ""
        return None, (
            f"There is no programme on {festival_date(asked)}. Choose one of the days of "
            f"{festival.name}:"
        )
    today = timezone.now().astimezone(festival.zone).date()
    if today in days:
        return today, ""
    return (session_span[0] if session_span else days[0]), ""


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
    themes: list[str]
    is_cancelled: bool
    places: str


FORMAT_LABELS = dict(SessionFormat.choices)


def _day_grid(festival: Festival, sessions: list[ProgrammeSession]) -> DayGrid[SessionCard]:
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
                item=_session_card(session, zone=zone, links=links, room=labels[session.room.pk]),
            )
            for session in sessions
        ],
        rooms=[(room.pk, labels[room.pk]) for room in rooms],
        zone=zone,
    )


def _session_card(
    session: ProgrammeSession, *, zone: tzinfo, links: FestivalLinks, room: str
) -> SessionCard:
    start = session.start.astimezone(zone)
    end = session.end.astimezone(zone)
    return SessionCard(
        title=session.title,
        href=links.session(session.slug),
        starts=f"{start:%H:%M}",
        ends=f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}",
        start_iso=start.isoformat(timespec="minutes"),
        end_iso=end.isoformat(timespec="minutes"),
        room=room,
        format=FORMAT_LABELS.get(session.format, session.format),
        speakers=[(name, links.speaker(slug)) for name, slug in session.speakers],
        themes=session.themes,
        is_cancelled=session.is_cancelled,
        places="Drop-in" if session.capacity is None else _places(session.capacity),
    )


def _places(capacity: int) -> str:
    return "1 place" if capacity == 1 else f"{capacity} places"
