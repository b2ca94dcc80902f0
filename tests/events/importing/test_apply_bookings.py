"""Re-imports meet bookings: a file never sells a place twice, and more places go to the
waitlist in order."""

from datetime import datetime

import pytest
import time_machine

from events.bookings.services import book_place
from events.enums import AttendanceStatus, SessionStatus
from events.importing import import_programme, plan_import
from events.models import Attendance, Session
from tests.factories import LONDON, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def before_the_festival():
    with time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=LONDON), tick=False):
        yield


def booked(session: Session, count: int) -> list[int]:
    return [book_place(user=UserFactory(), session=session).attendance.pk for _ in range(count)]


def standing(session: Session) -> list[tuple[str, int | None]]:
    return list(
        Attendance.objects.filter(session=session).order_by("pk").values_list("status", "position")
    )


def test_reimport_refuses_a_capacity_below_the_places_booked(import_setting, programme_csv):
    festival = import_setting.festival
    import_programme(festival=festival, content=programme_csv({"capacity": "3"}))
    session = Session.objects.get()
    booked(session, 3)

    plan = plan_import(festival=festival, content=programme_csv({"capacity": "2"}))

    assert [str(problem) for problem in plan.errors] == [
        "Line 2: capacity 2 is below the 3 places already booked: write at least 3, or leave "
        "it blank for a drop-in."
    ]
    session.refresh_from_db()
    assert session.capacity == 3


def test_reimport_with_more_places_promotes_from_the_waitlist_in_order(
    import_setting, programme_csv, django_capture_on_commit_callbacks
):
    festival = import_setting.festival
    import_programme(festival=festival, content=programme_csv({"capacity": "1"}))
    session = Session.objects.get()
    booked(session, 4)

    with django_capture_on_commit_callbacks(execute=True):
        import_programme(festival=festival, content=programme_csv({"capacity": "3"}))

    assert standing(session) == [
        (AttendanceStatus.GOING, None),
        (AttendanceStatus.GOING, None),
        (AttendanceStatus.GOING, None),
        (AttendanceStatus.WAITLISTED, 1),
    ]


def test_reimport_that_makes_a_session_drop_in_lets_everyone_in(import_setting, programme_csv):
    festival = import_setting.festival
    import_programme(festival=festival, content=programme_csv({"capacity": "1"}))
    session = Session.objects.get()
    booked(session, 3)

    import_programme(festival=festival, content=programme_csv({"capacity": ""}))

    assert standing(session) == [(AttendanceStatus.GOING, None)] * 3


def test_reimport_that_restores_a_cancelled_session_keeps_its_waitlist_in_order(
    import_setting, programme_csv
):
    festival = import_setting.festival
    import_programme(festival=festival, content=programme_csv({"capacity": "1"}))
    session = Session.objects.get()
    booked(session, 2)
    import_programme(
        festival=festival, content=programme_csv({"capacity": "1", "status": "cancelled"})
    )
    assert Session.objects.get().status == SessionStatus.CANCELLED

    import_programme(festival=festival, content=programme_csv({"capacity": "2"}))

    assert standing(session) == [(AttendanceStatus.GOING, None)] * 2
