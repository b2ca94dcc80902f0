"""The Hub's content stamps for cached pages (`festival.page_cache`): stories and festivals.

Each is one aggregate query whose value moves whenever what a page shows of them changes,
deletions and a story's publication time passing included (its count of shown rows moves).
"""

from django.db.models import Count, Max, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from festival.models import Festival, Story, Tag
from festival.page_cache import register_stamp


def stories_stamp() -> tuple:
    shown = Q(status=Story.Status.PUBLISHED, published_at__lte=timezone.now())
    row = Story.objects.aggregate(
        shown=Count("pk", filter=shown),
        changed=Max("updated_at"),
        latest=Max("published_at", filter=shown),
    )
    return row["shown"], row["changed"], row["latest"]


def festivals_stamp() -> tuple:
    """For pages that name festivals of every kind (a story's, a write-up's): any festival
    renamed, published or changing its programme."""
    row = Festival.objects.aggregate(
        count=Count("pk"), changed=Max("updated_at"), programme=Max("programme_changed_at")
    )
    return row["count"], row["changed"], row["programme"]


@receiver(post_save, sender=Tag)
def touch_stories_with_tag(sender, instance: Tag, created: bool, **kwargs) -> None:
    # Stories show their tags' names; a renamed tag changes them without saving them.
    if not created:
        Story.objects.filter(tags=instance).update(updated_at=timezone.now())


register_stamp("stories", stories_stamp)
register_stamp("festivals", festivals_stamp)
