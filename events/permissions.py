"""Who may see a festival, and who may change its programme: its organisers (superusers count
as organisers); and the 404 for an address that names nothing."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from events.models import Session
from festival.models import Festival
from festival.selectors import festival_for_visitor


def visible_festival_or_404(request: HttpRequest, slug: str) -> Festival:
    """The festival if this visitor may see it: published, or they organise it (a preview)."""
    festival = festival_for_visitor(slug=slug, user=request.user)
    if festival is None:
        raise Http404("No published festival has that address.")
    return festival


def session_or_404(session: Session | None) -> Session:
    """The session a selector found by its address (`session_of_festival`, `session_for_page`),
    or 404 when the festival has none there."""
    if session is None:
        raise Http404("This festival has no session at that address.")
    return session


def get_organised_festival(user, slug: str) -> Festival:
    """The festival with this slug, if `user` organises it; 404 if none, 403 if not theirs."""
    festival = get_object_or_404(Festival, slug=slug)
    if not festival.is_organiser(user):
        raise PermissionDenied("Only the festival's organisers can do this.")
    return festival


def visible_festival_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a public view taking the `festival` slug: it receives the Festival instead,
    or the visitor gets 404 when they may not see it (see `visible_festival_or_404`). So in
    every view, public or organiser, `festival` is a Festival."""

    @wraps(view)
    def public_view(request: HttpRequest, festival: str, **kwargs) -> HttpResponse:
        return view(request, visible_festival_or_404(request, festival), **kwargs)

    return public_view


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
