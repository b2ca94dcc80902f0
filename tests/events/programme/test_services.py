from datetime import timedelta

import pytest
import time_machine

from events.bookings.services import book_place
from events.enums import ChangeKind, SessionStatus
from events.models import ScheduleChange
from events.programme.services import (
    SessionTimes,
    change_kind,
    record_session_added,
    record_session_change,
    record_session_changes,
)
from tests.factories import RoomFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_change_kind_names_the_headline_of_each_change():
    session = SessionFactory()
    other_room = RoomFactory(venue=session.room.venue)
    before = SessionTimes.of(session)
    later = timedelta(minutes=30)

    def kind_after(**changes):
        return change_kind(before, SessionTimes(**{**before.__dict__, **changes}))

    assert [
        kind_after(),
        kind_after(start=before.start + later, end=before.end + later),
        kind_after(end=before.end + later),
        kind_after(room=other_room),
        kind_after(start=before.start + later, room=other_room),
        kind_after(status=SessionStatus.CANCELLED, room=other_room),
    ] == [None, ChangeKind.MOVED, ChangeKind.MOVED, ChangeKind.ROOM, ChangeKind.MOVED,
          ChangeKind.CANCELLED]  # fmt: skip

    cancelled = SessionTimes(**{**before.__dict__, "status": SessionStatus.CANCELLED})
    assert change_kind(cancelled, before) == ChangeKind.RESTORED


def test_record_session_change_bumps_sequence_and_logs_old_and_new_values():
    session = SessionFactory()
    old_room, new_room = session.room, RoomFactory(venue=session.room.venue)
    before = SessionTimes.of(session)
    session.start += timedelta(hours=1)
    session.end += timedelta(hours=1)
    session.room = new_room
    session.save()

    change = record_session_change(session=session, old=before)

    session.refresh_from_db()
    assert session.sequence == 1
    assert (
        change.kind, change.old_start, change.old_end, change.old_room,
        change.new_start, change.new_end, change.new_room,
    ) == (
        ChangeKind.MOVED, before.start, before.end, old_room,
        session.start, session.end, new_room,
    )  # fmt: skip


def test_record_session_change_writes_nothing_when_calendars_see_no_change():
    session = SessionFactory()
    before = SessionTimes.of(session)
    session.title = "A new title"
    session.save()

    assert record_session_change(session=session, old=before) is None
    session.refresh_from_db()
    assert (session.sequence, ScheduleChange.objects.count()) == (0, 0)


def test_record_session_changes_handles_many_sessions_in_fixed_queries(
    django_assert_num_queries,
):
    sessions = SessionFactory.create_batch(3)
    befores = [SessionTimes.of(session) for session in sessions]
    sessions[0].status = SessionStatus.CANCELLED
    sessions[2].end += timedelta(minutes=15)
    for session in sessions:
        session.save()

    # savepoint, update, move the programme stamp, read back the sequences, insert the
    # changes; reminders: savepoint, festivals, places, speakers, the stored attendee and
    # speaker rows, release; the attendees to give a change notice (none here); release
    with django_assert_num_queries(14):
        written = record_session_changes(changes=list(zip(sessions, befores, strict=True)))

    assert [(change.session, change.kind) for change in written] == [
        (sessions[0], ChangeKind.CANCELLED),
        (sessions[2], ChangeKind.MOVED),
    ]
    assert [session.sequence for session in sessions] == [1, 0, 1]
    for session in sessions:
        session.refresh_from_db()
    assert [session.sequence for session in sessions] == [1, 0, 1]


@pytest.mark.parametrize("moved", [1, 5])
def test_record_session_changes_queries_do_not_grow_with_sessions_or_bookings(
    django_assert_num_queries, moved
):
    sessions = SessionFactory.create_batch(moved, capacity=50)
    with time_machine.travel(sessions[0].start - timedelta(days=30), tick=False):
        for session in sessions:
            for _ in range(3):
                book_place(user=UserFactory(), session=session)
        befores = [SessionTimes.of(session) for session in sessions]
        for session in sessions:
            session.start += timedelta(minutes=30)
            session.end += timedelta(minutes=30)
            session.save()

        # As above, plus moving the reminder rows (one bulk update) and the change notices
        # (open notices, read them back locked, link the changes, and the like)
        with django_assert_num_queries(20):
            written = record_session_changes(changes=list(zip(sessions, befores, strict=True)))

    assert len(written) == moved


def test_record_session_change_counts_every_change_to_the_same_session():
    session = SessionFactory()
    for _ in range(3):
        before = SessionTimes.of(session)
        session.start += timedelta(minutes=5)
        session.save()
        record_session_change(session=session, old=before)

    session.refresh_from_db()
    assert session.sequence == 3
    assert list(session.changes.values_list("kind", flat=True)) == [ChangeKind.MOVED] * 3


def test_record_session_added_logs_the_new_times_only():
    session = SessionFactory()

    change = record_session_added(session=session)

    assert (
        change.kind, change.old_start, change.old_room, change.new_start, change.new_room,
    ) == (ChangeKind.ADDED, None, None, session.start, session.room)  # fmt: skip
