"""Writing a checked plan: all or nothing, with the same calendar rules as any other change."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from events.bookings.services import promote_from_waitlist
from events.enums import SessionStatus
from events.importing.plan import ImportPlan, SessionPlan, plan_import
from events.models import Session
from events.programme.services import record_session_changes, record_sessions_added
from events.programme.stamp import touch_programmes
from festival.models import Festival, Speaker, Tag

UPDATED_FIELDS = (
    "event",
    "title",
    "start",
    "end",
    "room",
    "format",
    "description",
    "capacity",
    "status",
    "access",
    "content_note",
)
# bulk_update writes one CASE per field over the whole batch: its cost grows with the square
# of the batch, so a few hundred rows at a time is faster than all at once.
UPDATE_BATCH_SIZE = 200


class ImportRejected(Exception):
    """The file has errors: nothing was written. `plan.errors` lists them all."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"The file has {len(plan.errors)} problems; nothing was imported.")
        self.plan = plan


class ProgrammeChangedSincePreview(Exception):
    """Someone changed the programme between the check and the import: nothing was written.

    `plan` is what the import would do now; show it and ask again.
    """

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("The programme changed since the file was checked; nothing was imported.")
        self.plan = plan


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    cancelled: int
    schedule_changes: int
    new_speakers: int
    new_themes: int

    def summary(self) -> str:
        """E.g. "3 added, 1 changed, 40 unchanged"; cancellations only when there were some."""
        text = f"{self.added} added, {self.changed} changed, {self.unchanged} unchanged"
        if self.cancelled:
            text += f", {self.cancelled} cancelled as missing from the file"
        return text


def apply_import(*, plan: ImportPlan, planned_under_lock: bool = False) -> ImportResult:
    """Import a checked programme file, all or nothing.

    Inside one transaction, with the festival row locked so two imports queue: checks the file
    again against the database as it is now, then creates tags, speakers and sessions, updates
    changed sessions (their uid and slug kept), renames speakers, sets each session's speakers
    and themes to the file's, and (with `plan.cancel_missing`) cancels sessions the file does
    not mention. Every change a calendar shows goes through `record_session_changes` (sequence
    +1, a ScheduleChange); sessions added to a festival that already had some are logged with
    `record_sessions_added`.

    Raises ImportRejected if the file has errors, and ProgrammeChangedSincePreview if the
    import would now do something other than `plan` said; either way nothing is written.

    `planned_under_lock`: the caller made `plan` inside its own transaction, holding the
    festival's row (`select_for_update`), so nothing can have changed since: it is written
    without checking it again (the schedule editor's edits, which plan and write at once).
    """
    if not plan.is_valid:
        raise ImportRejected(plan)
    if planned_under_lock:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("planned_under_lock needs the caller's transaction and lock.")
        return write_plan(plan)
    with transaction.atomic():
        Festival.objects.select_for_update().filter(pk=plan.festival.pk).exists()
        fresh = plan_import(
            festival=plan.festival,
            content=plan.content,
            cancel_missing=plan.cancel_missing,
            focus_on_rows=plan.focused,
        )
        if not fresh.is_valid:
            raise ImportRejected(fresh)
        if fresh.fingerprint != plan.fingerprint:
            raise ProgrammeChangedSincePreview(fresh)
        return write_plan(fresh)


def import_programme(
    *, festival: Festival, content: str | bytes, cancel_missing: bool = False
) -> ImportResult:
    """Check and import a programme file in one go (see `apply_import` for what it writes)."""
    return apply_import(
        plan=plan_import(festival=festival, content=content, cancel_missing=cancel_missing)
    )


def write_plan(plan: ImportPlan) -> ImportResult:
    state = plan.state
    assert state is not None, "a valid plan has loaded the festival's programme"
    now = timezone.now()
    tags_by_slug = create_themes(plan)
    speakers_by_key = create_speakers(plan)

    added, changed = plan.added, plan.changed
    new_sessions = [build_session(session_plan) for session_plan in added]
    Session.objects.bulk_create(new_sessions)

    updated = [update_session(session_plan, now) for session_plan in changed]
    cancelled = []
    for session in plan.missing_to_cancel:
        cancelled.append((session, state.times_of(session)))
        session.status = SessionStatus.CANCELLED
        session.updated_at = now
        updated.append((session, ("status",)))
    save_updated_sessions(updated)

    relinked = [*zip(added, new_sessions, strict=True)]
    relinked += [(session_plan, session_plan.session) for session_plan in changed]
    replace_speakers(relinked, speakers_by_key)
    replace_themes(relinked, tags_by_slug)

    moved = [(session_plan.session, session_plan.old_times) for session_plan in changed]
    logged = record_session_changes(changes=[*moved, *cancelled])
    if plan.had_sessions:
        logged += record_sessions_added(sessions=new_sessions)
    schedule_changes = len(logged)

    for session_plan in changed:
        if places_may_have_opened(session_plan):
            promote_from_waitlist(session=session_plan.session)
    if new_sessions or changed or cancelled or plan.renamed_speakers:
        # Bulk writes send no signals: move the feeds' stamp here, and only when something
        # was written, so an unchanged re-import leaves every feed byte-identical.
        touch_programmes([plan.festival.pk])
    return ImportResult(
        added=len(new_sessions),
        changed=len(changed),
        unchanged=len(plan.unchanged),
        cancelled=len(cancelled),
        schedule_changes=schedule_changes,
        new_speakers=len(plan.new_speakers),
        new_themes=len(plan.new_themes),
    )


def places_may_have_opened(session_plan: SessionPlan) -> bool:
    """More places, or a cancelled session back on: the waitlist may move up."""
    old, new = session_plan.old_capacity, session_plan.capacity
    more_places = old is not None and (new is None or new > old)
    restored = (
        session_plan.old_times is not None
        and session_plan.old_times.status == SessionStatus.CANCELLED
        and session_plan.status == SessionStatus.SCHEDULED
    )
    return more_places or restored


def create_themes(plan: ImportPlan) -> dict[str, Tag]:
    """Tags by slug for every theme in the file, creating the new ones."""
    assert plan.state is not None
    wanted = {theme.slug for session_plan in plan.sessions for theme in session_plan.themes}
    if not plan.new_themes:
        return {slug: plan.state.tags_by_slug[slug] for slug in wanted}
    # Tags are shared by all festivals: another festival's import may create one meanwhile.
    Tag.objects.bulk_create(
        [Tag(name=theme.name, slug=theme.slug) for theme in plan.new_themes],
        ignore_conflicts=True,
    )
    return {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}


def create_speakers(plan: ImportPlan) -> dict[str, Speaker]:
    """Speakers by lower-case email for every speaker in the file: new ones created, renamed
    ones saved with the file's spelling."""
    assert plan.state is not None
    new_speakers = [
        Speaker(festival=plan.festival, name=speaker.name, email=speaker.email, slug=speaker.slug)
        for speaker in plan.new_speakers
    ]
    Speaker.objects.bulk_create(new_speakers)
    for speaker, name in plan.renamed_speakers:
        speaker.name = name
    Speaker.objects.bulk_update([speaker for speaker, _name in plan.renamed_speakers], ["name"])
    speakers = dict(plan.state.speakers_by_email)
    speakers.update({speaker.email.lower(): speaker for speaker in new_speakers})
    return speakers


def build_session(session_plan: SessionPlan) -> Session:
    session = Session(slug=session_plan.slug, ref=session_plan.ref)
    set_values(session, session_plan)
    # bulk_create skips Session.save(), which copies the festival from the event.
    session.festival_id = session_plan.event.festival_id
    return session


def update_session(session_plan: SessionPlan, now: datetime) -> tuple[Session, tuple[str, ...]]:
    """The session with the row's values, and the names of the fields that changed."""
    session = session_plan.session
    assert session is not None
    attnames = {name: Session._meta.get_field(name).attname for name in UPDATED_FIELDS}
    before = {name: getattr(session, attname) for name, attname in attnames.items()}
    set_values(session, session_plan)
    session.updated_at = now
    changed = tuple(
        name for name, attname in attnames.items() if getattr(session, attname) != before[name]
    )
    return session, changed


def save_updated_sessions(updated: list[tuple[Session, tuple[str, ...]]]) -> None:
    """One bulk update per set of changed fields: a whole programme moved by half an hour only
    rewrites start and end."""
    by_fields: dict[tuple[str, ...], list[Session]] = defaultdict(list)
    for session, fields in updated:
        by_fields[fields].append(session)
    for fields, sessions in by_fields.items():
        Session.objects.bulk_update(sessions, [*fields, "updated_at"], batch_size=UPDATE_BATCH_SIZE)


def set_values(session: Session, session_plan: SessionPlan) -> None:
    session.event = session_plan.event
    session.room = session_plan.room
    session.title = session_plan.title
    session.start = session_plan.start
    session.end = session_plan.end
    session.format = session_plan.format
    session.description = session_plan.description
    session.capacity = session_plan.capacity
    session.status = session_plan.status
    session.access = list(session_plan.access)
    session.content_note = session_plan.content_note


def replace_speakers(
    relinked: list[tuple[SessionPlan, Session]], speakers_by_key: dict[str, Speaker]
) -> None:
    """Set each new or changed session's speakers to exactly the file's, in two queries."""
    link = Session.speakers.through
    redo = [(plan, session) for plan, session in relinked if plan.is_new or plan.speakers_changed]
    link.objects.filter(
        session_id__in=[session.pk for plan, session in redo if not plan.is_new]
    ).delete()
    link.objects.bulk_create(
        link(session_id=session.pk, speaker_id=speakers_by_key[speaker.key].pk)
        for plan, session in redo
        for speaker in plan.speakers
    )


def replace_themes(
    relinked: list[tuple[SessionPlan, Session]], tags_by_slug: dict[str, Tag]
) -> None:
    """Set each new or changed session's themes to exactly the file's, in two queries."""
    link = Session.themes.through
    redo = [(plan, session) for plan, session in relinked if plan.is_new or plan.themes_changed]
    link.objects.filter(
        session_id__in=[session.pk for plan, session in redo if not plan.is_new]
    ).delete()
    link.objects.bulk_create(
        link(session_id=session.pk, tag_id=tags_by_slug[theme.slug].pk)
        for plan, session in redo
        for theme in plan.themes
    )
