"""Public programme pages: festival, timetable (a day at a time), session, speaker, changes.

An unpublished festival is a 404 on every page, except to its organisers (a preview).

Each page is rendered once per version and served to everyone from the cache, their own
parts put in place (`festival.page_cache`); its organisers, and a session's speakers once it
has started (they may write it up), see more than the public and get it rendered whole.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from events.access.selectors import provisions_shown, vocabulary_of
from events.bookings.presenters import booking_panel
from events.bookings.selectors import booking_state
from events.enums import SessionPhase
from events.permissions import session_or_404, visible_festival_required
from events.programme import presenters, selectors
from events.programme.forms import ProgrammeFilterForm
from events.writeups.selectors import is_speaker_of
from festival import selectors as festival_selectors
from festival.models import Festival
from festival.page_cache import Page, serve_page, stamps


@require_safe
@visible_festival_required
def festival_detail(request: HttpRequest, festival: Festival) -> HttpResponse:
    def build() -> Page:
        return Page(
            "events/festival_detail.html",
            {
                "festival": festival,
                "events": selectors.events_of_festival(festival=festival),
                "day_counts": selectors.session_counts_by_day(festival=festival),
                "speakers": festival_selectors.speakers_of_festival(festival=festival),
                "stories": festival_selectors.stories_about_festival(festival=festival),
                "programme_url": programme_url(festival),
                "section": "about",
            },
        )

    return serve_page(
        request,
        version=selectors.festival_page_version(festival, stamps("stories")),
        build=build,
        fresh=festival.is_organiser(request.user),
    )


@require_safe
@visible_festival_required
def programme_timetable(request: HttpRequest, festival: Festival) -> HttpResponse:
    # With no day asked for, the page shows today's: the date is part of the version.
    today = timezone.now().astimezone(festival.zone).date()
    return serve_page(
        request,
        version=selectors.festival_page_version(festival, today, places=True),
        build=lambda: timetable_page(request, festival, today=today),
        parameters=TIMETABLE_PARAMETERS,
        fresh=festival.is_organiser(request.user),
    )


TIMETABLE_PARAMETERS = frozenset({"day", "format", "theme", "room", "access"})


def timetable_page(request: HttpRequest, festival: Festival, *, today) -> Page:
    session_span = selectors.session_day_span(festival=festival)
    days = festival.days(stretched_to=session_span)
    vocabulary = vocabulary_of(festival=festival)
    form = ProgrammeFilterForm(
        request.GET,
        choices=selectors.programme_filter_choices(festival=festival, vocabulary=vocabulary),
    )
    form.is_valid()
    filters = form.filters()
    unreadable_day = "day" in form.errors
    chosen = presenters.choose_day(
        days=days,
        today=today,
        asked=form.data.get("day", "") if unreadable_day else form.cleaned_data.get("day"),
        first_session_day=session_span[0] if session_span else None,
        festival_name=festival.name,
    )
    context = {
        "festival": festival,
        "filter_fields": presenters.filter_fields(form),
        "filters": filters,
        "has_filter_params": any(
            request.GET.get(name) for name in ("format", "theme", "room", "access")
        ),
        "section": "programme",
        "programme_url": programme_url(festival),
        # Ten rooms side by side need more than the usual reading width.
        "wide_page": True,
        "day_links": presenters.day_links(days=days, current=chosen.day, filters=filters),
    }
    if chosen.day is None:
        context["problem"] = chosen.problem
        # 400 for a day we cannot read, 404 for a day with no programme: either way a page.
        return Page("events/programme.html", context, status=400 if unreadable_day else 404)

    sessions = selectors.sessions_on_day(
        festival=festival, day=chosen.day, filters=filters, vocabulary=vocabulary
    )
    context.update(
        day=chosen.day,
        grid=presenters.day_grid(festival, sessions),
        session_count=len(sessions),
        clear_filters_href=presenters.day_href(chosen.day, selectors.ProgrammeFilters()),
    )
    # Kept under its one canonical address only (the plain programme, or the day with its
    # filters as the page's own links write them): anyone could otherwise make up endless
    # addresses for one answer (a filter it cannot read, repeated or reordered values).
    canonical = programme_url(festival) + presenters.day_href(chosen.day, filters)
    keep = request.get_full_path() in (programme_url(festival), canonical) and list(
        filters.access
    ) == sorted(filters.access)
    return Page("events/programme.html", context, keep=keep)


@require_safe
@visible_festival_required
def session_detail(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    brief = session_or_404(selectors.session_in_brief(festival=festival, slug=session))
    now = timezone.now()
    phase = brief.phase_at(now)

    def build() -> Page:
        chosen = session_or_404(selectors.session_for_page(festival=festival, slug=session))
        return Page(
            "events/session_detail.html",
            {
                "festival": festival,
                "session": chosen,
                "venue": chosen.room.venue,
                "changes": chosen.changes.all(),
                "provisions": provisions_shown(
                    vocabulary=vocabulary_of(festival=festival),
                    session_codes=chosen.access,
                    room_codes=chosen.room.access,
                ),
                "day_link": presenters.day_in_programme(festival, chosen.start),
                # The panel anonymous visitors see; a person's own takes its place.
                "booking": booking_panel(session=chosen, state=None, now=now),
                # A session that is over shows its write-ups instead of places, booking and
                # calendars.
                "is_over": phase == SessionPhase.OVER,
                "section": "programme",
                "programme_url": programme_url(festival),
            },
        )

    def personal() -> dict:
        state = (
            booking_state(session=brief, user=request.user)
            if request.user.is_authenticated and phase != SessionPhase.OVER
            else None
        )
        return {"booking": booking_panel(session=brief, state=state, now=now)}

    return serve_page(
        request,
        # Places: the page shows the session's number of places.
        version=selectors.festival_page_version(
            festival, brief.pk, phase, stamps("writeups"), places=True
        ),
        build=build,
        personal=personal,
        # Its speakers may write it up once it has started: a link the public does not see.
        fresh=festival.is_organiser(request.user)
        or (
            request.user.is_authenticated
            and phase != SessionPhase.UPCOMING
            and is_speaker_of(session=brief, user=request.user)
        ),
    )


@require_safe
@visible_festival_required
def speaker_detail(request: HttpRequest, festival: Festival, speaker: str) -> HttpResponse:
    def build() -> Page:
        chosen = festival_selectors.speaker_for_page(festival=festival, slug=speaker)
        if chosen is None:
            raise Http404("This festival has no speaker at that address.")
        return Page(
            "events/speaker_detail.html",
            {
                "festival": festival,
                "speaker": chosen,
                "sessions": selectors.sessions_of_speaker(speaker=chosen),
                "programme_url": programme_url(festival),
            },
        )

    user = request.user
    return serve_page(
        request,
        version=selectors.festival_page_version(festival, stamps("writeups")),
        build=build,
        # The speaker themselves (and organisers) see links to write up their sessions.
        fresh=user.is_authenticated
        and (
            festival.is_organiser(request.user)
            or selectors.speaker_account(festival=festival, slug=speaker) == user.pk
        ),
    )


@require_safe
@visible_festival_required
def schedule_changes(request: HttpRequest, festival: Festival) -> HttpResponse:
    return serve_page(
        request,
        version=selectors.festival_page_version(festival),
        build=lambda: Page(
            "events/changes.html",
            {
                "festival": festival,
                "changes": selectors.festival_changes(festival=festival),
                "section": "changes",
                "programme_url": programme_url(festival),
            },
        ),
        fresh=festival.is_organiser(request.user),
    )


def programme_url(festival: Festival) -> str:
    return reverse("festival-programme", kwargs={"festival": festival.slug})
