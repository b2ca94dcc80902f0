"""Who may change a festival's programme: its organisers (superusers count as organisers)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from festival.models import Festival


def get_organised_festival(user, slug: str) -> Festival:
    """The festival with this slug, if `user` organises it; 404 if none, 403 if not theirs."""
    festival = get_object_or_404(Festival, slug=slug)
    if not festival.is_organiser(user):
        raise PermissionDenied("Only the festival's organisers can do this.")
    return festival


def organiser_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view taking the `festival` slug: it receives the Festival instead.

    Anonymous visitors are sent to the login page and back; signed-in people who do not
    organise the festival get 403.
    """

    @wraps(view)
    def organiser_view(request: HttpRequest, festival: str, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, get_organised_festival(request.user, festival), **kwargs)

    return organiser_view
