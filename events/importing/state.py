"""The festival's programme as it stands, loaded once into dicts so that checking a file of
any length costs the same handful of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import Count, Q

from events.enums import AttendanceStatus, SessionStatus
from events.models import Event, Session
from events.programme.services import SessionTimes
from festival.models import STANDARD_CODES, AccessProvision, Festival, Room, Speaker, Tag


@dataclass
class ProgrammeState:
    festival: Festival
    events_by_id: dict[int, Event]
    events_by_slug: dict[str, Event]
    events_by_title: dict[str, Event]
    rooms_by_id: dict[int, Room]
    rooms_by_venue: dict[int, dict[str, Room]]
    speakers_by_id: dict[int, Speaker]
    sessions: list[Session]
    speaker_ids_by_session: dict[int, set[int]]
    tag_ids_by_session: dict[int, set[int]]
    tags_by_id: dict[int, Tag]
    tags_by_slug: dict[str, Tag]
    # A focused state (see ProgrammeFocus) holds only some sessions and speakers: their pks.
    loaded_only: frozenset[int] | None = None
    speakers_by_email: dict[str, Speaker] = field(init=False)
    sessions_by_ref: dict[str, Session] = field(init=False)

    def __post_init__(self) -> None:
        self.speakers_by_email = {}
        # The database only keeps emails unique case-sensitively; the oldest speaker wins.
        for speaker in sorted(self.speakers_by_id.values(), key=lambda speaker: speaker.pk):
            if speaker.email and speaker.festival_id == self.festival.pk:
                self.speakers_by_email.setdefault(speaker.email.lower(), speaker)
        self.sessions_by_ref = {session.ref: session for session in self.sessions if session.ref}

    # What the rest of a focused programme has, read only when a plan needs it: the slugs a
    # new session or speaker must not take, and whether the festival has other sessions.
    @cached_property
    def other_slugs(self) -> set[str]:
        if self.loaded_only is None:
            return set()
        others = Session.objects.filter(festival=self.festival).exclude(pk__in=self.loaded_only)
        return set(others.values_list("slug", flat=True))

    @cached_property
    def other_speaker_slugs(self) -> set[str]:
        if self.loaded_only is None:
            return set()
        return set(Speaker.objects.filter(festival=self.festival).values_list("slug", flat=True))

    @cached_property
    def access_codes(self) -> frozenset[str]:
        """The provision codes the festival knows: the standard ones and its own (read only
        when a file names a code that is not standard)."""
        own = AccessProvision.objects.filter(festival=self.festival).values_list("code", flat=True)
        return STANDARD_CODES | set(own)

    @property
    def has_other_sessions(self) -> bool:
        return bool(self.other_slugs)

    def find_event(self, name: str) -> Event | None:
        key = name.lower()
        return self.events_by_slug.get(key) or self.events_by_title.get(key)

    def find_room(self, event: Event, name: str) -> Room | None:
        return self.rooms_by_venue.get(event.venue_id, {}).get(name.lower())

    def room_names(self, event: Event) -> list[str]:
        return [room.name for room in self.rooms_by_venue.get(event.venue_id, {}).values()]

    def times_of(self, session: Session) -> SessionTimes:
        """SessionTimes without a query per session: rooms come from the loaded dict."""
        return SessionTimes(
            start=session.start,
            end=session.end,
            room=self.rooms_by_id[session.room_id],
            status=session.status,
        )

    def speakers_of(self, session: Session) -> dict[str, str]:
        """{lower-case email: name} of the session's speakers, as a file would name them."""
        speakers = (self.speakers_by_id[pk] for pk in self.speaker_ids_by_session[session.pk])
        # A speaker added by hand without an email cannot be named in a file; keep them apart.
        return {speaker.email.lower() or f"#{speaker.pk}": speaker.name for speaker in speakers}

    def themes_of(self, session: Session) -> dict[str, str]:
        """{slug: name} of the session's themes."""
        tags = (self.tags_by_id[pk] for pk in self.tag_ids_by_session[session.pk])
        return {tag.slug: tag.name for tag in tags}


@dataclass(frozen=True)
class ProgrammeFocus:
    """The part of a programme that an edit of a few sessions can touch: the sessions with
    these refs, and, on these local days, those in these rooms or with these speakers. The
    rest cannot clash with the rows, so a focused plan need not load it (a full import has no
    focus and loads everything)."""

    refs: frozenset[str]
    days: frozenset[date]
    room_names: frozenset[str]  # lower-case
    speaker_emails: frozenset[str]  # lower-case


def load_programme_state(
    *, festival: Festival, theme_slugs: set[str], focus: ProgrammeFocus | None = None
) -> ProgrammeState:
    """Everything the import compares a file with, in seven queries."""
    events = list(Event.objects.filter(festival=festival).select_related("venue").order_by("pk"))
    # `going` rides along: a file must not lower a capacity below the places already taken.
    in_festival = Session.objects.filter(festival=festival)
    chosen = in_festival if focus is None else in_festival.filter(focused(festival, focus))
    sessions = list(
        chosen.annotate(
            going=Count("attendances", filter=Q(attendances__status=AttendanceStatus.GOING))
        ).order_by("pk")
    )
    venue_ids = {event.venue_id for event in events}
    rooms = list(
        Room.objects.filter(
            Q(venue_id__in=venue_ids) | Q(pk__in={session.room_id for session in sessions})
        ).order_by("venue_id", "position", "name")
    )
    rooms_by_venue: dict[int, dict[str, Room]] = defaultdict(dict)
    for room in rooms:
        rooms_by_venue[room.venue_id].setdefault(room.name.lower(), room)

    speaker_links = Session.speakers.through.objects.filter(session__festival=festival)
    theme_links = Session.themes.through.objects.filter(session__festival=festival)
    if focus is not None:
        session_ids = [session.pk for session in sessions]
        speaker_links = speaker_links.filter(session_id__in=session_ids)
        theme_links = theme_links.filter(session_id__in=session_ids)
    speaker_ids_by_session: dict[int, set[int]] = defaultdict(set)
    for session_id, speaker_id in speaker_links.values_list("session_id", "speaker_id"):
        speaker_ids_by_session[session_id].add(speaker_id)
    tag_ids_by_session: dict[int, set[int]] = defaultdict(set)
    for session_id, tag_id in theme_links.values_list("session_id", "tag_id"):
        tag_ids_by_session[session_id].add(tag_id)

    rooms_by_id = {room.pk: room for room in rooms}
    events_by_id = {event.pk: event for event in events}
    for session in sessions:
        # Cached, so reports and templates can name a session's room without a query each.
        session.room = rooms_by_id[session.room_id]
        session.event = events_by_id[session.event_id]

    # Speakers of other festivals can be linked by hand in the admin: load them to compare with,
    # but only this festival's speakers are matched by email.
    linked_speaker_ids = set().union(*speaker_ids_by_session.values())
    speakers = Speaker.objects.filter(Q(festival=festival) | Q(pk__in=linked_speaker_ids))
    if focus is not None:
        # The rows' speakers (by email) and the loaded sessions' ones.
        named = Q(pk__in=[])
        for email in focus.speaker_emails:
            named |= Q(email__iexact=email)
        speakers = Speaker.objects.filter(
            Q(pk__in=linked_speaker_ids) | (Q(festival=festival) & named)
        )
    used_tag_ids = set().union(*tag_ids_by_session.values())
    tags = list(Tag.objects.filter(Q(slug__in=theme_slugs) | Q(pk__in=used_tag_ids)))
    return ProgrammeState(
        loaded_only=None if focus is None else frozenset(session.pk for session in sessions),
        festival=festival,
        events_by_id=events_by_id,
        events_by_slug={event.slug.lower(): event for event in events},
        events_by_title={event.title.lower(): event for event in reversed(events)},
        rooms_by_id=rooms_by_id,
        rooms_by_venue=dict(rooms_by_venue),
        speakers_by_id={speaker.pk: speaker for speaker in speakers},
        sessions=sessions,
        speaker_ids_by_session=speaker_ids_by_session,
        tag_ids_by_session=tag_ids_by_session,
        tags_by_id={tag.pk: tag for tag in tags},
        tags_by_slug={tag.slug: tag for tag in tags},
    )


def focused(festival: Festival, focus: ProgrammeFocus) -> Q:
    """The sessions a focus takes in: its refs, and on its days those in its rooms (by name,
    in any case) or with its speakers (by email)."""
    on_days = Q(pk__in=[])
    for day in focus.days:
        starts = festival.local_datetime(day, time.min)
        ends = festival.local_datetime(day + timedelta(days=1), time.min)
        on_days |= Q(start__lt=ends, end__gt=starts)
    near = Q(pk__in=[])
    for name in focus.room_names:
        near |= Q(room__name__iexact=name)
    with_speakers = Q(pk__in=[])
    for email in focus.speaker_emails:
        with_speakers |= Q(email__iexact=email)
    if focus.speaker_emails:
        # A subquery, not a join: a join would repeat sessions and inflate `going`.
        near |= Q(speakers__in=Speaker.objects.filter(with_speakers).values("pk"))
        near = Q(pk__in=Session.objects.filter(near).values("pk"))
    return Q(ref__in=focus.refs) | (on_days & near)


def load_sessions_sharing_rooms(
    *, festival: Festival, room_ids: set[int], start: datetime, end: datetime
) -> list[Session]:
    """Other festivals' scheduled sessions in these rooms that overlap start to end, with
    their festival, in one query."""
    return list(
        Session.objects.filter(
            room_id__in=room_ids,
            status=SessionStatus.SCHEDULED,
            start__lt=end,
            end__gt=start,
        )
        .exclude(festival=festival)
        .select_related("festival")
        .order_by("start", "pk")
    )
