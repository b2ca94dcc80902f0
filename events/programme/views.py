"""Public programme pages: festival, timetable (a day at a time), session, speaker, changes.

An unpublished festival is a 404 on every page, except to its organisers (a preview).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from events.access.selectors import provisions_shown, vocabulary_of
from events.bookings.presenters import booking_panel
from events.bookings.selectors import booking_state
from events.permissions import session_or_404, visible_festival_required
from events.programme import presenters, selectors
from events.programme.forms import ProgrammeFilterForm
from festival import selectors as festival_selectors
from festival.models import Festival


@require_safe
@visible_festival_required
def festival_detail(request: HttpRequest, festival: Festival) -> HttpResponse:
    return render(
        request,
        "events/festival_detail.html",
        {
            "festival": festival,
            "events": selectors.events_of_festival(festival=festival),
            "day_counts": selectors.session_counts_by_day(festival=festival),
            "speakers": festival_selectors.speakers_of_festival(festival=festival),
            "stories": festival_selectors.stories_about_festival(festival=festival),
            "programme_url": reverse("festival-programme", kwargs={"festival": festival.slug}),
            "section": "about",
        },
    )


@require_safe
@visible_festival_required
def programme_timetable(request: HttpRequest, festival: Festival) -> HttpResponse:
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
        today=timezone.now().astimezone(festival.zone).date(),
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
        "programme_url": reverse("festival-programme", kwargs={"festival": festival.slug}),
        # Ten rooms side by side need more than the usual reading width.
        "wide_page": True,
        "day_links": presenters.day_links(days=days, current=chosen.day, filters=filters),
    }
    if chosen.day is None:
        context["problem"] = chosen.problem
        # 400 for a day we cannot read, 404 for a day with no programme: either way a page.
        return render(
            request, "events/programme.html", context, status=400 if unreadable_day else 404
        )

    sessions = selectors.sessions_on_day(
        festival=festival, day=chosen.day, filters=filters, vocabulary=vocabulary
    )
    context.update(
        day=chosen.day,
        grid=presenters.day_grid(festival, sessions),
        session_count=len(sessions),
        clear_filters_href=presenters.day_href(chosen.day, selectors.ProgrammeFilters()),
    )
    return render(request, "events/programme.html", context)


@require_safe
@visible_festival_required
def session_detail(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    chosen = session_or_404(selectors.session_for_page(festival=festival, slug=session))
    now = timezone.now()
    # A session that is over shows its write-ups instead of places, booking and calendars.
    is_over = chosen.end <= now
    # Anonymous visitors are offered the log-in links only: no query for them.
    state = (
        booking_state(session=chosen, user=request.user)
        if request.user.is_authenticated and not is_over
        else None
    )
    return render(
        request,
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
            "booking": booking_panel(session=chosen, state=state, now=now),
            "is_over": is_over,
            "section": "programme",
            "programme_url": reverse("festival-programme", kwargs={"festival": festival.slug}),
        },
    )


@require_safe
@visible_festival_required
def speaker_detail(request: HttpRequest, festival: Festival, speaker: str) -> HttpResponse:
    chosen = festival_selectors.speaker_for_page(festival=festival, slug=speaker)
    if chosen is None:
        raise Http404("This festival has no speaker at that address.")
    return render(
        request,
        "events/speaker_detail.html",
        {
            "festival": festival,
            "speaker": chosen,
            "sessions": selectors.sessions_of_speaker(speaker=chosen),
            "programme_url": reverse("festival-programme", kwargs={"festival": festival.slug}),
        },
    )


@require_safe
@visible_festival_required
def schedule_changes(request: HttpRequest, festival: Festival) -> HttpResponse:
    return render(
        request,
        "events/changes.html",
        {
            "festival": festival,
            "changes": selectors.festival_changes(festival=festival),
            "section": "changes",
            "programme_url": reverse("festival-programme", kwargs={"festival": festival.slug}),
        },
    )
