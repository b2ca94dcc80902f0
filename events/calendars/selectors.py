"""Reads for the calendar feeds: a fixed number of queries however many sessions there are.

The conditional part of a request (ETag, Last-Modified) is answered from one query per feed
(two for a personal feed); building a feed adds three: sessions, speakers, themes.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

from events.access.selectors import (
    STANDARD_VOCABULARY,
    provides_all,
    provision_labels,
    vocabularies_for_rows,
)
from events.enums import AttendanceStatus
from events.models import Attendance, CalendarToken, Session, WriteUp
from festival.models import STANDARD_CODES, AccessProvision, Festival, Room, Speaker, Tag

ACTIVE_BOOKINGS = (AttendanceStatus.GOING, AttendanceStatus.WAITLISTED)


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """A session as a calendar shows it: plain values, and everything that goes into its
    VEVENT, so that the rendered text can be kept and re-used while this value is equal."""

    uid: UUID
    title: str
    session_slug: str
    festival_slug: str
    festival_name: str
    """The ORGANIZER's name: a PUBLISH calendar needs one on every event (RFC 5546)."""
    tzid: str
    start: datetime
    end: datetime
    format: str
    status: str
    sequence: int
    updated_at: datetime
    description: str
    room: str
    venue: str
    address: str
    speakers: tuple[str, ...]
    themes: tuple[str, ...]
    writeups: tuple[str, ...] = ()
    """Slugs of the session's published write-ups: their links go in the DESCRIPTION. Only
    slugs (fixed once published), so an edit to a write-up's text changes no feed."""
    booking: str = ""
    """The person's booking (going, waitlisted) in a personal feed; "" in public feeds."""
    position: int | None = None
    reminder_minutes: int | None = None
    access: tuple[str, ...] = ()
    """Labels of the provisions, the room's first (named as the room's)."""
    content_note: str = ""


FEED_FIELDS = (
    "pk", "uid", "title", "slug", "start", "end", "format", "status", "sequence", "updated_at",
    "description", "festival__slug", "festival__name", "festival__timezone", "room__name",
    "room__venue__name", "room__venue__address", "access", "room__access", "content_note",
    "festival_id",
)  # fmt: skip
FEED_ORDER = ("start", "room__position", "title", "pk")


def feed_events(
    sessions: QuerySet[Session], *, reminder_minutes: int | None = None
) -> list[FeedEvent]:
    """The sessions as FeedEvents in time order: four queries, whatever their number.

    A queryset annotated with `booking` and `position` (see `personal_sessions`) gives
    events of a personal feed.
    """
    speakers = _names_by_session(
        Session.speakers.through.objects.filter(session__in=sessions.values("pk"))
        .order_by("speaker__name", "speaker_id")
        .values_list("session_id", "speaker__name")
    )
    themes = _names_by_session(
        Session.themes.through.objects.filter(session__in=sessions.values("pk"))
        .order_by("tag__name", "tag_id")
        .values_list("session_id", "tag__name")
    )
    writeups = _names_by_session(
        WriteUp.objects.public()
        .filter(session__in=sessions.values("pk"))
        .order_by("published_at", "pk")
        .values_list("session_id", "slug")
    )
    personal = "booking" in sessions.query.annotations
    fields = (*FEED_FIELDS, "booking", "position") if personal else FEED_FIELDS
    rows = list(sessions.order_by(*FEED_ORDER).values(*fields))
    # A festival's own provisions are read only when a session names one: standard codes
    # need no query, so most feeds cost what they did.
    vocabularies = vocabularies_for_rows(rows)
    return [
        FeedEvent(
            uid=row["uid"],
            title=row["title"],
            session_slug=row["slug"],
            festival_slug=row["festival__slug"],
            festival_name=row["festival__name"],
            tzid=row["festival__timezone"],
            start=row["start"],
            end=row["end"],
            format=row["format"],
            status=row["status"],
            sequence=row["sequence"],
            updated_at=row["updated_at"],
            description=row["description"],
            room=row["room__name"],
            venue=row["room__venue__name"],
            address=row["room__venue__address"],
            speakers=speakers.get(row["pk"], ()),
            themes=themes.get(row["pk"], ()),
            writeups=writeups.get(row["pk"], ()),
            booking=row.get("booking", ""),
            position=row.get("position"),
            reminder_minutes=reminder_minutes if personal else None,
            access=provision_labels(
                vocabulary=vocabularies.get(row["festival_id"], STANDARD_VOCABULARY),
                session_codes=row["access"] or [],
                room_codes=row["room__access"] or [],
            ),
            content_note=row["content_note"],
        )
        for row in rows
    ]


def _names_by_session(rows) -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = {}
    for session_id, name in rows:
        names.setdefault(session_id, []).append(name)
    return {session_id: tuple(found) for session_id, found in names.items()}


def published_festival(slug: str) -> QuerySet[Festival]:
    """The festival a public feed asks for. Feeds are fetched without logging in, so an
    unpublished festival has none, not even for its organisers."""
    return Festival.objects.filter(slug=slug, is_published=True)


def festival_for_feed(
    *,
    slug: str,
    format: str = "",
    theme: str = "",
    room: int | None = None,
    access: tuple[str, ...] = (),
) -> Festival | None:
    """The published festival, in one query, with what each filter given names among its
    sessions: `format_used`, `theme_name`, `room_name` (False or None when no session of the
    festival has it: the timetable's rule for a valid filter, checked without loading every
    filter choice). A provision code not in the standard vocabulary is looked up among the
    festival's own as `access_label_<n>`, in the same query."""
    of_festival = Session.objects.filter(festival=OuterRef("pk"))
    checks = {}
    if format:
        checks["format_used"] = Exists(of_festival.filter(format=format))
    if theme:
        themes = Tag.objects.filter(slug=theme, sessions__festival=OuterRef("pk"))
        checks["theme_name"] = Subquery(themes.values("name")[:1])
    if room is not None:
        rooms = Room.objects.filter(pk=room, sessions__festival=OuterRef("pk"))
        checks["room_name"] = Subquery(rooms.values("name")[:1])
    for number, code in enumerate(access):
        if code not in STANDARD_CODES:
            own = AccessProvision.objects.filter(festival=OuterRef("pk"), code=code)
            checks[f"access_label_{number}"] = Subquery(own.values("label")[:1])
    return published_festival(slug).annotate(**checks).first()


def festival_with_session(*, slug: str, session: str) -> Festival | None:
    """The published festival with the title of its session `session` (None if it has no
    such session) as `session_title`: one query."""
    titles = Session.objects.filter(festival=OuterRef("pk"), slug=session).values("title")
    return published_festival(slug).annotate(session_title=Subquery(titles[:1])).first()


def festival_with_speaker(*, slug: str, speaker: str) -> Festival | None:
    """The published festival with its speaker's name as `speaker_name`: one query."""
    names = Speaker.objects.filter(festival=OuterRef("pk"), slug=speaker).values("name")
    return published_festival(slug).annotate(speaker_name=Subquery(names[:1])).first()


def festival_sessions(
    festival: Festival,
    *,
    format: str = "",
    theme: str = "",
    room: int | None = None,
    access: tuple[str, ...] = (),
    with_cancelled: bool = True,
) -> QuerySet[Session]:
    sessions = Session.objects.filter(festival=festival)
    if format:
        sessions = sessions.filter(format=format)
    if theme:
        sessions = sessions.filter(themes__slug=theme)
    if room is not None:
        sessions = sessions.filter(room_id=room)
    if not with_cancelled:
        sessions = sessions.exclude(status=Session.Status.CANCELLED)
    return provides_all(sessions, access)


def calendar_token_by_hash(token_hash: str) -> CalendarToken | None:
    return CalendarToken.objects.filter(token_hash=token_hash).first()


@dataclass(frozen=True)
class PersonalFeedState:
    """What a personal feed's ETag and Last-Modified are made of, besides the token."""

    bookings_changed_at: datetime | None
    programme_changed_at: datetime | None
    bookings: int
    positions: int
    # Unpublishing a festival hides its sessions from the feed, whatever path saved it.
    published_bookings: int = 0


def personal_feed_state(*, user_id: int) -> PersonalFeedState:
    """One aggregate: when the person's bookings, or the programmes they are in, last changed.

    A waitlist position moves when someone ahead leaves or is given a place; that writes the
    other person's row, not this one, so the rows of sessions they wait for count too.
    """
    active = Q(user_id=user_id, status__in=ACTIVE_BOOKINGS)
    waiting_on = Attendance.objects.filter(
        user_id=user_id, status=AttendanceStatus.WAITLISTED
    ).values("session_id")
    row = Attendance.objects.filter(Q(user_id=user_id) | Q(session_id__in=waiting_on)).aggregate(
        changed=Max("updated_at"),
        programme=Max("session__festival__programme_changed_at", filter=active),
        bookings=Count("pk", filter=active),
        positions=Sum("position", filter=Q(user_id=user_id)),
        published=Count("pk", filter=active & Q(session__festival__is_published=True)),
    )
    return PersonalFeedState(
        bookings_changed_at=row["changed"],
        programme_changed_at=row["programme"],
        bookings=row["bookings"],
        positions=row["positions"] or 0,
        published_bookings=row["published"],
    )


def personal_sessions(*, user_id: int) -> QuerySet[Session]:
    """The sessions a person has a place on or waits for, in published festivals, each
    annotated with the person's `booking` status and waitlist `position`."""
    return (
        Session.objects.annotate(
            mine=FilteredRelation(
                "attendances",
                condition=Q(attendances__user_id=user_id, attendances__status__in=ACTIVE_BOOKINGS),
            )
        )
        .filter(mine__isnull=False, festival__is_published=True)
        .annotate(booking=F("mine__status"), position=F("mine__position"))
    )
