from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail

from events.bookings.services import (
    BookingError,
    book_place,
    cancel_booking,
    change_capacity,
    check_in,
    promote_from_waitlist,
    undo_check_in,
)
from events.enums import AttendanceStatus, SessionStatus
from events.models import Attendance
from tests.factories import LONDON, EventFactory, RoomFactory, SessionFactory, UserFactory
from tests.outbox import send_owed

pytestmark = pytest.mark.django_db

BEFORE_THE_FESTIVAL = datetime(2027, 7, 1, 12, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def before_the_festival():
    with time_machine.travel(BEFORE_THE_FESTIVAL, tick=False):
        yield


def standing(session) -> list[tuple[str, str, int | None]]:
    """Everyone's booking on a session: (email, status, position), in booking order."""
    return [
        (row.user.email, row.status, row.position)
        for row in Attendance.objects.filter(session=session).select_related("user").order_by("pk")
    ]


def test_book_place_gives_a_place_while_there_are_places_then_the_waitlist(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=2)
    people = [UserFactory(email=f"p{n}@example.org") for n in range(4)]

    with django_capture_on_commit_callbacks(execute=True):
        outcomes = [book_place(user=person, session=session) for person in people]

    assert [outcome.is_waitlisted for outcome in outcomes] == [False, False, True, True]
    assert standing(session) == [
        ("p0@example.org", AttendanceStatus.GOING, None),
        ("p1@example.org", AttendanceStatus.GOING, None),
        ("p2@example.org", AttendanceStatus.WAITLISTED, 1),
        ("p3@example.org", AttendanceStatus.WAITLISTED, 2),
    ]
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["p0@example.org"], f"Your place is booked: {session.title}"),
        (["p1@example.org"], f"Your place is booked: {session.title}"),
        (["p2@example.org"], f"You are number 1 on the waitlist: {session.title}"),
        (["p3@example.org"], f"You are number 2 on the waitlist: {session.title}"),
    ]


def test_booking_email_gives_the_local_time_room_and_venue(django_capture_on_commit_callbacks):
    event = EventFactory()
    session = SessionFactory(
        event=event,
        title="Trust first",
        start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 11, 30, tzinfo=LONDON),
        room=RoomFactory(venue=event.venue, name="Garden Room"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        book_place(user=UserFactory(name="Linda Jones"), session=session)

    body = mail.outbox[0].body
    assert body.startswith("Hello Linda,\n\nYour place is booked.\n\nTrust first\n")
    assert "When:  Mon 5 July 2027, 10:00–11:30 BST\n" in body
    assert f"Where: Garden Room, {session.room.venue.name}, Liverpool Road, Manchester" in body
    assert f"Details: http://127.0.0.1:8000/festivals/{session.festival.slug}/sessions/" in body


def test_drop_in_session_goes_into_the_programme_without_a_place(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=None)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = book_place(user=UserFactory(email="d@example.org"), session=session)

    assert (outcome.attendance.status, outcome.attendance.position) == (
        AttendanceStatus.GOING,
        None,
    )
    assert [message.subject for message in mail.outbox] == [f"In your programme: {session.title}"]


STARTED_AN_HOUR_AGO = {
    "start": BEFORE_THE_FESTIVAL - timedelta(hours=1),
    "end": BEFORE_THE_FESTIVAL + timedelta(hours=1),
    "event__start": BEFORE_THE_FESTIVAL - timedelta(days=1),
}


@pytest.mark.parametrize(
    ("session_values", "message"),
    [
        (
            {"status": SessionStatus.CANCELLED},
            "This session has been cancelled, so it cannot be booked.",
        ),
        (STARTED_AN_HOUR_AGO, "This session has already started, so it can no longer be booked."),
    ],
)
def test_book_place_refuses_sessions_that_cannot_be_booked(session_values, message):
    session = SessionFactory(**session_values)

    with pytest.raises(BookingError) as refused:
        book_place(user=UserFactory(), session=session)

    assert str(refused.value) == message
    assert Attendance.objects.count() == 0


def test_book_place_refuses_a_second_booking_and_a_second_waitlist_spot():
    session = SessionFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    book_place(user=first, session=session)
    book_place(user=second, session=session)

    with pytest.raises(BookingError) as again_going:
        book_place(user=first, session=session)
    with pytest.raises(BookingError) as again_waiting:
        book_place(user=second, session=session)

    assert str(again_going.value) == "You already have a place on this session."
    assert str(again_waiting.value) == (
        "You are already on the waitlist for this session, at number 1."
    )
    assert Attendance.objects.count() == 2


def test_cancel_a_place_promotes_the_first_on_the_waitlist_and_closes_the_gap(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=1)
    people = [UserFactory(email=f"p{n}@example.org") for n in range(4)]
    for person in people:
        book_place(user=person, session=session)
    send_owed()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_booking(user=people[0], session=session)

    assert standing(session) == [
        ("p0@example.org", AttendanceStatus.CANCELLED, None),
        ("p1@example.org", AttendanceStatus.GOING, None),
        ("p2@example.org", AttendanceStatus.WAITLISTED, 1),
        ("p3@example.org", AttendanceStatus.WAITLISTED, 2),
    ]
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["p1@example.org"], f"A place has come up for you: {session.title}")
    ]


def test_leaving_the_waitlist_moves_everyone_behind_up_one():
    session = SessionFactory(capacity=1)
    people = [UserFactory(email=f"p{n}@example.org") for n in range(4)]
    for person in people:
        book_place(user=person, session=session)

    cancel_booking(user=people[1], session=session)

    assert standing(session) == [
        ("p0@example.org", AttendanceStatus.GOING, None),
        ("p1@example.org", AttendanceStatus.CANCELLED, None),
        ("p2@example.org", AttendanceStatus.WAITLISTED, 1),
        ("p3@example.org", AttendanceStatus.WAITLISTED, 2),
    ]


def test_cancel_refuses_what_the_person_does_not_hold():
    session = SessionFactory()
    person = UserFactory()

    with pytest.raises(BookingError) as never_booked:
        cancel_booking(user=person, session=session)
    book_place(user=person, session=session)
    cancel_booking(user=person, session=session)
    with pytest.raises(BookingError) as cancelled_twice:
        cancel_booking(user=person, session=session)

    message = "You have no place or waitlist spot on this session to cancel."
    assert (str(never_booked.value), str(cancelled_twice.value)) == (message, message)


def test_booking_again_after_cancelling_reuses_the_row():
    session = SessionFactory(capacity=5)
    person = UserFactory()
    first = book_place(user=person, session=session).attendance
    cancel_booking(user=person, session=session)

    again = book_place(user=person, session=session).attendance

    assert (again.pk, again.status) == (first.pk, AttendanceStatus.GOING)
    assert Attendance.objects.count() == 1


def test_raising_the_capacity_promotes_in_waitlist_order(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    people = [UserFactory(email=f"p{n}@example.org") for n in range(5)]
    for person in people:
        book_place(user=person, session=session)
    send_owed()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = change_capacity(session=session, capacity=3)

    assert [attendance.user.email for attendance in promoted] == [
        "p1@example.org",
        "p2@example.org",
    ]
    assert standing(session)[3:] == [
        ("p3@example.org", AttendanceStatus.WAITLISTED, 1),
        ("p4@example.org", AttendanceStatus.WAITLISTED, 2),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == ["p1@example.org", "p2@example.org"]


def test_capacity_cannot_go_below_the_number_going():
    session = SessionFactory(capacity=3)
    for _ in range(3):
        book_place(user=UserFactory(), session=session)

    with pytest.raises(BookingError) as refused:
        change_capacity(session=session, capacity=2)

    assert str(refused.value) == (
        "3 people already have places, so the capacity cannot be lower than 3."
    )
    session.refresh_from_db()
    assert session.capacity == 3


def test_capacity_refusal_says_person_for_one():
    session = SessionFactory(capacity=1)
    book_place(user=UserFactory(), session=session)

    with pytest.raises(BookingError) as refused:
        change_capacity(session=session, capacity=0)

    assert str(refused.value) == (
        "1 person already has a place, so the capacity cannot be lower than 1."
    )


def test_making_a_session_drop_in_lets_the_whole_waitlist_in():
    session = SessionFactory(capacity=1)
    for _ in range(3):
        book_place(user=UserFactory(), session=session)

    change_capacity(session=session, capacity=None)

    assert Attendance.objects.filter(session=session).going().count() == 3


def test_promote_from_waitlist_does_nothing_for_a_cancelled_session():
    session = SessionFactory(capacity=1)
    book_place(user=UserFactory(), session=session)
    book_place(user=UserFactory(), session=session)
    session.status = SessionStatus.CANCELLED
    session.capacity = 5
    session.save()

    assert promote_from_waitlist(session=session) == []


def test_booking_warns_about_overlapping_sessions_but_books():
    person = UserFactory()
    first = SessionFactory(title="Morning walk")
    clash = SessionFactory(
        title="Coffee and questions",
        event=first.event,
        start=first.start + timedelta(minutes=30),
        end=first.end + timedelta(minutes=30),
    )
    book_place(user=person, session=first)

    outcome = book_place(user=person, session=clash)

    assert outcome.attendance.status == AttendanceStatus.GOING
    assert outcome.overlaps == [first]


def test_check_in_only_people_with_a_place_and_undo():
    session = SessionFactory(capacity=1)
    going = book_place(user=UserFactory(), session=session).attendance
    waiting = book_place(user=UserFactory(name="Wait Ing"), session=session).attendance

    arrived = check_in(attendance=going)
    with pytest.raises(BookingError) as refused:
        check_in(attendance=waiting)

    assert arrived.checked_in_at == BEFORE_THE_FESTIVAL
    assert str(refused.value) == "Wait Ing has no place on this session to check in."
    assert undo_check_in(attendance=going).checked_in_at is None


def test_a_new_booking_holds_the_lock_for_five_statements(django_assert_num_queries):
    # The reminders choice; the transaction (here a savepoint and its release) around the
    # lock, one aggregate, the row, its reminders and its outbox row; then the overlaps.
    session = SessionFactory(capacity=2)
    first, last, third = UserFactory(), UserFactory(), UserFactory()

    with django_assert_num_queries(9):
        book_place(user=first, session=session)
    with django_assert_num_queries(9):  # the last place: the places stamp moves on commit
        book_place(user=last, session=session)
    with django_assert_num_queries(8):  # a waitlist spot has no reminders
        book_place(user=third, session=session)

    assert standing(session) == [
        (first.email, AttendanceStatus.GOING, None),
        (last.email, AttendanceStatus.GOING, None),
        (third.email, AttendanceStatus.WAITLISTED, 1),
    ]


def test_booking_again_reads_the_cancelled_row_once(django_assert_num_queries):
    session = SessionFactory(capacity=5)
    person = UserFactory()
    book_place(user=person, session=session)
    cancel_booking(user=person, session=session)

    # As a new booking, plus the cancelled row, and its reminders read and reactivated.
    with django_assert_num_queries(11):
        book_place(user=person, session=session)
