"""Changes gather on each attendee's one open notice until its window closes."""

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import Attendance, ChangeNotice, ScheduleChange

# Tries at giving everyone an open notice before giving up: a second is needed only when a
# notice created by a concurrent writer was sent between our insert and our lock (which
# needs a debounce window of about nothing); a third would need that twice.
OPEN_NOTICE_TRIES = 3


def collect_change_notices(*, changes: Sequence[ScheduleChange]) -> None:
    """Add each change to the open notice of every person booked or waiting on its session.

    Side effects: a ChangeNotice, due CHANGE_NOTICE_DEBOUNCE_MINUTES from now, for each such
    person who has no open one; each change linked to the notices of that session's
    attendees. People who turned change notices off (ReminderSettings.change_notices) get
    nothing; no ReminderSettings row means they want them. A fixed number of queries however
    many changes and people. Runs inside the caller's transaction and locks the open notices
    it adds to, so a scan cannot send one half-written.
    """
    if not changes:
        return
    changes_of_session: dict[int, list[ScheduleChange]] = {}
    for change in changes:
        changes_of_session.setdefault(change.session_id, []).append(change)
    with transaction.atomic(savepoint=False):
        wanted = attendees_wanting_notices(session_ids=list(changes_of_session))
        if not wanted:
            return
        notice_of_user = open_notices_locked(user_ids={user_id for user_id, _session in wanted})
        ChangeNotice.changes.through.objects.bulk_create(
            [
                ChangeNotice.changes.through(
                    changenotice_id=notice_of_user[user_id], schedulechange_id=change.pk
                )
                for user_id, session_id in wanted
                for change in changes_of_session[session_id]
            ],
            ignore_conflicts=True,
        )


def attendees_wanting_notices(*, session_ids: list[int]) -> list[tuple[int, int]]:
    """(user id, session id) of everyone going or waiting on the sessions, except those who
    turned change notices off: one query."""
    return list(
        Attendance.objects.active()
        .filter(session_id__in=session_ids, user__is_active=True)
        .filter(
            Q(user__reminder_settings__isnull=True)
            | Q(user__reminder_settings__change_notices=True)
        )
        .order_by("user_id", "session_id")
        .values_list("user_id", "session_id")
    )


def open_notices_locked(*, user_ids: set[int]) -> dict[int, int]:
    """The id of each person's open notice, locked until the transaction ends; opened where
    missing.

    Locking waits for a scan that is sending one of them; once it is sent it is no longer
    open, so the person gets a new one. Two writers may both find someone without an open
    notice: the partial unique constraint lets only one insert through (the other's insert
    is ignored, in the same query for everyone), and both then lock that one notice.
    """
    due_at = timezone.now() + timedelta(minutes=settings.CHANGE_NOTICE_DEBOUNCE_MINUTES)
    found = locked_open_notices(user_ids)
    for _try in range(OPEN_NOTICE_TRIES):
        missing = user_ids - found.keys()
        if not missing:
            return found
        ChangeNotice.objects.bulk_create(
            [ChangeNotice(user_id=user_id, due_at=due_at) for user_id in sorted(missing)],
            ignore_conflicts=True,
        )
        found |= locked_open_notices(missing)
    raise RuntimeError(
        f"Could not open a change notice for users {sorted(user_ids - found.keys())}: their "
        "notices kept being sent as they were opened. Is CHANGE_NOTICE_DEBOUNCE_MINUTES 0?"
    )


def locked_open_notices(user_ids: set[int]) -> dict[int, int]:
    # In id order, so that two writers lock shared notices in the same order (no deadlock).
    return dict(
        ChangeNotice.objects.filter(user_id__in=user_ids, sent_at=None, failed_at=None)
        .select_for_update()
        .order_by("pk")
        .values_list("user_id", "pk")
    )
