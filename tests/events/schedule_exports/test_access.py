"""Access provisions and the content note in schedule.json and schedule.xml: the frab/c3voc
schemas have no field for them, so they close the description; both stay valid."""

import json

import pytest
from lxml import etree

from tests.events.access.setting import access_setting
from tests.events.schedule_exports.test_views import (
    export_url,
    frab_schemas,
    json_errors,
    json_events,
    json_validator,
    xml_errors,
    xml_schema,
)

__all__ = ["access_setting", "frab_schemas", "json_validator", "xml_schema"]

pytestmark = pytest.mark.django_db


def test_schedule_json_describes_provisions_and_content_note_and_stays_valid(
    client, access_setting, json_validator
):
    festival = access_setting.festival

    response = client.get(export_url("festival-schedule-json", festival))

    assert json_errors(json_validator, response.content) == []
    events = json_events(json.loads(response.content))
    talk = events[str(access_setting.talk.uid)]
    workshop = events[str(access_setting.workshop.uid)]
    assert talk["description"].split("\n\n")[-1] == (
        "Access: Step-free access (room), Hearing loop (room), Live captions."
    )
    assert workshop["description"].split("\n\n")[-1] == "Content note: Talks about loss."


def test_schedule_xml_describes_provisions_and_stays_valid(client, access_setting, xml_schema):
    festival = access_setting.festival

    response = client.get(export_url("festival-schedule-xml", festival))

    assert xml_errors(xml_schema, response.content) == []
    document = etree.fromstring(response.content)
    guid = str(access_setting.talk.uid)
    description = document.xpath(f"day/room/event[@guid='{guid}']/description")[0].text
    assert description.endswith(
        "Access: Step-free access (room), Hearing loop (room), Live captions."
    )
