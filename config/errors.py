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


# SQLSTATEs that mean the server is not there for us: class 08 (connection exceptions) and
# 57P01-57P03 (shutting down, crashed, not yet accepting connections).
AWAY_STATES = ("08", "57P01", "57P02", "57P03")


def database_is_away(error: BaseException | None) -> bool:
    """A connection refused, dropped or closed under us, or a server shutting down or starting.

    Not every OperationalError: a deadlock or a statement timeout is PostgreSQL answering, and
    stays a 500 to be looked at. psycopg leaves `sqlstate` empty when there was no server to
    answer at all.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    state = getattr(error.__cause__, "sqlstate", None)
    return state is None or state.startswith(AWAY_STATES)


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
