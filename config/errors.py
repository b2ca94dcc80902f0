"""The site's answer when a page fails: a plain 503 while the database is away, else 500.

Django calls `handler500` for any exception a view or middleware let through, with that
exception still in `sys.exc_info()`. A database that is down or restarting is not a bug in
the page: the answer is "briefly unavailable, try again", with Retry-After, and nothing that
could need the database to draw it (no request context, no user, no session). Once PostgreSQL
answers again, the next request reconnects by itself: CONN_HEALTH_CHECKS throws away a
persistent connection that died while it was gone.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# Seconds a client (or a proxy) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


def database_is_away(error: BaseException | None) -> bool:
    """OperationalError covers a refused or dropped connection and a server shutting down;
    InterfaceError a connection already closed under us."""
    return isinstance(error, OperationalError | InterfaceError)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if database_is_away(sys.exc_info()[1]):
        response = HttpResponse(
            loader.render_to_string("503.html"), status=503, content_type="text/html"
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
