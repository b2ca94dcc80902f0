"""Access pages: the glossary of provisions, a festival's access guide, and the needs CSV
of a session for the access team."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from events.access.exports import needs_csv
from events.access.selectors import (
    STANDARD_VOCABULARY,
    bookings_with_needs,
    venues_of_festival,
    vocabulary_of,
)
from events.permissions import organiser_required, session_or_404, visible_festival_required
from events.programme.selectors import session_of_festival
from festival.models import Festival


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    """The standard provisions: what each code and label means."""
    return render(
        request,
        "events/access_glossary.html",
        {"provisions": STANDARD_VOCABULARY.provisions},
    )


@require_safe
@visible_festival_required
def festival_access(request: HttpRequest, festival: Festival) -> HttpResponse:
    """The festival's access guide, each venue's, and the provisions its programme uses."""
    return render(
        request,
        "events/festival_access.html",
        {
            "festival": festival,
            "venues": venues_of_festival(festival=festival),
            "provisions": vocabulary_of(festival=festival).provisions,
            "section": "access",
            "programme_url": reverse("festival-programme", kwargs={"festival": festival.slug}),
        },
    )


@require_safe
@organiser_required
def session_needs_csv(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    """The access needs of the people going to or waiting for a session, for the access team."""
    found = session_or_404(session_of_festival(festival=festival, slug=session, related=("room",)))
    response = HttpResponse(
        needs_csv(
            bookings=bookings_with_needs(session=found),
            vocabulary=vocabulary_of(festival=festival),
        ),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{festival.slug}-{found.slug}-access-needs.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
