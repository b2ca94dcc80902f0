"""Change notices under concurrency: real threads, real PostgreSQL, real row locks."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from events.change_notices.scan import send_due_change_notices
from events.change_notices.services import collect_change_notices
from events.enums import AttendanceStatus
from events.models import Attendance, ChangeNotice, ScheduleChange
from tests.concurrency import run_at_once
from tests.factories import SessionFactory, UserFactory


class SlowBackend(EmailBackend):
    """The test outbox, a few milliseconds a message like a real server, so scans overlap."""

    def send_messages(self, messages):
        time.sleep(0.005)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_send_fifty_due_notices_exactly_once(postgresql_only, settings):
    settings.EMAIL_BACKEND = "tests.events.change_notices.test_scan_concurrency.SlowBackend"
    session = SessionFactory(capacity=None)
    people = UserFactory.create_batch(50)
    for someone in people:
        Attendance.objects.create(user=someone, session=session, status=AttendanceStatus.GOING)
    moved = ScheduleChange.objects.create(
        session=session,
        kind=ScheduleChange.Kind.MOVED,
        old_start=session.start - timedelta(hours=1),
        old_end=session.end - timedelta(hours=1),
        old_room=session.room,
        new_start=session.start,
        new_end=session.end,
        new_room=session.room,
    )
    collect_change_notices(changes=[moved])
    ChangeNotice.objects.update(due_at=timezone.now())

    counts: list[int] = []
    failures = run_at_once(
        [lambda: counts.append(send_due_change_notices(batch_size=5)) for _scan in range(2)]
    )

    assert failures == []
    assert sum(counts) == 50
    recipients = sorted(to for message in mail.outbox for to in message.to)
    assert recipients == sorted(someone.email for someone in people)
    assert ChangeNotice.objects.filter(sent_at=None).count() == 0


@pytest.mark.django_db(transaction=True)
def test_writers_at_once_give_each_person_one_open_notice_with_every_change(postgresql_only):
    sessions = SessionFactory.create_batch(4, capacity=None)
    people = UserFactory.create_batch(20)
    for session in sessions:
        for someone in people:
            Attendance.objects.create(user=someone, session=session, status=AttendanceStatus.GOING)
    changes = [
        ScheduleChange.objects.create(session=session, kind=ScheduleChange.Kind.CANCELLED)
        for session in sessions
    ]

    failures = run_at_once(
        [lambda change=change: collect_change_notices(changes=[change]) for change in changes]
    )

    assert failures == []
    notices = ChangeNotice.objects.filter(sent_at=None, failed_at=None)
    assert sorted(notices.values_list("user_id", flat=True)) == sorted(p.pk for p in people)
    assert {
        notice.user_id: sorted(notice.changes.values_list("pk", flat=True)) for notice in notices
    } == {someone.pk: sorted(change.pk for change in changes) for someone in people}
