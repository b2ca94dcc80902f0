"""Reads of the schedule editor: drafts, the session as an organiser last left it, history."""

from datetime import date

from django.db.models import QuerySet

from events.enums import PendingChangeState
from events.importing.exports import session_row
from events.models import PendingChange, Session
from events.programme.selectors import day_bounds
from festival.models import Festival, Room


def drafts_of(*, festival: Festival, excluding: str = "") -> list[PendingChange]:
    """The festival's unpublished changes (but the one with ref `excluding`), oldest first,
    with who made them."""
    return list(
        PendingChange.objects.drafts()
        .filter(festival=festival)
        .exclude(ref=excluding)
        .select_related("edited_by", "session")
        .order_by("created_at", "pk")
    )


def placed_drafts(drafts: list[PendingChange]) -> list[PendingChange]:
    """The drafts that change the timetable (not the new sessions waiting in the tray)."""
    return [draft for draft in drafts if draft.is_placed]


def draft_with_ref(*, festival: Festival, ref: str) -> PendingChange | None:
    return (
        PendingChange.objects.drafts()
        .filter(festival=festival, ref=ref)
        .select_related("edited_by", "session")
        .first()
    )


def sessions_for_editing(*, festival: Festival) -> QuerySet[Session]:
    """Sessions with what a row of the import needs: event, room, speakers, themes."""
    return (
        Session.objects.filter(festival=festival)
        .select_related("festival", "event", "room")
        .prefetch_related("speakers", "themes")
    )


def sessions_on_day(*, festival: Festival, day: date) -> list[Session]:
    """The day's sessions (cancelled ones too), in time order, with their rooms."""
    starts, ends = day_bounds(festival=festival, day=day)
    return list(
        Session.objects.filter(festival=festival, start__gte=starts, start__lt=ends)
        .select_related("room")
        .order_by("start", "room__position", "room__name", "pk")
    )


def rooms_of(*, festival: Festival) -> list[str]:
    """The names of the rooms at the festival's venues, in the venues' order."""
    return list(
        Room.objects.filter(venue__events__festival=festival)
        .order_by("venue__name", "position", "name")
        .values_list("name", flat=True)
        .distinct()
    )


def session_with_slug(*, festival: Festival, slug: str) -> Session | None:
    """The session alone (a write reads it again, locked, with what it needs)."""
    return Session.objects.filter(festival=festival, slug=slug).first()


def session_to_edit(*, festival: Festival, slug: str) -> Session | None:
    return sessions_for_editing(festival=festival).filter(slug=slug).first()


def published_row(session: Session) -> dict[str, str]:
    return session_row(session, zone=session.festival.zone)


def last_edit(*, festival: Festival, ref: str) -> PendingChange | None:
    """The latest draft or published edit of the session with `ref`, for "changed by"."""
    return (
        PendingChange.objects.filter(festival=festival, ref=ref)
        .exclude(state=PendingChangeState.DISCARDED)
        .select_related("edited_by", "published_by")
        .order_by("-updated_at", "-pk")
        .first()
    )


def history_of(*, session: Session) -> list[PendingChange]:
    """The published edits of a session made in the browser, newest first: who and when."""
    return list(
        PendingChange.objects.filter(session=session, state=PendingChangeState.PUBLISHED)
        .select_related("edited_by", "published_by")
        .order_by("-published_at", "-pk")
    )
