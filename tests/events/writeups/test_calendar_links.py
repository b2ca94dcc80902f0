"""A published write-up's link goes into its session's calendar entry: LAST-MODIFIED moves,
SEQUENCE does not (nothing about the time changed)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from icalendar import Calendar

from events.writeups.services import publish_writeup
from tests.events.writeups.test_views import AFTER_THE_TALK, build_writeup_setting, draft_by_mel

pytestmark = pytest.mark.django_db


def session_event(client, setting):
    cache.clear()
    url = f"/festivals/{setting.festival.slug}/sessions/{setting.talk.slug}/calendar.ics"
    response = client.get(url)
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    return response, event


def test_publishing_a_writeup_adds_its_link_to_the_session_calendar_entry(client):
    with time_machine.travel(AFTER_THE_TALK, tick=False) as clock:
        setting = build_writeup_setting()
        writeup = draft_by_mel(setting)
        before_response, before = session_event(client, setting)
        clock.shift(timedelta(minutes=5))

        publish_writeup(writeup=writeup)
        after_response, after = session_event(client, setting)

    link = f"http://127.0.0.1:8000/write-ups/{writeup.slug}/"
    assert f"Write-up: {link}" not in str(before["DESCRIPTION"])
    assert str(after["DESCRIPTION"]).endswith(f"\n\nWrite-up: {link}")
    assert after["SEQUENCE"] == before["SEQUENCE"]
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after_response["ETag"] != before_response["ETag"]
