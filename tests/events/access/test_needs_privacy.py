"""A person's saved needs are lent to their bookings only while a booking stands and its
session has not ended: the organisers of a booking they cancelled, or of a session long over,
never read what they save later (for another festival, say)."""

from datetime import datetime

import pytest

from events.bookings.services import cancel_booking
from events.models import Attendance
from tests.events.access.setting import access_setting  # noqa: F401
from tests.factories import LONDON

pytestmark = pytest.mark.django_db

ATTENDEES_CSV = "/organise/access-fest/attendees.csv"


def needs_column(client, email: str) -> list[str]:
    rows = client.get(ATTENDEES_CSV).content.decode().splitlines()
    return [row.rsplit(",", 1)[-1] for row in rows if email in row]


def test_a_cancelled_booking_shows_no_needs_saved_after_it(client, access_setting):  # noqa: F811
    ben = access_setting.ben
    cancel_booking(user=ben, session=access_setting.workshop)
    ben.access_need_codes, ben.access_needs_note = ["bsl"], "Written later for another festival"
    ben.save()
    client.force_login(access_setting.organiser)

    assert needs_column(client, "ben@example.org") == [""]
    assert Attendance.objects.get(user=ben).needs == ([], "")


def test_a_session_that_has_ended_shows_no_needs_saved_since(
    client,
    access_setting,  # noqa: F811
    time_machine,
):
    client.force_login(access_setting.organiser)
    assert needs_column(client, "ben@example.org") == [
        "Step-free access; Live captions. In their words: A seat near the front."
    ]

    time_machine.move_to(datetime(2027, 7, 6, 9, 0, tzinfo=LONDON))  # the workshop is over
    client.force_login(access_setting.organiser)  # a new day's login

    assert needs_column(client, "ben@example.org") == [""]


def test_needs_changed_for_one_booking_stay_with_it(client, access_setting):  # noqa: F811
    booking = Attendance.objects.get(user=access_setting.ana)
    booking.access_need_codes, booking.access_needs = ["seating"], "Chair with arms."
    booking.save()
    cancel_booking(user=access_setting.ana, session=access_setting.workshop)

    assert Attendance.objects.get(pk=booking.pk).needs == (["seating"], "Chair with arms.")
