"""What a speaker's section of /me/ shows: their sessions to come, and each past one's
write-up (to write, a draft, published) with the one link that takes them on."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from events.models import Session
from events.writeups.selectors import SpeakerWork
from festival.models import Speaker


@dataclass(frozen=True)
class PastSession:
    """A session that is over and where its speaker's write-up stands.

    `state` is "to-write", "draft", "published" or "cancelled" (nothing to write up);
    `action` and `href` the one link on from there ("" for a cancelled session).
    """

    session: Session
    state: str
    state_label: str
    action: str = ""
    href: str = ""


@dataclass(frozen=True)
class SpeakerSection:
    profiles: list[Speaker]
    upcoming: list[Session]
    past: list[PastSession]


def speaker_section(work: SpeakerWork, *, now: datetime) -> SpeakerSection | None:
    """The section for `work` at `now`, latest past session first; None for someone who
    speaks at no published festival."""
    if not work.profiles:
        return None
    upcoming = [session for session in work.sessions if session.end > now]
    past = [past_session(session) for session in work.sessions if session.end <= now]
    return SpeakerSection(profiles=work.profiles, upcoming=upcoming, past=past[::-1])


def past_session(session: Session) -> PastSession:
    """Where the write-up of `session` by the person whose `my_writeups` it carries stands."""
    if session.is_cancelled:
        return PastSession(session, "cancelled", "Cancelled: nothing to write up")
    mine = session.my_writeups[0] if session.my_writeups else None
    if mine is None:
        href = reverse(
            "writeup-new", kwargs={"festival": session.festival.slug, "session": session.slug}
        )
        return PastSession(session, "to-write", "To write", "Write it up", href)
    edit = reverse("writeup-edit", kwargs={"writeup": mine.slug})
    if mine.is_published:
        return PastSession(session, "published", "Published", "Edit your write-up", edit)
    return PastSession(session, "draft", "Draft", "Finish your draft", edit)
