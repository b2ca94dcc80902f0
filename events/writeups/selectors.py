"""Reads for write-ups, each with what its page needs, and who may write, edit or see one.

Every list here is one query however many write-ups, stories or sessions there are (pinned by
tests with django_assert_num_queries). Public lists hold only published write-ups of published
festivals; a draft is seen by its author and the festival's organisers, nobody else.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import ngettext

from events.enums import AttendanceStatus
from events.formatting import DASH, time_spelled_out
from events.models import Session, WriteUp
from festival.models import Festival, Speaker, Story, User

STORY_CHOICES_SHOWN = 50


# A speaker's own work, for their /me/


@dataclass(frozen=True)
class SpeakerWork:
    """A person's speaker profiles (each with its festival) and those profiles' sessions in
    time order, each with its festival, room and venue, and `my_writeups`: the person's own
    write-ups of it (at most one)."""

    profiles: list[Speaker]
    sessions: list[Session]


def speaker_work_of(*, user) -> SpeakerWork:
    """What `user` speaks at, in published festivals: one query for someone who speaks
    nowhere, three for a speaker however many sessions and write-ups."""
    profiles = list(
        Speaker.objects.filter(user=user, festival__is_published=True)
        .select_related("festival")
        .order_by("festival__start_date", "festival__name", "pk")
    )
    if not profiles:
        return SpeakerWork(profiles=[], sessions=[])
    sessions = (
        Session.objects.filter(speakers__in=profiles)
        .distinct()
        .select_related("festival", "room__venue")
        .prefetch_related(
            Prefetch(
                "writeups",
                queryset=WriteUp.objects.filter(author=user).only(
                    "slug", "status", "title", "session"
                ),
                to_attr="my_writeups",
            )
        )
        .order_by("start", "title", "pk")
    )
    return SpeakerWork(profiles=profiles, sessions=list(sessions))


# Who may do what


@dataclass(frozen=True)
class Refusal:
    """Why this person may not write up this session now, in words for them.

    `needs_login` sends an anonymous visitor to log in; otherwise the page answers 403.
    """

    message: str
    needs_login: bool = False


def writeup_refusal(
    *, session: Session, festival: Festival, user, now: datetime, has_role: bool | None = None
) -> Refusal | None:
    """None if `user` may write up `session` at `now`: one of its speakers (the users linked
    to its Speakers) or an organiser of its festival, once it has started, unless cancelled.

    `has_role`: whether the caller already knows the person speaks at the session or
    organises the festival (it spares the queries).
    """
    if not user.is_authenticated:
        return Refusal("Log in to write up this session.", needs_login=True)
    if has_role is None:
        has_role = festival.is_organiser(user) or is_speaker_of(session=session, user=user)
    if not has_role:
        return Refusal("Only the session's speakers and the festival's organisers can write it up.")
    if session.is_cancelled:
        return Refusal("This session was cancelled, so there is nothing to write up.")
    if session.start > now:
        return Refusal(
            "You can write up this session once it has started: it starts on "
            f"{time_spelled_out(session.start, festival)}."
        )
    return None


def is_speaker_of(*, session: Session, user) -> bool:
    return Speaker.objects.filter(sessions=session, user=user).exists()


def may_edit(*, writeup: WriteUp, festival: Festival, user) -> bool:
    """Its author and the festival's organisers."""
    if not user.is_authenticated:
        return False
    return writeup.author_id == user.pk or festival.is_organiser(user)


def may_see(*, writeup: WriteUp, festival: Festival, user) -> bool:
    """Anyone once it is published in a published festival; before that, those who may edit."""
    if writeup.is_published and festival.is_published:
        return True
    return may_edit(writeup=writeup, festival=festival, user=user)


# One write-up


def writeup_for_page(*, slug: str) -> WriteUp | None:
    """A write-up (any status: the caller checks `may_see`) with its session, festival and
    the published stories it links back to."""
    return (
        WriteUp.objects.filter(slug=slug)
        .select_related("session__festival")
        .prefetch_related(Prefetch("stories", queryset=linked_stories()))
        .first()
    )


def writeup_in_brief(*, slug: str) -> WriteUp | None:
    """A write-up with its session and festival: enough to know who may see it."""
    return WriteUp.objects.filter(slug=slug).select_related("session__festival").first()


def writeup_to_edit(*, slug: str) -> WriteUp | None:
    """A write-up with its session and festival, and the ids of its published stories."""
    return (
        WriteUp.objects.filter(slug=slug)
        .select_related("session__festival")
        .prefetch_related(Prefetch("stories", queryset=Story.objects.published().only("pk")))
        .first()
    )


def writeup_of_author(*, session: Session, user) -> WriteUp | None:
    """The write-up this person has already started of this session, if any."""
    return WriteUp.objects.filter(session=session, author=user).only("slug").first()


def linked_stories() -> QuerySet[Story]:
    return (
        Story.objects.published()
        .only("title", "slug", "author", "published_at")
        .order_by("-published_at", "-pk")
    )


# Lists


def _teasers(writeups: QuerySet[WriteUp]) -> QuerySet[WriteUp]:
    """What a list of write-ups shows: title, summary, author, dates, session and festival."""
    return writeups.select_related("session__festival").only(
        "title",
        "slug",
        "summary",
        "author_name",
        "published_at",
        "edited_at",
        "session__title",
        "session__slug",
        "session__festival__name",
        "session__festival__slug",
    )


def public_writeups() -> QuerySet[WriteUp]:
    """Every published write-up of a published festival, newest first (for the list page,
    which pages through them)."""
    return _teasers(WriteUp.objects.public()).order_by("-published_at", "-pk")


def latest_writeups(*, limit: int = 5) -> list[WriteUp]:
    """The newest published write-ups, for the Hub home."""
    return list(public_writeups()[:limit])


def writeups_for_feed(*, limit: int = 50) -> list[WriteUp]:
    """The newest published write-ups for the Atom feed."""
    return list(public_writeups()[:limit])


def writeups_of_story(*, story: Story) -> list[WriteUp]:
    """Published write-ups that link back to `story`, newest first."""
    return list(public_writeups().filter(stories=story))


def writeups_of_session(*, session: Session) -> list[WriteUp]:
    """A session's published write-ups, newest first. Its page is only seen when its festival
    may be, so the festival's own flag is not asked again."""
    return list(
        WriteUp.objects.published()
        .filter(session=session)
        .only("title", "slug", "summary", "author_name", "published_at", "edited_at", "session")
        .order_by("-published_at", "-pk")
    )


def writeups_of_speaker(*, speaker: Speaker) -> list[WriteUp]:
    """Published write-ups of a speaker's sessions (whoever wrote them), newest first."""
    return list(
        WriteUp.objects.published()
        .filter(session__speakers=speaker)
        .select_related("session")
        .only(
            "title",
            "slug",
            "summary",
            "author_name",
            "published_at",
            "edited_at",
            "session__title",
            "session__slug",
        )
        .order_by("-published_at", "-pk")
    )


# The form's story picker


@dataclass(frozen=True)
class StoryChoices:
    """The stories the form's select offers: those chosen, then the newest that match."""

    stories: list[Story]
    matching: int
    search: str

    @property
    def label_pairs(self) -> list[tuple[int, str]]:
        return [(story.pk, f"{story.title} {DASH} {story.author}") for story in self.stories]

    @property
    def note(self) -> str:
        shown = len(self.stories)
        if self.search and not self.matching:
            return f"No published story matches “{self.search}”."
        if self.search:
            return ngettext(
                "%(count)s story matches “%(search)s”.",
                "%(count)s stories match “%(search)s”.",
                self.matching,
            ) % {"count": f"{self.matching:,}", "search": self.search}
        if self.matching > shown:
            return f"The newest {shown} of {self.matching:,} stories. Search to find older ones."
        return ""


def story_choices(*, search: str, chosen: list[int]) -> StoryChoices:
    """Published stories for the picker: the chosen ones always (so that a search never drops
    a choice), then up to STORY_CHOICES_SHOWN newest matching `search` by title or author."""
    published = linked_stories()
    matching = published
    if search:
        matching = matching.filter(Q(title__icontains=search) | Q(author__icontains=search))
    newest = matching[:STORY_CHOICES_SHOWN].values("pk")
    shown = list(published.filter(Q(pk__in=chosen) | Q(pk__in=newest)))
    return StoryChoices(stories=shown, matching=matching.count(), search=search)


def writeup_notice_recipients(*, writeup: WriteUp) -> QuerySet[User]:
    """Who hears that `writeup` is out: the people with a place on its session who have not
    opted out, but not its author."""
    return (
        User.objects.filter(
            attendances__session_id=writeup.session_id,
            attendances__status=AttendanceStatus.GOING,
            writeup_opt_out__isnull=True,
        )
        .exclude(pk=writeup.author_id)
        .distinct()
    )
