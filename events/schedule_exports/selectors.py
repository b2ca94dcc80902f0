"""The one read behind both schedule exports: a festival's whole programme in three queries.

Plain values rather than model instances: a festival can hold thousands of sessions, and
building models and prefetch caches for each would cost more than writing the export.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from events.access.selectors import STANDARD_VOCABULARY, provision_labels, vocabularies_for_rows
from events.models import Session
from events.programme.selectors import room_labels
from festival.models import Festival


@dataclass(frozen=True, slots=True)
class ScheduleRoom:
    pk: int
    name: str
    """The room's name, followed by its venue's when the festival uses several venues."""
    capacity: int | None


@dataclass(frozen=True, slots=True)
class ScheduleSpeaker:
    pk: int
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class ScheduleSession:
    pk: int
    uid: UUID
    title: str
    slug: str
    start: datetime
    end: datetime
    format: str
    status: str
    description: str
    room: ScheduleRoom
    speakers: list[ScheduleSpeaker]
    """By name."""
    themes: list[str]
    """Theme names, by name."""
    access: tuple[str, ...] = ()
    """Provision labels, the room's first (named as the room's)."""
    content_note: str = ""


@dataclass(frozen=True)
class FestivalSchedule:
    festival: Festival
    rooms: list[ScheduleRoom]
    """The rooms that sessions use, in the order of the timetable's columns."""
    sessions: list[ScheduleSession]
    """Every session, cancelled ones too, in time order."""


SESSION_FIELDS = (
    "pk", "uid", "title", "slug", "start", "end", "format", "status", "description",
    "room_id", "room__name", "room__capacity", "room__position", "room__venue__name",
    "festival_id", "access", "room__access", "content_note",
)  # fmt: skip


def festival_schedule(*, festival: Festival) -> FestivalSchedule:
    """Every session of the festival with its room, speakers and themes: three queries,
    however many sessions there are."""
    speakers_of = _speakers_by_session(festival=festival)
    themes_of = _themes_by_session(festival=festival)
    rows = list(
        Session.objects.filter(festival=festival)
        .order_by("start", "room__position", "title", "pk")
        .values(*SESSION_FIELDS)
    )
    rooms = _rooms_of(rows)
    # The festival's own provisions are read only when a session names one.
    vocabulary = vocabularies_for_rows(rows).get(festival.pk, STANDARD_VOCABULARY)
    return FestivalSchedule(
        festival=festival,
        rooms=list(rooms.values()),
        sessions=[
            ScheduleSession(
                pk=row["pk"],
                uid=row["uid"],
                title=row["title"],
                slug=row["slug"],
                start=row["start"],
                end=row["end"],
                format=row["format"],
                status=row["status"],
                description=row["description"],
                room=rooms[row["room_id"]],
                speakers=speakers_of.get(row["pk"], []),
                themes=themes_of.get(row["pk"], []),
                access=provision_labels(
                    vocabulary=vocabulary,
                    session_codes=row["access"] or [],
                    room_codes=row["room__access"] or [],
                ),
                content_note=row["content_note"],
            )
            for row in rows
        ],
    )


def _rooms_of(rows: list[dict]) -> dict[int, ScheduleRoom]:
    """The rooms of these session rows by pk, in column order (venue, position, name)."""
    columns = sorted(
        {
            row["room_id"]: (
                row["room__venue__name"],
                row["room__position"],
                row["room__name"],
                row["room_id"],
                row["room__capacity"],
            )
            for row in rows
        }.values()
    )
    # Apps key a day's rooms by name: two venues' "Hall"s must not become one room.
    names = room_labels([(name, venue) for venue, _, name, _, _ in columns])
    return {
        pk: ScheduleRoom(pk=pk, name=name, capacity=capacity)
        for (_, _, _, pk, capacity), name in zip(columns, names, strict=True)
    }


def _speakers_by_session(*, festival: Festival) -> dict[int, list[ScheduleSpeaker]]:
    # Names and slugs only: an export has no business loading speakers' email addresses.
    speakers: dict[int, ScheduleSpeaker] = {}
    by_session: dict[int, list[ScheduleSpeaker]] = {}
    for session_id, speaker_id, name, slug in (
        Session.speakers.through.objects.filter(session__festival=festival)
        .order_by("speaker__name", "speaker_id")
        .values_list("session_id", "speaker_id", "speaker__name", "speaker__slug")
    ):
        speaker = speakers.get(speaker_id)
        if speaker is None:
            speaker = speakers[speaker_id] = ScheduleSpeaker(pk=speaker_id, name=name, slug=slug)
        by_session.setdefault(session_id, []).append(speaker)
    return by_session


def _themes_by_session(*, festival: Festival) -> dict[int, list[str]]:
    by_session: dict[int, list[str]] = {}
    for session_id, name in (
        Session.themes.through.objects.filter(session__festival=festival)
        .order_by("tag__name", "tag_id")
        .values_list("session_id", "tag__name")
    ):
        by_session.setdefault(session_id, []).append(name)
    return by_session
