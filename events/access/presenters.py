"""The needs sums and the warnings, in the words organisers read them."""

from dataclasses import dataclass

from events.access.selectors import NeedsOfSession, Vocabulary
from events.models import Attendance, Session
from festival.models import BUILDING_PROVISIONS

BUILDING_CODES = frozenset(provision.code for provision in BUILDING_PROVISIONS)


@dataclass(frozen=True)
class NeedSum:
    code: str
    people: int
    text: str


@dataclass(frozen=True)
class AccessWarning:
    code: str
    people: int
    text: str


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def need_sums(needs: NeedsOfSession, *, vocabulary: Vocabulary) -> list[NeedSum]:
    """ "3 people booked need step-free access", one a provision, in the vocabulary's order."""
    sums = []
    for code in vocabulary.in_order(needs.counts):
        count = needs.counts[code]
        verb = "needs" if count == 1 else "need"
        label = _lower_first(vocabulary.label(code))
        sums.append(NeedSum(code, count, f"{_people(count)} booked {verb} {label}"))
    if needs.notes:
        verb = "has" if needs.notes == 1 else "have"
        sums.append(
            NeedSum("", needs.notes, f"{_people(needs.notes)} booked {verb} written other needs")
        )
    return sums


def warnings_for(needs: NeedsOfSession, *, vocabulary: Vocabulary) -> list[AccessWarning]:
    """A warning for each need the session and its room do not provide: the room is named for
    what a building gives, the session for what organisers arrange.

    "Workshop Room has no step-free access; 2 people booked need it"."""
    provided = needs.provided
    warnings = []
    for code in vocabulary.in_order(needs.counts):
        if code in provided:
            continue
        count = needs.counts[code]
        place = needs.session.room.name if code in BUILDING_CODES else f"“{needs.session.title}”"
        verb = "needs" if count == 1 else "need"
        label = _lower_first(vocabulary.label(code))
        warnings.append(
            AccessWarning(code, count, f"{place} has no {label}; {_people(count)} booked {verb} it")
        )
    return warnings


def needs_in_words(attendance: Attendance, *, vocabulary: Vocabulary) -> str:
    """ "Step-free access; Live captions. In their words: …", or "" for none."""
    codes, note = attendance.needs
    labels = "; ".join(vocabulary.label(code) for code in vocabulary.in_order(codes))
    if labels and note.strip():
        return f"{labels}. In their words: {note}"
    return labels or note


@dataclass(frozen=True)
class SessionWarnings:
    """One session's warnings, for the festival's bookings page."""

    session: Session
    warnings: list[AccessWarning]


@dataclass(frozen=True)
class FestivalNeeds:
    sums: list[NeedSum]
    warnings: list[SessionWarnings]


def festival_needs(needs: dict[int, NeedsOfSession], *, vocabulary: Vocabulary) -> FestivalNeeds:
    """The needs of the people booked anywhere in the festival (each person once), and every
    session's warnings, in programme order."""
    total = NeedsOfSession(session=Session())
    for summary in needs.values():
        total.add(summary)
    warned = []
    for summary in needs.values():
        if summary.session.is_cancelled:
            continue
        found = warnings_for(summary, vocabulary=vocabulary)
        if found:
            warned.append(SessionWarnings(summary.session, found))
    return FestivalNeeds(sums=need_sums(total, vocabulary=vocabulary), warnings=warned)
