"""Who may see a festival, and who may change its programme: its organisers (superusers count
as organisers)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from festival.models import Festival
from festival.selectors import festival_for_visitor


def visible_festival_or_404(request: HttpRequest, slug: str) -> Festival:
    """The festival if this visitor may see it: published, or they organise it (a preview)."""
    festival = festival_for_visitor(slug=slug, user=request.user)
    if festival is None:
        raise Http404("No published festival has that address.")
    return festival


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
