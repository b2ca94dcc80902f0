"""Write-up services (events/writeups/services.py): addresses made from titles."""

import pytest
import time_machine

from events.writeups.services import create_writeup
from tests.events.writeups.test_views import (
    AFTER_THE_TALK,
    WriteUpSetting,
    build_writeup_setting,
    content,
    published_by_mel,
)


@pytest.fixture
def writeup_setting(db) -> WriteUpSetting:
    return build_writeup_setting()


@pytest.fixture(autouse=True)
def after_the_talk():
    with time_machine.travel(AFTER_THE_TALK, tick=False):
        yield


def test_writeups_with_one_title_get_different_addresses(writeup_setting):
    first = published_by_mel(writeup_setting)
    second = create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.organiser,
        content=content(),
        publish=False,
    )

    assert (first.slug, second.slug) == ("we-learned-to-listen", "we-learned-to-listen-2")
