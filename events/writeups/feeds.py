"""The Atom feed of published write-ups (`/write-ups/feed.atom`), newest first.

Django's syndication framework builds it; links are absolute from SITE_URL, as in emails, so a
feed read through a proxy still points at the public site. Each entry's id is its link, which
never changes once a write-up is published.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks

from events.models import WriteUp
from events.writeups.selectors import writeups_for_feed


class WriteUpFeed(Feed):
    feed_type = Atom1Feed
    title = "Write-ups · Convene Ideas Hub"
    subtitle = (
        "Speakers' write-ups of festival sessions: what happened, what worked, the challenges "
        "and failures, and what they would do differently next time."
    )
    author_name = "Convene Ideas Hub"

    def link(self) -> str:
        return settings.SITE_URL + reverse("writeup-list")

    def feed_url(self) -> str:
        return settings.SITE_URL + reverse("writeup-feed")

    def items(self) -> list[WriteUp]:
        return writeups_for_feed()

    def item_title(self, item: WriteUp) -> str:
        return item.title

    def item_description(self, item: WriteUp) -> str:
        """Atom's summary is typed html: the plain-text summary is escaped for it, and it and
        the "A write-up of" line are paragraphs of their own (a reader joins bare lines)."""
        session = item.session
        about = f"A write-up of “{session.title}” at {session.festival.name}."
        return linebreaks(f"{item.summary}\n\n{about}" if item.summary else about, autoescape=True)

    def item_link(self, item: WriteUp) -> str:
        return settings.SITE_URL + item.get_absolute_url()

    def item_author_name(self, item: WriteUp) -> str:
        return item.author_name

    def item_pubdate(self, item: WriteUp) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: WriteUp) -> datetime | None:
        return item.updated_or_published_at
