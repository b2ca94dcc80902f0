"""The festival's emails that have not gone out, for its organisers: outbox messages,
reminders and change notices in one list, each saying what it was, who it was for, how often
we tried and what is happening to it now."""

from dataclasses import dataclass
from datetime import datetime

from events.change_notices.selectors import troubled_change_notices
from events.models import Session
from events.reminders.selectors import troubled_reminders
from festival.models import Festival
from festival.outbox.kinds import label_of
from festival.outbox.selectors import troubled_messages

GAVE_UP, RETRYING, OVERDUE = "gave-up", "retrying", "overdue"
STATE_WORDS = {GAVE_UP: "Gave up", RETRYING: "Next try", OVERDUE: "Owed since"}
# The page shows this many at most: with the mail server down for an hour before a big day,
# thousands are owed, and the organiser needs the fact, not the whole list.
SHOWN = 50


@dataclass(frozen=True)
class Undelivered:
    who: str
    email: str
    what: str
    session: Session | None
    attempts: int
    last_error: str
    state: str  # GAVE_UP, RETRYING (next try at `at`) or OVERDUE (owed since `at`)
    at: datetime

    @property
    def state_words(self) -> str:
        """What `at` is, in words, to put before it: "Gave up", "Next try", "Owed since"."""
        return STATE_WORDS[self.state]


def undelivered(row, *, who: str, email: str, what: str, session=None) -> Undelivered:
    """`row`: any mail row (attempts, last_error, due_at, failed_at)."""
    if row.failed_at:
        state, at = GAVE_UP, row.failed_at
    else:
        state, at = (RETRYING if row.attempts else OVERDUE), row.due_at
    return Undelivered(who, email, what, session, row.attempts, row.last_error, state, at)


@dataclass(frozen=True)
class UndeliveredList:
    rows: list[Undelivered]
    more: bool  # more than SHOWN are owed: only the newest SHOWN are in `rows`


def undelivered_messages(*, festival: Festival, now: datetime) -> UndeliveredList:
    """Newest first, at most SHOWN. Three queries, whatever the number of rows."""
    limit = SHOWN + 1  # one more than shown, to know whether there are more
    found = [
        undelivered(row, who=row.recipient, email=row.recipient, what=label_of(row.kind))
        for row in troubled_messages(festival=festival, now=now)[:limit]
    ]
    for row in troubled_reminders(festival=festival, now=now, limit=limit):
        name = row.user.get_full_name() or row.user.email
        found.append(
            undelivered(row, who=name, email=row.user.email, what=row.label, session=row.session)
        )
    for row in troubled_change_notices(festival=festival, now=now, limit=limit):
        name = row.user.get_full_name() or row.user.email
        found.append(undelivered(row, who=name, email=row.user.email, what="Change notice"))
    found.sort(key=lambda row: row.at, reverse=True)
    return UndeliveredList(rows=found[:SHOWN], more=len(found) > SHOWN)
