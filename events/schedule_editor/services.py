"""Writes of the schedule editor: drafts, publishing, moves, cancellations and deletions.

Every edit is a row in the import's own columns, checked by the import's own rules
(`plan_import`) and, when published, written by the import (`apply_import`): so a form, a drag
in the editor and a CSV row can never disagree, and every published change takes the one path
that bumps SEQUENCE, logs "What's changed", reschedules reminders and collects change notices.

Edits of one festival queue on its row (`select_for_update`), as imports do; an edit of a
session also locks the session's row, as a booking does, so a move and a booking never
interleave.
"""

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from events.enums import AttendanceStatus, PendingChangeState, SessionStatus
from events.importing import (
    ALL_COLUMNS,
    COLUMNS,
    ImportPlan,
    Problem,
    apply_import,
    escape_formula,
    plan_import,
)
from events.importing.exports import rows_as_csv
from events.importing.text import OPTIONAL_COLUMNS
from events.models import Attendance, PendingChange, ScheduleChange, Session
from events.models.pending_change import PLACEMENT
from events.schedule_editor.selectors import (
    drafts_of,
    last_edit,
    placed_drafts,
    published_row,
    sessions_for_editing,
)
from festival.models import Festival, User

Row = dict[str, str]

# "(10:00-11:00, line 3)": a line of the file the editor wrote, which no organiser has seen.
LINE_MENTION = re.compile(r", line \d+\)")
NEW_REF_ATTEMPTS = 5


class EditRefused(Exception):
    """The edit breaks a rule of the programme: nothing was written. `problems` says why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class EditConflict(Exception):
    """The session changed since the organiser opened it: nothing was written.

    `theirs` is the session as it stands now (its draft, if it has one), `by` and `at` who
    changed it last and when, as far as the editor knows.
    """

    def __init__(self, *, theirs: Row | None, version: str, by: str, at: datetime | None) -> None:
        when = f" at {at:%H:%M} on {at:%d %b}" if at else ""
        super().__init__(f"This session was changed by {by}{when} since you opened it.")
        self.theirs = theirs
        self.version = version
        self.by = by
        self.at = at


@dataclass(frozen=True)
class EditSaved:
    ref: str
    published: bool
    changed: bool
    warnings: list[str] = field(default_factory=list)
    # The row as saved (cells trimmed), the session's version now, and the row before.
    row: Row = field(default_factory=dict)
    version: str = ""
    before: Row | None = None


@dataclass(frozen=True)
class Published:
    count: int
    warnings: list[str] = field(default_factory=list)


def version_of(session: Session | None, draft: PendingChange | None) -> str:
    """What a form or a drag carries to say which state of a session it started from: its
    draft's, if it has one, else the published session's ("new" for a new session). Both
    move on every save (`updated_at`), so any change since, by anyone, is seen."""
    if draft is not None:
        return f"draft-{draft.pk}@{stamp(draft.updated_at)}"
    if session is not None:
        return f"session-{session.pk}@{stamp(session.updated_at)}"
    return "new"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%f")


def fingerprint(row: Row | None) -> str:
    """A row's cells, hashed: equal rows have equal fingerprints ("new" for no row)."""
    if row is None:
        return "new"
    cells = json.dumps([row.get(column, "") for column in ALL_COLUMNS])
    return hashlib.sha256(cells.encode()).hexdigest()[:32]


def save_session_edit(
    *,
    festival: Festival,
    session: Session | None,
    row: Row | None = None,
    change: Callable[[Row], Row] | None = None,
    started_from: str,
    by: User,
    publish: bool,
    draft_ref: str = "",
) -> EditSaved:
    """Save an organiser's edit of `session` (None for a new session, or for the draft of a
    new session named by `draft_ref`) as a draft, or publish it.

    `row` holds the import's columns as the form gave them, or `change` makes the row from
    the session as it stands (a move, a cancellation: only what they change is theirs);
    `started_from` is the `version_of` the session the form showed. Publishes when
    `publish` is true or the festival publishes each change at once.

    Side effects, in one transaction with the festival's and the session's rows locked: a
    draft PendingChange created, changed, or deleted when the row is back to the published
    session; or, when publishing, the row applied by `apply_import` (sequence +1, "What's
    changed", reminders, change notices, waitlist promotions) and the PendingChange kept as
    published, with the ScheduleChange rows naming the organiser. A session with no ref gets
    one (the import matches on it). Raises EditConflict when the session changed since
    `started_from`, and EditRefused with the import's messages when the row breaks a rule:
    either way nothing is written.
    """
    with transaction.atomic():
        lock_festival(festival)
        if session is not None:
            session = locked_session(festival=festival, pk=session.pk)
            ref = ensure_ref(session)
        else:
            ref = draft_ref or new_ref(festival)
        # Every draft at once: this session's, and the others it must not clash with.
        drafts = drafts_of(festival=festival)
        draft = next((each for each in drafts if each.ref == ref), None)
        if session is None and draft_ref and draft is None:
            raise EditRefused(["This new session was published or discarded meanwhile."])
        base = published_row(session) if session is not None else None
        current = draft.row if draft is not None else base
        if version_of(session, draft) != started_from:
            raise conflict_over(
                festival=festival,
                ref=ref,
                current=current,
                session=session,
                version=version_of(session, draft),
            )
        if change is not None:
            if current is None:
                raise EditRefused(["There is no session to change."])
            row = change(current)
        # The optional columns stay out of a row that does not have them: publishing such a
        # row keeps the session's access as it is (see `plan_rows`).
        row = {
            column: str(row.get(column, "")).strip()
            for column in ALL_COLUMNS
            if column in COLUMNS or column in row
        } | {"ref": ref}
        if current is not None and fingerprint(row) == fingerprint(current):
            return EditSaved(ref=ref, published=False, changed=False, row=row, version=started_from)
        if session is None and not any(row[cell] for cell in PLACEMENT):
            return keep_in_tray(festival=festival, draft=draft, row=row, by=by)
        publish = publish or festival.publish_changes_at_once
        others = [] if publish else placed_drafts([each for each in drafts if each.ref != ref])
        plan, warnings = check_row(festival=festival, row=row, others=others)
        if publish:
            started = timezone.now()
            apply_import(plan=plan, planned_under_lock=True)
            keep_published(festival=festival, changes=[(draft, row, base)], by=by, since=started)
            now = Session.objects.get(festival=festival, ref=ref)
            return EditSaved(
                ref=ref,
                published=True,
                changed=True,
                warnings=warnings,
                row=row,
                version=version_of(now, None),
                before=current,
            )
        if draft is not None and base is not None and fingerprint(row) == fingerprint(base):
            draft.delete()  # back to what is published: nothing left to publish
            draft = None
        elif draft is not None:
            # Saved again from what the organiser saw: it now stands on the session as
            # published now (an import may have changed it since the draft began).
            draft.row, draft.edited_by, draft.base_row = row, by, base
            draft.save(update_fields=["row", "edited_by", "base_row", "updated_at"])
        else:
            draft = PendingChange.objects.create(
                festival=festival, session=session, ref=ref, row=row, base_row=base, edited_by=by
            )
        return EditSaved(
            ref=ref,
            published=False,
            changed=True,
            warnings=warnings,
            row=row,
            version=version_of(session, draft),
            before=current,
        )


def keep_in_tray(
    *, festival: Festival, draft: PendingChange | None, row: Row, by: User
) -> EditSaved:
    """A new session with no day, time or room yet: a draft in the editor's tray, checked
    for a title only (the rest is checked when it is placed)."""
    if not row["title"]:
        raise EditRefused(["Title is empty."])
    if draft is None:
        draft = PendingChange(festival=festival, ref=row["ref"], base_row=None)
    draft.row, draft.edited_by = row, by
    draft.save()
    return EditSaved(
        ref=row["ref"],
        published=False,
        changed=True,
        row=row,
        version=version_of(None, draft),
        before=None,
    )


def publish_drafts(*, festival: Festival, by: User, note: str = "") -> Published:
    """Publish every draft of the festival at once, with an optional note for "What's changed".

    New sessions still in the tray (not placed) stay drafts. Side effects, in one
    transaction: the drafts' rows applied together by `apply_import`
    (one SEQUENCE step and one "What's changed" entry per session that calendars see change,
    one change notice per person), each draft kept as published, the ScheduleChange rows
    naming the organiser and carrying the note. Raises EditRefused, writing nothing, when
    there is nothing to publish or the drafts together break a rule (for example two moved
    into one room at one time, or a change published meanwhile clashes with one).
    """
    with transaction.atomic():
        lock_festival(festival)
        drafts = placed_drafts(drafts_of(festival=festival))
        if not drafts:
            raise EditRefused(["There are no unpublished changes to publish."])
        overtaken = []
        for draft in drafts:
            if draft.session_id is not None:
                session = locked_session(festival=festival, pk=draft.session_id)
                if fingerprint(published_row(session)) != fingerprint(draft.base_row):
                    overtaken.append(draft)
        if overtaken:
            # An import or the admin changed these after the drafts were made: publishing a
            # draft would silently undo that change.
            raise EditRefused(
                [
                    f"“{draft.row['title']}” was changed (by an import or in the admin) after "
                    "this draft was made: open it and save it again to keep your version, or "
                    "discard it."
                    for draft in overtaken
                ]
            )
        plan, starts = plan_rows(festival=festival, rows=[draft.row for draft in drafts])
        if plan.errors:
            raise EditRefused(
                [
                    worded(problem, starts=starts, rows=[d.row for d in drafts])
                    for problem in plan.errors
                ]
            )
        started = timezone.now()
        apply_import(plan=plan, planned_under_lock=True)
        keep_published(
            festival=festival,
            changes=[(draft, draft.row, draft.base_row) for draft in drafts],
            by=by,
            note=note.strip(),
            since=started,
        )
        warnings = [
            worded(problem, starts=starts, rows=[d.row for d in drafts])
            for problem in plan.warnings
        ]
        return Published(count=len(drafts), warnings=warnings)


def discard_drafts(*, festival: Festival, refs: list[str] | None = None) -> int:
    """Throw away the festival's drafts (or those with `refs`); the published programme is
    untouched. Returns how many were discarded."""
    with transaction.atomic():
        lock_festival(festival)
        drafts = PendingChange.objects.drafts().filter(festival=festival)
        if refs is not None:
            drafts = drafts.filter(ref__in=refs)
        return drafts.update(state=PendingChangeState.DISCARDED, updated_at=timezone.now())


def delete_session(*, festival: Festival, session: Session) -> None:
    """Delete a session nobody has a place on or waits for; its draft goes with it.

    Raises EditRefused, deleting nothing, when someone has booked it: cancel it instead, so
    they hear of it. "What's changed" keeps its entries (the log outlives the session).
    """
    with transaction.atomic():
        lock_festival(festival)
        session = locked_session(festival=festival, pk=session.pk)
        booked = Attendance.objects.filter(
            session=session,
            status__in=[AttendanceStatus.GOING, AttendanceStatus.WAITLISTED],
        ).count()
        if booked:
            people = ngettext("%(count)s person has", "%(count)s people have", booked) % {
                "count": booked
            }
            raise EditRefused(
                [
                    f"{people} a place on “{session.title}” or wait for one: cancel the "
                    "session instead, so that they hear of it."
                ]
            )
        if session.ref:
            discard_drafts(festival=festival, refs=[session.ref])
        session.delete()


def with_status(row: Row, status: str) -> Row:
    """The row cancelled ("cancelled") or back on (""), as the import writes a status."""
    return row | {"status": "cancelled" if status == SessionStatus.CANCELLED else ""}


def moved(row: Row, *, room: str, date: str, start: str, end: str) -> Row:
    return row | {"room": room, "date": date, "start": start, "end": end}


def check_row(
    *, festival: Festival, row: Row, others: list[PendingChange]
) -> tuple[ImportPlan, list[str]]:
    """The plan of `row` alone, and its warnings; raises EditRefused with the problems the
    row brings, against the published programme and the other drafts (which it comes after,
    so that their own problems, already there without it, are not laid at its door)."""
    plan, starts = plan_rows(festival=festival, rows=[row])
    rows = [row]
    problems = list(plan.errors)
    if others and not problems:
        rows = [other.row for other in others] + [row]
        together, starts = plan_rows(festival=festival, rows=rows)
        before, _ = plan_rows(festival=festival, rows=rows[:-1])
        already = {problem.message for problem in before.errors}
        problems = [problem for problem in together.errors if problem.message not in already]
    if problems:
        raise EditRefused([worded(problem, starts=starts, rows=rows) for problem in problems])
    warnings = [worded(problem, starts=starts[:1], rows=[row]) for problem in plan.warnings]
    return plan, warnings


def plan_rows(*, festival: Festival, rows: list[Row]) -> tuple[ImportPlan, list[int]]:
    """The import's plan of these rows (sessions they do not mention are left alone), and the
    line each row starts on in the file written for it."""
    rows = with_optional_cells(festival=festival, rows=rows)
    content, starts = rows_as_csv(
        [[escape_formula(row.get(column, "")) for column in ALL_COLUMNS] for row in rows]
    )
    return plan_import(festival=festival, content=content, focus_on_rows=True), starts


def with_optional_cells(*, festival: Festival, rows: list[Row]) -> list[Row]:
    """The rows, each with every optional column: a row without one (a draft saved before the
    column existed) takes its session's value, so publishing it keeps the session's access and
    content note rather than clearing them. One query, and none when no row lacks one."""
    lacking = [row for row in rows if any(column not in row for column in OPTIONAL_COLUMNS)]
    if not lacking:
        return rows
    current = {
        ref: {"access": "; ".join(access or []), "content_note": content_note}
        for ref, access, content_note in Session.objects.filter(
            festival=festival, ref__in=[row.get("ref", "") for row in lacking]
        ).values_list("ref", "access", "content_note")
    }
    filled = []
    for row in rows:
        published = current.get(row.get("ref", ""), {})
        missing = {
            column: published.get(column, "") for column in OPTIONAL_COLUMNS if column not in row
        }
        filled.append({**row, **missing})
    return filled


def worded(problem: Problem, *, starts: list[int], rows: list[Row]) -> str:
    """An import problem as an organiser reads it on a form: no line numbers of a file they
    never saw; a problem of another draft says which session it is about."""
    message = LINE_MENTION.sub(", an unpublished change)", problem.message)
    message = message.replace(", which is in the programme and not in this file", "")
    message = message[:1].upper() + message[1:]
    index = next((i for i, start in reversed(list(enumerate(starts))) if start <= problem.line), 0)
    if len(rows) > 1 and index != len(rows) - 1:
        return f"“{rows[index].get('title', '')}” (unpublished): {message}"
    return message


def keep_published(
    *,
    festival: Festival,
    changes: list[tuple[PendingChange | None, Row, Row | None]],
    by: User,
    since: datetime,
    note: str = "",
) -> None:
    """After `apply_import`: each change kept as the organisers' history, and the "What's
    changed" entries it wrote naming who made it and carrying the note."""
    now = timezone.now()
    refs = [row["ref"] for _draft, row, _base in changes]
    sessions = {
        session.ref: session
        for session in Session.objects.filter(festival=festival, ref__in=refs).only("pk", "ref")
    }
    for draft, row, base in changes:
        session = sessions.get(row["ref"])
        if draft is None:
            draft = PendingChange(festival=festival, ref=row["ref"], base_row=base, edited_by=by)
        draft.session, draft.row, draft.state = session, row, PendingChangeState.PUBLISHED
        draft.published_by, draft.published_at, draft.note = by, now, note
        draft.save()
    # apply_import wrote them in this transaction, since `since`; the festival's row is
    # locked, so no other writer's entries can be among them.
    ScheduleChange.objects.filter(
        session__in=[session.pk for session in sessions.values()], created_at__gte=since
    ).update(changed_by=by, note=note)


def conflict_over(
    *, festival: Festival, ref: str, current: Row | None, session: Session | None, version: str
) -> EditConflict:
    edit = last_edit(festival=festival, ref=ref)
    # An import or the admin changed the session after the last edit made here.
    if edit is not None and session is not None and session.updated_at > edit.updated_at:
        edit = None
    if edit is not None and edit.edited_by is not None:
        who = edit.edited_by.name or edit.edited_by.email
        return EditConflict(theirs=current, version=version, by=who, at=edit.updated_at)
    at = session.updated_at if session is not None else None
    return EditConflict(
        theirs=current, version=version, by="another organiser (or an import)", at=at
    )


def lock_festival(festival: Festival) -> None:
    Festival.objects.select_for_update().filter(pk=festival.pk).exists()


def locked_session(*, festival: Festival, pk: int) -> Session:
    """The session's row locked, as a booking locks it, with what its row needs."""
    # FOR UPDATE OF the session alone: its festival, event and room rows stay free.
    return sessions_for_editing(festival=festival).select_for_update(of=("self",)).get(pk=pk)


def ensure_ref(session: Session) -> str:
    """The session's ref, given one if it has none (sessions added in the admin may not)."""
    if not session.ref:
        session.ref = new_ref(session.festival)
        Session.objects.filter(pk=session.pk).update(ref=session.ref)
    return session.ref


def new_ref(festival: Festival) -> str:
    """A ref no session or draft of the festival has: "web-" and six hex digits."""
    for _attempt in range(NEW_REF_ATTEMPTS):
        ref = f"web-{secrets.token_hex(3)}"
        taken = (
            Session.objects.filter(festival=festival, ref=ref).exists()
            or PendingChange.objects.filter(festival=festival, ref=ref).exists()
        )
        if not taken:
            return ref
    raise RuntimeError("No free ref after several tries: the festival has very many sessions.")
