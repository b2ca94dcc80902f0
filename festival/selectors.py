"""Reads for the Hub and the festival pages, each with the prefetches its page needs."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from festival.markdown import markdown_excerpt
from festival.models import Festival, Speaker, Story, Tag, User

SIMILAR_STORIES = 3

_organisers = Festival.organisers.through._meta
FESTIVAL_BY_SLUG = f"SELECT * FROM {Festival._meta.db_table} WHERE slug = %s"
VISITOR_FESTIVAL = (
    f"SELECT festival.*, EXISTS (SELECT 1 FROM {_organisers.db_table} organiser"
    f" WHERE organiser.{_organisers.get_field('festival').column} = festival.id"
    f" AND organiser.{_organisers.get_field('user').column} = %s) AS visitor_organises"
    f" FROM {Festival._meta.db_table} festival WHERE festival.slug = %s"
)


def festival_for_visitor(*, slug: str, user) -> Festival | None:
    """The festival, if this visitor may see it: published, or they organise it (a preview).

    For someone signed in, whether they organise it comes in the same query: every festival
    page asks (for its menu's organiser links).

    Written out in SQL: it is the one read every festival page makes, a cached page's whole
    version included, and the ORM's building of it took longer than the query itself (0.60
    against 0.37 ms a read, measured on this machine's PostgreSQL).
    """
    asks = user.is_authenticated and not user.is_superuser
    found = Festival.objects.raw(
        VISITOR_FESTIVAL if asks else FESTIVAL_BY_SLUG,
        [user.pk, slug] if asks else [slug],
    )
    festival = next(iter(found), None)
    if festival is None:
        return None
    if asks:
        festival.remember_organiser(user, bool(festival.visitor_organises))
    if festival.is_published or festival.is_organiser(user):
        return festival
    return None


def festivals_organised_by(*, user) -> list[Festival]:
    """The festivals `user` organises (every festival for a superuser), latest first: one
    query."""
    if not user.is_authenticated:
        return []
    festivals = Festival.objects.all() if user.is_superuser else user.organised_festivals.all()
    return list(festivals.order_by("-start_date", "name"))


def organises_any(*, user) -> bool:
    """Whether `user` organises a festival (a superuser organises them all)."""
    return user.is_authenticated and (user.is_superuser or user.organised_festivals.exists())


def upcoming_festivals(*, today: date) -> list[Festival]:
    """Published festivals not yet over, soonest first."""
    return list(Festival.objects.published().upcoming(today=today))


def past_festivals(*, today: date, limit: int = 12) -> list[Festival]:
    """Published festivals that have ended, most recent first."""
    return list(Festival.objects.published().past(today=today)[:limit])


def latest_stories(*, limit: int = 10) -> list[Story]:
    """Published Hub stories, newest first; only what a list of teasers shows."""
    return list(
        Story.objects.published()
        .only("title", "slug", "author", "standfirst", "published_at")
        .order_by("-published_at", "-pk")[:limit]
    )


def published_story(*, slug: str) -> Story | None:
    """A published story with its tags and festival; drafts are None (never shown)."""
    return (
        Story.objects.published()
        .select_related("festival")
        .prefetch_related("tags")
        .filter(slug=slug)
        .first()
    )


def tag_by_slug(*, slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def stories_for_list(*, tag: Tag | None = None, author: str = "") -> QuerySet[Story]:
    """Published stories for /stories/, newest first, with their tags: for a paginator.

    `author` matches the name shown under the title, whole and in any case ("mel parks" finds
    Mel Parks; "Mel" does not).
    """
    stories = Story.objects.published()
    if tag is not None:
        stories = stories.filter(tags=tag)
    if author:
        stories = stories.filter(author__iexact=author)
    return (
        stories.only("title", "slug", "author", "standfirst", "published_at")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.only("name", "slug")))
        .order_by("-published_at", "-pk")
    )


@dataclass(frozen=True)
class SimilarStory:
    story: Story
    excerpt: str
    """The standfirst, or the start of the body as plain text when there is none."""
    shared_tags: int


def similar_stories(*, story: Story, limit: int = SIMILAR_STORIES) -> list[SimilarStory]:
    """The published stories sharing the most tags with `story`, ties newest first.

    Only stories with at least one tag in common: a story with no tags has none. Reads
    `story.tags.all()`, so prefetch its tags (published_story does).
    """
    tag_ids = [tag.pk for tag in story.tags.all()]
    if not tag_ids:
        return []
    # Filtered before annotating, the count is of the shared tags only.
    found = (
        Story.objects.published()
        .exclude(pk=story.pk)
        .filter(tags__in=tag_ids)
        .annotate(shared_tags=Count("tags"))
        .only("title", "slug", "author", "standfirst", "body", "published_at")
        .order_by("-shared_tags", "-published_at", "-pk")[:limit]
    )
    return [
        SimilarStory(
            story=similar,
            excerpt=similar.standfirst or markdown_excerpt(similar.body),
            shared_tags=similar.shared_tags,
        )
        for similar in found
    ]


def tags_for_choice() -> QuerySet[Tag]:
    return Tag.objects.only("name", "slug").order_by("name")


def festivals_for_story_choice() -> QuerySet[Festival]:
    """Festivals a shared story can say it is about: the public ones, most recent first."""
    return Festival.objects.published().only("name", "start_date").order_by("-start_date", "name")


def story_reviewers(*, story: Story) -> list[User]:
    """Who is asked to read a shared story: people who can open it in the admin and publish it.

    The admin shows an organiser the stories about their festivals (and the ones they sent),
    so a story about a festival goes to that festival's organisers who can use the admin
    (active staff). A story about no festival, or about one with no such organiser, goes to
    the active superusers: nobody else can see it there.
    """
    if story.festival_id is not None:
        organisers = list(
            User.objects.filter(
                organised_festivals=story.festival_id, is_active=True, is_staff=True
            ).order_by("email")
        )
        if organisers:
            return organisers
    return list(User.objects.filter(is_active=True, is_superuser=True).order_by("email"))


def stories_about_festival(*, festival: Festival) -> list[Story]:
    """Published stories about one festival, newest first."""
    return list(
        Story.objects.published()
        .filter(festival=festival)
        .only("title", "slug", "author", "standfirst", "published_at", "festival_id")
        .order_by("-published_at", "-pk")
    )


def speakers_of_festival(*, festival: Festival) -> list[Speaker]:
    """A festival's speakers by name: the public list, so no email addresses are loaded."""
    return list(festival.speakers.only("name", "slug", "festival_id").order_by("name", "pk"))


def speaker_for_page(*, festival: Festival, slug: str) -> Speaker | None:
    return Speaker.objects.filter(festival=festival, slug=slug).first()
