"""config/errors.py: a database that is away answers 503 "back in a moment", anything else 500;
neither page shows what went wrong inside."""

import pytest

from tests.html import texts

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.config.failing_urls")]


@pytest.fixture
def visitor(client):
    client.raise_request_exception = False
    return client


def test_a_database_that_is_away_answers_a_plain_503_asking_to_come_back(visitor):
    response = visitor.get("/test/database-gone")

    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (
        503,
        "30",
        "no-store",
    )
    assert texts(response, "main") == [
        "Back in a moment "
        "Convene cannot reach its database just now, so this page cannot be shown. Nothing you "
        "have already saved is lost. "
        "Please try again in a minute: the site comes back by itself.",
    ]
    assert "5432" not in response.content.decode()


@pytest.mark.parametrize("failure", ["a-bug", "deadlock"])
def test_any_other_failure_is_still_a_500_that_shows_nothing_inside(visitor, failure):
    # A deadlock is PostgreSQL answering: a fault to look at, not the database being away.
    response = visitor.get(f"/test/{failure}")

    assert response.status_code == 500
    assert texts(response, "h1") == ["Something went wrong"]
    assert "a bug in a page" not in response.content.decode()
    assert "deadlock" not in response.content.decode()
    assert not response.has_header("Retry-After")
