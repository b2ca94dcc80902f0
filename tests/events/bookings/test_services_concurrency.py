"""The last place is never sold twice: real threads, real PostgreSQL, real row locks."""

import pytest

from events.bookings.services import book_place, cancel_booking
from events.enums import AttendanceStatus
from events.models import Attendance
from tests.concurrency import run_at_once
from tests.factories import SessionFactory, UserFactory


def waitlist(session) -> list[tuple[int, int]]:
    return list(
        Attendance.objects.filter(session=session, status=AttendanceStatus.WAITLISTED)
        .order_by("position")
        .values_list("user_id", "position")
    )


@pytest.mark.django_db(transaction=True)
def test_fifty_people_booking_ten_places_at_once_then_three_cancel(postgresql_only):
    session = SessionFactory(capacity=10)
    people = UserFactory.create_batch(50)

    failures = run_at_once([lambda person=person: book_place(user=person, session=session)
                            for person in people])  # fmt: skip

    assert failures == []
    going = list(
        Attendance.objects.filter(session=session, status=AttendanceStatus.GOING).values_list(
            "user_id", flat=True
        )
    )
    waiting = waitlist(session)
    assert len(going) == 10
    assert [position for _user, position in waiting] == list(range(1, 41))
    assert sorted([*going, *(user for user, _position in waiting)]) == sorted(p.pk for p in people)

    leaving = going[:3]
    failures = run_at_once(
        [lambda user_id=user_id: cancel_booking(user=people[0].__class__(pk=user_id),
                                                session=session)
         for user_id in leaving]
    )  # fmt: skip

    assert failures == []
    first_three = [user for user, _position in waiting[:3]]
    now_going = set(
        Attendance.objects.filter(session=session, status=AttendanceStatus.GOING).values_list(
            "user_id", flat=True
        )
    )
    assert now_going == (set(going) - set(leaving)) | set(first_three)
    assert waitlist(session) == [(user, position - 3) for user, position in waiting[3:]]
