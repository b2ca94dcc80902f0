"""Collecting change notices (events/change_notices/services.py); the shared setting is here."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from events.change_notices.scan import send_due_change_notices
from events.change_notices.services import collect_change_notices
from events.enums import AttendanceStatus, SessionStatus
from events.importing import import_programme
from events.models import Attendance, ChangeNotice, ReminderSettings, ScheduleChange, Session
from events.programme.services import SessionTimes, record_session_change
from festival.models import Room, User
from tests.events.admin.test_programme import session_form
from tests.factories import LONDON, UserFactory

pytestmark = pytest.mark.django_db

# Three weeks before the festival, in winter: London is on GMT.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)
WINDOW = timedelta(minutes=10)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=LONDON)


@dataclass(frozen=True)
class Programme:
    """Two sessions on Tue 22 December at a festival in London, in two rooms."""

    trust: Session
    care: Session
    hall: Room
    warehouse: Room


def person(name: str) -> User:
    return UserFactory(name=name, email=f"{name.split()[0].lower()}@example.org")


def going(user: User, session: Session) -> Attendance:
    return Attendance.objects.create(user=user, session=session, status=AttendanceStatus.GOING)


def waiting(user: User, session: Session, position: int) -> Attendance:
    return Attendance.objects.create(
        user=user, session=session, status=AttendanceStatus.WAITLISTED, position=position
    )


def change(session: Session, **values) -> ScheduleChange | None:
    """Edit the session as an organiser's save does, through the service that logs it."""
    session.refresh_from_db()
    old = SessionTimes.of(session)
    for name, value in values.items():
        setattr(session, name, value)
    session.save()
    return record_session_change(session=session, old=old)


def move(session: Session, start: datetime, end: datetime, **values) -> ScheduleChange | None:
    return change(session, start=start, end=end, **values)


def open_notices() -> list[tuple[str, datetime, list[str]]]:
    return [
        (
            notice.user.email,
            notice.due_at,
            [f"{c.kind} {c.session.slug}" for c in notice.changes.order_by("created_at", "pk")],
        )
        for notice in ChangeNotice.objects.filter(sent_at=None, failed_at=None).order_by("pk")
    ]


def test_collect_opens_a_notice_due_after_the_window_for_everyone_going_or_waiting(programme):
    ann, bea, cat, dan, eve = (
        person(name) for name in ("Ann A", "Bea B", "Cat C", "Dan D", "Eve E")
    )
    going(ann, programme.trust)
    going(bea, programme.trust)
    waiting(cat, programme.trust, position=1)
    Attendance.objects.create(user=dan, session=programme.trust, status=AttendanceStatus.CANCELLED)
    going(eve, programme.care)

    move(programme.trust, at(22, 11, 30), at(22, 12, 30))

    due = NOW + WINDOW
    assert open_notices() == [
        ("ann@example.org", due, ["moved trust-first"]),
        ("bea@example.org", due, ["moved trust-first"]),
        ("cat@example.org", due, ["moved trust-first"]),
    ]


def test_collect_gives_nothing_to_people_who_turned_change_notices_off(programme):
    ann, bea, cat = person("Ann A"), person("Bea B"), person("Cat C")
    for someone in (ann, bea, cat):
        going(someone, programme.trust)
    ReminderSettings.objects.create(user=ann, change_notices=False)
    ReminderSettings.objects.create(user=bea, change_notices=True, reminders="none")

    change(programme.trust, status=SessionStatus.CANCELLED)

    assert open_notices() == [
        ("bea@example.org", NOW + WINDOW, ["cancelled trust-first"]),
        ("cat@example.org", NOW + WINDOW, ["cancelled trust-first"]),
    ]


def test_collect_adds_later_changes_to_the_open_notice_and_keeps_its_due_time(programme, clock):
    ann = person("Ann A")
    going(ann, programme.trust)
    going(ann, programme.care)

    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(timedelta(minutes=4))
    change(programme.care, room=programme.hall)
    clock.shift(timedelta(minutes=4))
    move(programme.trust, at(22, 11, 30), at(22, 12, 30))

    assert open_notices() == [
        (
            "ann@example.org",
            NOW + WINDOW,
            ["moved trust-first", "room care-in-practice", "moved trust-first"],
        )
    ]


def test_collect_uses_the_debounce_setting(programme, settings):
    settings.CHANGE_NOTICE_DEBOUNCE_MINUTES = 3
    going(person("Ann A"), programme.trust)

    move(programme.trust, at(22, 11), at(22, 12))

    assert open_notices() == [
        ("ann@example.org", NOW + timedelta(minutes=3), ["moved trust-first"])
    ]


def test_collect_opens_a_new_notice_once_the_last_was_sent(programme, clock):
    going(person("Ann A"), programme.trust)
    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(WINDOW)
    send_due_change_notices()

    clock.shift(timedelta(minutes=1))
    move(programme.trust, at(22, 12), at(22, 13))

    assert open_notices() == [
        ("ann@example.org", NOW + WINDOW + timedelta(minutes=11), ["moved trust-first"])
    ]
    assert ChangeNotice.objects.count() == 2


@pytest.mark.parametrize("attendees", [1, 30])
def test_collect_query_count_does_not_grow_with_attendees(
    programme, django_assert_num_queries, attendees
):
    for number in range(attendees):
        Attendance.objects.create(
            user=UserFactory(), session=programme.trust, status=AttendanceStatus.WAITLISTED,
            position=number + 1,
        )  # fmt: skip
    going(UserFactory(), programme.care)
    changes = [
        ScheduleChange.objects.create(session=session, kind="moved", old_start=at(22, 9),
                                      old_end=at(22, 10), new_start=session.start,
                                      new_end=session.end)
        for session in (programme.trust, programme.care)
    ]  # fmt: skip

    # the attendees who want notices, lock their open notices, open the missing ones, lock
    # those, link the changes
    with django_assert_num_queries(5):
        collect_change_notices(changes=changes)

    assert ChangeNotice.objects.count() == attendees + 1
    assert ChangeNotice.changes.through.objects.count() == attendees + 1


def test_collect_with_nobody_booked_writes_nothing(programme, django_assert_num_queries):
    cancelled = ScheduleChange.objects.create(session=programme.trust, kind="cancelled")

    # the attendees who want notices: none
    with django_assert_num_queries(1):
        collect_change_notices(changes=[cancelled])

    assert ChangeNotice.objects.count() == 0


def test_reimport_that_moves_a_session_opens_one_notice_per_person(import_setting, programme_csv):
    rows = [{"title": "Opening circle"}, {"title": "Zine making", "room": "Studio"}]
    with time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=LONDON), tick=False):
        import_programme(festival=import_setting.festival, content=programme_csv(*rows))
        zines = Session.objects.get(ref="S02")
        ann, bea = person("Ann A"), person("Bea B")
        going(ann, zines)
        waiting(bea, zines, position=1)
        going(bea, Session.objects.get(ref="S01"))
        rows[1] = {"title": "Zine making", "room": "Hall", "start": "11:30", "end": "12:30"}

        import_programme(festival=import_setting.festival, content=programme_csv(*rows))

    due = datetime(2027, 6, 1, 9, 10, tzinfo=LONDON)
    assert open_notices() == [
        ("ann@example.org", due, ["moved zine-making"]),
        ("bea@example.org", due, ["moved zine-making"]),
    ]


def test_admin_edit_that_moves_a_session_opens_one_notice_per_person(programme, admin_client):
    ann, bea = person("Ann A"), person("Bea B")
    going(ann, programme.trust)
    going(bea, programme.trust)
    going(bea, programme.care)

    response = admin_client.post(
        reverse("admin:events_session_change", args=[programme.trust.pk]),
        session_form(programme.trust, start=at(22, 11, 30), end=at(22, 12, 30),
                     room=programme.warehouse.pk),
    )  # fmt: skip

    assert response.status_code == 302
    assert open_notices() == [
        ("ann@example.org", NOW + WINDOW, ["moved trust-first"]),
        ("bea@example.org", NOW + WINDOW, ["moved trust-first"]),
    ]
