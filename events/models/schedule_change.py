from django.conf import settings
from django.db import models

from events.enums import ChangeKind


class ScheduleChange(models.Model):
    """One change to a session that attendees see: the public "what's changed" log.

    Old and new values are kept whole, so a notice can say "moved from 10:00 in the Hall to
    11:30 in Room 2" even after later changes. The log outlives its session: deleting one
    leaves `session` empty, and its festival and title (as of the change) still tell what
    happened.
    """

    Kind = ChangeKind

    festival = models.ForeignKey(
        "festival.Festival",
        on_delete=models.CASCADE,
        related_name="schedule_changes",
        editable=False,
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
    )
    session_title = models.CharField(max_length=200, editable=False)
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    old_start = models.DateTimeField(null=True, blank=True)
    old_end = models.DateTimeField(null=True, blank=True)
    old_room = models.ForeignKey(
        "festival.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    new_start = models.DateTimeField(null=True, blank=True)
    new_end = models.DateTimeField(null=True, blank=True)
    new_room = models.ForeignKey(
        "festival.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who made the change in the browser (empty for an import or the admin), and the note
    # they published it with, which "What's changed" shows.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        title = self.session.title if self.session_id is not None else self.session_title
        return f"{self.get_kind_display()}: {title}"

    def save(self, *args, **kwargs) -> None:
        # Copied while the session is there, for when it no longer is.
        if self.session_id is not None:
            self.festival_id = self.session.festival_id
            self.session_title = self.session.title
        super().save(*args, **kwargs)
