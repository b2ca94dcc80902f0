"""The site's URLs plus two views that fail, for the error handler's tests."""

from django.db import OperationalError
from django.urls import path

from config.urls import handler500, urlpatterns

__all__ = ["handler500", "urlpatterns"]


def database_gone(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def a_bug(request):
    raise ValueError("a bug in a page")


urlpatterns = [
    *urlpatterns,
    path("test/database-gone", database_gone),
    path("test/a-bug", a_bug),
]
