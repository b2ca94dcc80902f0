"""Hub pages: the home page and a story."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from festival import selectors


@require_safe
def hub_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "festival/hub_home.html",
        {
            "upcoming_festivals": selectors.upcoming_festivals(today=today),
            "past_festivals": selectors.past_festivals(today=today),
            "latest_stories": selectors.latest_stories(),
        },
    )


@require_safe
def story_detail(request: HttpRequest, story: str) -> HttpResponse:
    found = selectors.published_story(slug=story)
    if found is None:
        raise Http404("No published story has that address.")
    # A story may be about a festival that is not public yet: say nothing of it until it is.
    festival = found.festival if found.festival and found.festival.is_published else None
    return render(request, "festival/story_detail.html", {"story": found, "festival": festival})
