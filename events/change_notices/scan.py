"""The scan: send the change notices whose window has closed, each exactly once.

Beat runs it every minute (events.scan_change_notices). Like the reminder scan, it claims due
notices in small batches with select_for_update(skip_locked=True), so any number of scans can
run at once, and marks each sent in the transaction that holds its claim.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from events.change_notices.emails import change_notice_message
from events.change_notices.presenters import SessionChangeSummary, summarise_session_changes
from events.models import Attendance, ChangeNotice, ReminderSettings, ScheduleChange
from events.models.reminder import NOTICE_WAITING
from festival.outbox.retries import record_failure

logger = logging.getLogger(__name__)


def send_due_change_notices(*, now: datetime | None = None, batch_size: int = 1) -> int:
    """Send every open change notice due by `now` (default: the time it starts).

    Side effects, per notice, in the transaction that claimed it: one email (plain text and
    HTML, with the .ics of each changed session the person has a place on) and `sent_at`
    set; or, if sending failed, `attempts` +1, `last_error`, and `due_at` pushed back 1, 2,
    4, 8… minutes (at most 30), and after the fifth failure `failed_at` set. A notice left
    with nothing to tell (sessions moved back, bookings cancelled, the person has opted out
    since) is deleted unsent. Returns the number of emails sent.

    One notice per transaction by default, as the reminder scan does: a worker killed, or a
    statement failing, after an email has gone then rolls back that one notice at most,
    never a batch of emails already sent; and a person's open notice is locked only while
    its own email is sent.
    """
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            batch = claim_due_notices(now=now, batch_size=batch_size)
            if not batch:
                return sent
            sent += send_claimed_notices(batch, now=now)


def claim_due_notices(*, now: datetime, batch_size: int) -> list[ChangeNotice]:
    """Lock up to `batch_size` due open notices that no other scan holds."""
    return list(
        ChangeNotice.objects.filter(NOTICE_WAITING, due_at__lte=now)
        .select_for_update(skip_locked=True)
        # due_at alone: the partial index change_notice_waiting_due is then read in order and
        # the scan stops at the first free row (adding pk forces a sort of every due row).
        .order_by("due_at")[:batch_size]
    )


def send_claimed_notices(batch: list[ChangeNotice], *, now: datetime) -> int:
    summaries = summaries_of_notices(batch)
    sent = 0
    for notice in batch:
        items = summaries[notice.pk]
        if not items:
            notice.delete()
            continue
        try:
            with transaction.atomic():
                change_notice_message(notice.user, items).send()
        except Exception as error:
            logger.warning("Change notice %s not sent", notice.pk, exc_info=True)
            record_failure(notice, error=error, now=now)
            continue
        notice.sent_at = now
        notice.save(update_fields=["sent_at"])
        sent += 1
    return sent


def summaries_of_notices(batch: list[ChangeNotice]) -> dict[int, list[SessionChangeSummary]]:
    """What each notice says, session by session, in a fixed number of queries."""
    prefetch_related_objects(
        batch,
        "user",
        Prefetch(
            "changes",
            queryset=ScheduleChange.objects.select_related(
                "session__festival", "session__room", "old_room"
            ).order_by("created_at", "pk"),
        ),
    )
    user_ids = {notice.user_id for notice in batch}
    opted_out = set(
        ReminderSettings.objects.filter(user_id__in=user_ids, change_notices=False).values_list(
            "user_id", flat=True
        )
    )
    attendances = {
        (attendance.user_id, attendance.session_id): attendance
        for attendance in Attendance.objects.active().filter(
            user_id__in=user_ids,
            session_id__in={change.session_id for n in batch for change in n.changes.all()},
        )
    }
    summaries: dict[int, list[SessionChangeSummary]] = {}
    for notice in batch:
        changes_of_session: dict[int, list[ScheduleChange]] = {}
        for change in notice.changes.all():
            changes_of_session.setdefault(change.session_id, []).append(change)
        items = []
        if notice.user_id not in opted_out and notice.user.is_active:
            for session_id, changes in changes_of_session.items():
                attendance = attendances.get((notice.user_id, session_id))
                if attendance is None:  # cancelled the booking since
                    continue
                attendance.session = changes[0].session
                summary = summarise_session_changes(
                    session=changes[0].session, changes=changes, attendance=attendance
                )
                if summary is not None:
                    items.append(summary)
        items.sort(key=lambda item: (item.session.start, item.session.title))
        summaries[notice.pk] = items
    return summaries
