"""The site's URLs plus three views that fail, for the error handler's tests."""

from django.db import OperationalError
from django.urls import path
from psycopg.errors import DeadlockDetected

from config.urls import handler500, urlpatterns

__all__ = ["handler500", "urlpatterns"]


def database_gone(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def deadlock(request):
    try:
        raise DeadlockDetected("deadlock detected")
    except DeadlockDetected as error:
        raise OperationalError("deadlock detected") from error


def a_bug(request):
    raise ValueError("a bug in a page")


urlpatterns = [
    *urlpatterns,
    path("test/database-gone", database_gone),
    path("test/a-bug", a_bug),
    path("test/deadlock", deadlock),
]
