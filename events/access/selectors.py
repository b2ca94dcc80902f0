"""Reads of access provisions and needs. Each costs a fixed number of queries."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from events.enums import AttendanceStatus
from events.models import Attendance, Session
from festival.models import (
    STANDARD_CODES,
    STANDARD_PROVISIONS,
    AccessProvision,
    Festival,
    Provision,
    Venue,
)

ACTIVE = (AttendanceStatus.GOING, AttendanceStatus.WAITLISTED)


@dataclass(frozen=True)
class Vocabulary:
    """The provisions a festival can name: the standard ones, then its own."""

    provisions: tuple[Provision, ...]

    def label(self, code: str) -> str:
        """The plain-language label of a code; the code itself if the festival has dropped it."""
        for provision in self.provisions:
            if provision.code == code:
                return provision.label
        return code

    def in_order(self, codes: Iterable[str]) -> list[str]:
        """These codes in the vocabulary's order, each once; unknown codes last, as given."""
        wanted = list(dict.fromkeys(codes))
        known = [p.code for p in self.provisions if p.code in wanted]
        return known + [code for code in wanted if code not in known]


STANDARD_VOCABULARY = Vocabulary(STANDARD_PROVISIONS)


def vocabulary_of(*, festival: Festival | int) -> Vocabulary:
    """The standard provisions and the festival's own (`festival`: one, or its id): one
    query."""
    own = [p.as_provision() for p in AccessProvision.objects.filter(festival=festival)]
    return Vocabulary((*STANDARD_PROVISIONS, *own))


def vocabularies_of(*, festival_ids: Iterable[int]) -> dict[int, Vocabulary]:
    """Each festival's vocabulary, by festival id: one query for them all, none for none."""
    ids = set(festival_ids)
    own: dict[int, list[Provision]] = {pk: [] for pk in ids}
    if ids:
        for provision in AccessProvision.objects.filter(festival_id__in=ids):
            own[provision.festival_id].append(provision.as_provision())
    return {pk: Vocabulary((*STANDARD_PROVISIONS, *own[pk])) for pk in ids}


@dataclass(frozen=True)
class ProvisionShown:
    code: str
    label: str
    from_room: bool


def provisions_shown(
    *, vocabulary: Vocabulary, session_codes: Iterable[str], room_codes: Iterable[str]
) -> list[ProvisionShown]:
    """A session's provisions as a page lists them: the room's first (saying so), then the
    session's own; a code both give counts as the room's."""
    room = vocabulary.in_order(room_codes)
    own = [code for code in vocabulary.in_order(session_codes) if code not in room]
    return [ProvisionShown(code, vocabulary.label(code), True) for code in room] + [
        ProvisionShown(code, vocabulary.label(code), False) for code in own
    ]


def provision_labels(
    *, vocabulary: Vocabulary, session_codes: Iterable[str], room_codes: Iterable[str]
) -> tuple[str, ...]:
    """A session's provisions as text for calendars and exports: "Step-free access (room)"."""
    return tuple(
        f"{shown.label} (room)" if shown.from_room else shown.label
        for shown in provisions_shown(
            vocabulary=vocabulary, session_codes=session_codes, room_codes=room_codes
        )
    )


def vocabularies_for_rows(rows: Iterable[dict]) -> dict[int, Vocabulary]:
    """The vocabularies of the festivals whose rows (with `festival_id`, `access` and
    `room__access`) name a code that is not standard: no query when none does."""
    return vocabularies_of(
        festival_ids={
            row["festival_id"]
            for row in rows
            for code in (*(row["access"] or ()), *(row["room__access"] or ()))
            if code not in STANDARD_CODES
        }
    )


def provides_all(sessions: QuerySet[Session], codes: Iterable[str]) -> QuerySet[Session]:
    """Sessions that provide every code, from the session or its room. One query however many
    codes: each is a condition on the JSON lists, matched with its quotes so that "bsl" never
    matches "bsl-tours" (the JSON icontains lookup works on SQLite and PostgreSQL alike)."""
    for code in codes:
        token = f'"{code}"'
        sessions = sessions.filter(Q(access__icontains=token) | Q(room__access__icontains=token))
    return sessions


@dataclass
class NeedsOfSession:
    """What the people booked on one session (going or waiting) need."""

    session: Session
    people_by_code: dict[str, set[int]] = field(default_factory=dict)
    """code → ids of the people who need it."""
    people_with_notes: set[int] = field(default_factory=set)
    """Ids of the people who wrote something in their own words."""

    @property
    def counts(self) -> Counter:
        """code → how many people need it."""
        return Counter({code: len(people) for code, people in self.people_by_code.items()})

    @property
    def notes(self) -> int:
        return len(self.people_with_notes)

    def add(self, other: "NeedsOfSession") -> None:
        for code, people in other.people_by_code.items():
            self.people_by_code.setdefault(code, set()).update(people)
        self.people_with_notes |= other.people_with_notes

    @property
    def provided(self) -> set[str]:
        return set(self.session.access) | set(self.session.room.access)


def needs_of_sessions(*, sessions: Iterable[Session]) -> dict[int, NeedsOfSession]:
    """Needs per session (by pk) of the people going or waiting: one query (bookings with
    their people). Sessions must come with their rooms."""
    sessions = {session.pk: session for session in sessions}
    found = {pk: NeedsOfSession(session) for pk, session in sessions.items()}
    bookings = Attendance.objects.filter(
        session_id__in=list(found), status__in=ACTIVE
    ).select_related("user")
    for booking in bookings.only(
        "session_id",
        "status",
        "user_id",
        "access_need_codes",
        "access_needs",
        "user__access_need_codes",
        "user__access_needs_note",
    ):
        booking.session = sessions[booking.session_id]  # in hand: `needs` reads its end
        codes, note = booking.needs
        summary = found[booking.session_id]
        for code in codes:
            summary.people_by_code.setdefault(code, set()).add(booking.user_id)
        if note.strip():
            summary.people_with_notes.add(booking.user_id)
    return found


def bookings_with_needs(*, session: Session) -> list[Attendance]:
    """The session's people going or waiting, with their needs: one query."""
    bookings = list(
        Attendance.objects.filter(session=session, status__in=ACTIVE)
        .select_related("user")
        .order_by("status", "position", "created_at", "pk")
    )
    for booking in bookings:
        booking.session = session  # in hand: `needs` reads its end
    return bookings


def venues_of_festival(*, festival: Festival) -> list[Venue]:
    """The venues of the festival's events, by name, with their access guides: one query."""
    return list(Venue.objects.filter(events__festival=festival).distinct().order_by("name"))
