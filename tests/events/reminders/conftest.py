"""The reminders' setting as fixtures: the clock at booking time, and the festival."""

import pytest
import time_machine

from tests.events.reminders.test_services import BOOKED_AT, Setting, make_setting


@pytest.fixture
def clock():
    with time_machine.travel(BOOKED_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def setting(clock) -> Setting:
    return make_setting()
