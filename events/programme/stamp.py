"""The festival's programme stamp: `Festival.programme_changed_at` moves forward on every change
that a calendar feed or a schedule export shows, including cancellations and deletions.

Feeds answer a conditional request (ETag, Last-Modified) from the stamp alone, without building
anything. Saves and deletes through the ORM move it by the signals below; bulk writes, which
send no signals (the import, the schedule-change service), call `touch_programmes` themselves.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from events.models import Event, Session
from festival.models import AccessProvision, Festival, Room, Speaker, Tag, Venue


def touch_programmes(festival_ids: Iterable[int | None]) -> None:
    """Move the programme stamp of these festivals to now."""
    ids = {pk for pk in festival_ids if pk is not None}
    if ids:
        Festival.objects.filter(pk__in=ids).update(programme_changed_at=timezone.now())


def touch_places(festival_id: int) -> None:
    """Move the festival's places stamp to now, once the transaction commits: one of its
    sessions has just filled up, had a place free again, or changed its number of places (the
    programme's cards say which are full). Bookings call it only then, not for every booking:
    the festival's row is shared by all its sessions.

    After the commit, not inside it: the booking holds its session's row, and the schedule
    editor locks the festival's row before a session's; taking them the other way round here
    would deadlock the two. A page read in between is rendered under the old version and
    replaced as soon as the stamp moves.
    """
    # robust: the booking has committed; a failure here must cost the person no error page
    # (Django logs it), only a stale "Full" until the next change.
    transaction.on_commit(
        lambda: Festival.objects.filter(pk=festival_id).update(places_changed_at=timezone.now()),
        robust=True,
    )


@receiver([post_save, post_delete], sender=Session)
@receiver([post_save, post_delete], sender=Event)
@receiver([post_save, post_delete], sender=AccessProvision)  # its label is in every feed
@receiver([post_save, post_delete], sender=Speaker)
def touch_festival_of(sender, instance, **kwargs) -> None:
    touch_programmes([instance.festival_id])


@receiver(m2m_changed, sender=Session.speakers.through)
@receiver(m2m_changed, sender=Session.themes.through)
def touch_festival_of_session_links(sender, instance, action, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Session):
        touch_programmes([instance.festival_id])
    else:
        # Changed from the speaker's or the tag's side: every festival of those sessions.
        touch_programmes(
            Session.objects.filter(pk__in=pk_set or []).values_list("festival_id", flat=True)
        )


@receiver([post_save, post_delete], sender=Room)
def touch_festivals_in_room(sender, instance: Room, **kwargs) -> None:
    # LOCATION names the room; a deleted room takes no session with it (PROTECT).
    touch_programmes(
        Event.objects.filter(venue_id=instance.venue_id).values_list("festival_id", flat=True)
    )


@receiver([post_save, post_delete], sender=Venue)
def touch_festivals_at_venue(sender, instance: Venue, **kwargs) -> None:
    touch_programmes(
        Event.objects.filter(venue_id=instance.pk).values_list("festival_id", flat=True)
    )


@receiver(post_save, sender=Tag)
def touch_festivals_with_theme(sender, instance: Tag, created: bool, **kwargs) -> None:
    if created:
        return
    touch_programmes(
        Session.objects.filter(themes=instance).values_list("festival_id", flat=True).distinct()
    )


@receiver(pre_delete, sender=Tag)
def touch_festivals_losing_theme(sender, instance: Tag, **kwargs) -> None:
    # Before the delete: its links to sessions go with it, and with them the way to find the
    # festivals whose cards show it.
    touch_programmes(
        Session.objects.filter(themes=instance).values_list("festival_id", flat=True).distinct()
    )
