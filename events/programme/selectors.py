"""Reads for the public programme pages, each with the prefetches its page needs.

Every list here costs a fixed number of queries, however many sessions, speakers or changes
there are (pinned by tests with django_assert_num_queries).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate

from events.access.selectors import (
    ProvisionShown,
    Vocabulary,
    provides_all,
    provisions_shown,
    vocabulary_of,
)
from events.enums import AttendanceStatus, SessionFormat, SessionStatus
from events.models import Event, ScheduleChange, Session
from festival.models import Festival, Room, Speaker, Tag
from festival.page_cache import PageVersion


@dataclass(frozen=True)
class DayCount:
    day: date
    sessions: int
    cancelled: int


@dataclass(frozen=True)
class ProgrammeFilters:
    """What the visitor narrowed the programme to; empty values filter nothing."""

    format: str = ""
    theme: str = ""
    room: int | None = None
    access: tuple[str, ...] = ()
    """Provision codes: a session matches when it (or its room) provides every one."""

    @property
    def is_active(self) -> bool:
        return bool(self.format or self.theme or self.room or self.access)


@dataclass(frozen=True)
class FilterChoices:
    formats: list[tuple[str, str]]
    themes: list[tuple[str, str]]
    rooms: list[tuple[int, str]]
    access: list[tuple[str, str]] = field(default_factory=list)


def events_of_festival(*, festival: Festival) -> list[Event]:
    return list(festival.events.select_related("venue").order_by("start", "title"))


def session_counts_by_day(*, festival: Festival) -> list[DayCount]:
    """Sessions (and how many of them are cancelled) per local day of the festival."""
    rows = (
        Session.objects.filter(festival=festival)
        .annotate(day=TruncDate("start", tzinfo=festival.zone))
        .values("day")
        .annotate(
            sessions=Count("pk"),
            cancelled=Count("pk", filter=Q(status=SessionStatus.CANCELLED)),
        )
        .order_by("day")
    )
    return [
        DayCount(day=row["day"], sessions=row["sessions"], cancelled=row["cancelled"])
        for row in rows
    ]


def session_day_span(*, festival: Festival) -> tuple[date, date] | None:
    """The local dates of the festival's first and last sessions, or None if it has none.

    One indexed aggregate: cheaper than grouping every session by its local date.
    """
    span = Session.objects.filter(festival=festival).aggregate(
        first=Min("start"), last=Max("start")
    )
    if span["first"] is None:
        return None
    zone = festival.zone
    return span["first"].astimezone(zone).date(), span["last"].astimezone(zone).date()


def day_bounds(*, festival: Festival, day: date) -> tuple[datetime, datetime]:
    """The instants a local festival day starts and ends (23 or 25 hours on clock-change days)."""
    return (
        festival.local_datetime(day, time.min),
        festival.local_datetime(day + timedelta(days=1), time.min),
    )


def programme_filter_choices(
    *, festival: Festival, vocabulary: Vocabulary | None = None
) -> FilterChoices:
    """The formats, themes and rooms this festival's sessions use, and its provisions, for the
    filter form (the provisions read unless `vocabulary` is given)."""
    used_formats = set(
        Session.objects.filter(festival=festival)
        .order_by()
        .values_list("format", flat=True)
        .distinct()
    )
    themes = Tag.objects.filter(sessions__festival=festival).distinct().order_by("name")
    rooms = list(
        Room.objects.filter(sessions__festival=festival)
        .select_related("venue")
        .distinct()
        .order_by("venue__name", "position", "name")
    )
    vocabulary = vocabulary or vocabulary_of(festival=festival)
    return FilterChoices(
        access=[(provision.code, provision.label) for provision in vocabulary.provisions],
        formats=[(value, label) for value, label in SessionFormat.choices if value in used_formats],
        themes=[(tag.slug, tag.name) for tag in themes],
        rooms=list(
            zip(
                [room.pk for room in rooms],
                room_labels([(room.name, room.venue.name) for room in rooms]),
                strict=True,
            )
        ),
    )


def room_labels(rooms: list[tuple[str, str]]) -> list[str]:
    """Labels for (room name, venue name) pairs: the venue is named when there are several."""
    if len({venue for _, venue in rooms}) <= 1:
        return [room for room, _ in rooms]
    return [f"{room} ({venue})" for room, venue in rooms]


@dataclass(frozen=True, slots=True)
class ProgrammeRoom:
    pk: int
    name: str
    position: int
    venue_id: int
    venue_name: str


@dataclass(frozen=True, slots=True)
class ProgrammeSession:
    """A session as the timetable shows it. Plain values rather than model instances: a day
    can hold 500 sessions, and building models and prefetch caches for each costs several
    times more than the rest of the page."""

    pk: int
    title: str
    slug: str
    start: datetime
    end: datetime
    format: str
    capacity: int | None
    status: str
    room: ProgrammeRoom
    speakers: list[tuple[str, str]]
    """(name, slug) pairs, by name."""
    themes: list[str]
    going: int = 0
    """Places taken."""
    provisions: list[ProvisionShown] = field(default_factory=list)
    content_note: str = ""

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.going >= self.capacity


PROGRAMME_FIELDS = (
    "pk", "title", "slug", "start", "end", "format", "capacity", "status",
    "room_id", "room__name", "room__position", "room__venue_id", "room__venue__name",
    "access", "room__access", "content_note",
)  # fmt: skip


def sessions_on_day(
    *,
    festival: Festival,
    day: date,
    filters: ProgrammeFilters,
    vocabulary: Vocabulary | None = None,
) -> list[ProgrammeSession]:
    """The day's sessions (by local start date) in time order, with rooms, speakers and themes.

    Three queries whatever the number of sessions, and one for the festival's provisions
    unless `vocabulary` is given.
    """
    vocabulary = vocabulary or vocabulary_of(festival=festival)
    matching = _sessions_matching(festival=festival, day=day, filters=filters)
    speakers: dict[int, list[tuple[str, str]]] = {}
    for session_id, name, slug in (
        Session.speakers.through.objects.filter(session__in=matching.values("pk"))
        .order_by("speaker__name", "speaker_id")
        .values_list("session_id", "speaker__name", "speaker__slug")
    ):
        speakers.setdefault(session_id, []).append((name, slug))
    themes: dict[int, list[str]] = {}
    for session_id, name in (
        Session.themes.through.objects.filter(session__in=matching.values("pk"))
        .order_by("tag__name", "tag_id")
        .values_list("session_id", "tag__name")
    ):
        themes.setdefault(session_id, []).append(name)

    rooms: dict[int, ProgrammeRoom] = {}
    sessions = []
    # The places taken ride along in the same query, so a full session says so on its card.
    for row in (
        matching.order_by("start", "room__position", "title", "pk")
        .values(*PROGRAMME_FIELDS)
        .annotate(going=Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING)))
    ):
        room = rooms.get(row["room_id"])
        if room is None:
            room = rooms[row["room_id"]] = ProgrammeRoom(
                pk=row["room_id"],
                name=row["room__name"],
                position=row["room__position"],
                venue_id=row["room__venue_id"],
                venue_name=row["room__venue__name"],
            )
        sessions.append(
            ProgrammeSession(
                pk=row["pk"],
                title=row["title"],
                slug=row["slug"],
                start=row["start"],
                end=row["end"],
                format=row["format"],
                capacity=row["capacity"],
                status=row["status"],
                going=row["going"],
                room=room,
                speakers=speakers.get(row["pk"], []),
                themes=themes.get(row["pk"], []),
                provisions=provisions_shown(
                    vocabulary=vocabulary,
                    session_codes=row["access"] or [],
                    room_codes=row["room__access"] or [],
                ),
                content_note=row["content_note"],
            )
        )
    return sessions


def rooms_in_order(sessions: list[ProgrammeSession]) -> list[ProgrammeRoom]:
    """The rooms of these sessions, in the order of the timetable's columns."""
    rooms = {session.room.pk: session.room for session in sessions}
    return sorted(
        rooms.values(), key=lambda room: (room.venue_name, room.position, room.name, room.pk)
    )


def _sessions_matching(*, festival: Festival, day: date, filters: ProgrammeFilters) -> QuerySet:
    start, end = day_bounds(festival=festival, day=day)
    sessions = Session.objects.filter(festival=festival, start__gte=start, start__lt=end)
    if filters.format:
        sessions = sessions.filter(format=filters.format)
    if filters.theme:
        sessions = sessions.filter(themes__slug=filters.theme)
    if filters.room:
        sessions = sessions.filter(room_id=filters.room)
    return provides_all(sessions, filters.access)


def session_of_festival(
    *,
    festival: Festival,
    slug: str,
    related: tuple[str, ...] = (),
    prefetch: tuple[str | Prefetch, ...] = (),
) -> Session | None:
    """The festival's session with this slug, None if it has none: one query, and one more
    for each of `prefetch`. `related` are the foreign keys read in the same query.

    Every page that finds a session by its address asks here, saying what it will show.
    """
    sessions = Session.objects.filter(festival=festival, slug=slug)
    if related:  # select_related() with no names would follow every foreign key
        sessions = sessions.select_related(*related)
    if prefetch:
        sessions = sessions.prefetch_related(*prefetch)
    session = sessions.first()
    if session is not None:
        session.festival = festival  # already loaded: spares a query for links
    return session


def session_for_page(*, festival: Festival, slug: str) -> Session | None:
    """One session with its event, room, venue, speakers, themes and change history."""
    return session_of_festival(
        festival=festival,
        slug=slug,
        related=("event", "event__venue", "room", "room__venue"),
        prefetch=(
            _public_speakers(),
            "themes",
            Prefetch(
                "changes",
                queryset=ScheduleChange.objects.select_related("old_room", "new_room").order_by(
                    "-created_at", "-pk"
                ),
            ),
        ),
    )


def sessions_of_speaker(*, speaker: Speaker) -> list[Session]:
    """A speaker's sessions in time order, with rooms and venues."""
    return list(
        speaker.sessions.select_related("room", "room__venue").order_by(
            "start", "room__position", "title", "pk"
        )
    )


def festival_changes(*, festival: Festival) -> list[ScheduleChange]:
    """The festival's "what's changed" log, newest first; a change of a session deleted since
    has no `session`, only its `session_title`."""
    return list(
        ScheduleChange.objects.filter(festival=festival)
        .select_related("session", "old_room", "new_room")
        .order_by("-created_at", "-pk")
    )


def _public_speakers() -> Prefetch:
    # Names and slugs only: a public page has no business loading speakers' email addresses.
    return Prefetch("speakers", queryset=Speaker.objects.only("name", "slug").order_by("name"))


# Versions of the public pages (see festival.page_cache): what each page shows depends on.


def festival_page_version(festival: Festival, *parts, places: bool = False) -> PageVersion:
    """A festival page's version: the festival itself, its programme, the page's own `parts`
    (stamps, a phase) and, with `places`, which of its sessions are full (only the pages that
    show places: a session filling up leaves the others as they were). All but the parts are
    on the festival's row, which every festival page has read already."""
    stamps = (festival.pk, festival.updated_at, festival.programme_changed_at)
    if places:
        stamps += (festival.places_changed_at,)
    return PageVersion((*stamps, *parts))


def session_in_brief(*, festival: Festival, slug: str) -> Session | None:
    """A session's own row, nothing joined: what a cached session page needs to know its
    version and a person's booking panel."""
    return Session.objects.filter(festival=festival, slug=slug).first()


def speaker_account(*, festival: Festival, slug: str) -> int | None:
    """The account id of the festival's speaker at `slug`, if they have one."""
    return (
        Speaker.objects.filter(festival=festival, slug=slug).values_list("user_id", flat=True)
    ).first()
