"""The festival feed's `?access=` filter, and provisions and content notes in DESCRIPTION."""

import pytest
from django.core.cache import cache

from events.models import Session
from festival.models import AccessProvision
from tests.calendar_parsers import parse_with_icalendar
from tests.events.access.setting import access_setting, add_captioned_sessions

__all__ = ["access_setting"]

pytestmark = pytest.mark.django_db

FEED = "/festivals/access-fest/calendar.ics"


@pytest.fixture(autouse=True)
def fresh_caches():
    cache.clear()


def summaries(client, query: str) -> list[str]:
    response = client.get(FEED + query)
    assert response.status_code == 200
    return sorted(event["summary"] for event in parse_with_icalendar(response.content.decode()))


def test_the_feed_filtered_by_access_gives_exactly_the_sessions_that_provide_all(
    client, access_setting
):
    assert summaries(client, "") == ["Opening talk", "Zine workshop"]
    assert summaries(client, "?access=step-free") == ["Opening talk"]
    assert summaries(client, "?access=step-free&access=captions") == ["Opening talk"]
    assert summaries(client, "?access=step-free&access=bsl") == []


def test_the_filtered_feed_is_named_for_its_provisions(client, access_setting):
    response = client.get(FEED + "?access=step-free&access=captions")

    assert "X-WR-CALNAME:Access Fest (Step-free access\\, Live captions)" in (
        response.content.decode()
    )


def test_an_unknown_provision_in_the_feed_is_a_400_and_a_festivals_own_is_known(
    client, access_setting
):
    AccessProvision.objects.create(
        festival=access_setting.festival, code="audio-description", label="AD", explanation="X"
    )

    assert client.get(FEED + "?access=lifts").status_code == 400
    assert summaries(client, "?access=audio-description") == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_filtered_feed_costs_the_same_queries_however_many_sessions(
    client, access_setting, django_assert_num_queries, count
):
    add_captioned_sessions(access_setting, count)

    # The festival with its filters; sessions, speakers, themes, write-ups.
    with django_assert_num_queries(5):
        response = client.get(FEED + "?access=step-free&access=captions")

    assert response.content.decode().count("BEGIN:VEVENT") == count + 1


def test_description_lists_the_provisions_and_the_content_note(client, access_setting):
    Session.objects.filter(pk=access_setting.talk.pk).update(content_note="Loud music.")

    text = client.get(FEED).content.decode().replace("\r\n ", "")

    assert "Access: Step-free access (room)\\, Hearing loop (room)\\, Live captions." in text
    assert "Content note: Loud music." in text
    assert "Content note: Talks about loss." in text


@pytest.mark.parametrize("query", ["?access=%00", "?format=%00", "?theme=%00", "?access=a%20b"])
def test_a_filter_that_is_no_slug_is_a_400_before_any_query(client, access_setting, query):
    # A NUL reaching PostgreSQL was a 500 (psycopg refuses it): now refused with words.
    response = client.get(FEED + query)

    assert (response.status_code, response.content.decode()) == (
        400,
        "A filter can only be letters, digits and hyphens.",
    )


def test_blank_access_values_are_no_filter_as_on_the_programme_page(client, access_setting):
    assert summaries(client, "?access=&access=step-free") == summaries(client, "?access=step-free")


def test_more_provisions_than_anyone_needs_are_a_400(client, access_setting):
    response = client.get(FEED + "?" + "&".join(f"access=code-{n}" for n in range(21)))

    assert (response.status_code, response.content.decode()) == (
        400,
        "Choose at most 20 provisions.",
    )
