"""A person's account deleted takes their bookings with it, cancelled first as the person would
cancel them: the place they held goes to the waitlist's first, a waitlist spot closes its gap,
the programme's places stamp moves when the session is no longer full, and a session already
started is left alone."""

from datetime import datetime

import pytest
import time_machine

from events.bookings.services import book_place
from events.enums import AttendanceStatus
from events.models import Attendance
from festival.models import Festival, OutboxMessage
from tests.factories import LONDON, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def before_the_festival():
    with time_machine.travel(datetime(2027, 7, 1, 12, tzinfo=LONDON), tick=False):
        yield


def standing(session) -> list[tuple[str, str, int | None]]:
    return [
        (row.user.name, row.status, row.position)
        for row in Attendance.objects.filter(session=session).select_related("user").order_by("pk")
    ]


@pytest.fixture
def full_session():
    session = SessionFactory(capacity=1)
    people = [UserFactory(name=name) for name in ("Ann", "Ben", "Cat")]
    for person in people:
        book_place(user=person, session=session)
    return session, people


def test_a_deleted_account_gives_its_place_to_the_first_on_the_waitlist(
    full_session, django_capture_on_commit_callbacks
):
    session, (ann, ben, _) = full_session

    with django_capture_on_commit_callbacks(execute=True):
        ann.delete()

    assert standing(session) == [("Ben", AttendanceStatus.GOING, None), ("Cat", "waitlisted", 1)]
    assert list(
        OutboxMessage.objects.filter(kind="waitlist-promotion").values_list("recipient", flat=True)
    ) == [ben.email]


def test_a_deleted_account_that_held_the_last_place_of_a_session_with_no_waitlist_frees_it(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=1)
    ann = UserFactory(name="Ann")
    book_place(user=ann, session=session)
    Festival.objects.update(places_changed_at=datetime(2027, 6, 1, tzinfo=LONDON))

    with django_capture_on_commit_callbacks(execute=True):
        ann.delete()

    session.festival.refresh_from_db()
    assert (Attendance.objects.count(), session.festival.places_changed_at) == (
        0,
        datetime(2027, 7, 1, 12, tzinfo=LONDON),
    )


def test_a_deleted_account_in_a_session_under_way_promotes_nobody(
    full_session, django_capture_on_commit_callbacks
):
    session, (ann, _, _) = full_session

    with (
        time_machine.travel(session.start, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ann.delete()

    assert standing(session) == [("Ben", "waitlisted", 1), ("Cat", "waitlisted", 2)]
    assert OutboxMessage.objects.filter(kind="waitlist-promotion").count() == 0


def test_a_deleted_account_on_the_waitlist_closes_its_gap(
    full_session, django_capture_on_commit_callbacks
):
    session, (_, ben, _) = full_session

    with django_capture_on_commit_callbacks(execute=True):
        ben.delete()

    assert standing(session) == [("Ann", AttendanceStatus.GOING, None), ("Cat", "waitlisted", 1)]
