"""Reads for the Hub and the festival pages, each with the prefetches its page needs."""

from datetime import date

from festival.models import Festival, Speaker, Story


def festival_for_visitor(*, slug: str, user) -> Festival | None:
    """The festival, if this visitor may see it: published, or they organise it (a preview)."""
    festival = Festival.objects.filter(slug=slug).first()
    if festival is None:
        return None
    if festival.is_published or festival.is_organiser(user):
        return festival
    return None


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
