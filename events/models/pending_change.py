from django.conf import settings
from django.db import models

from events.enums import PendingChangeState

# The cells that place a session in the timetable: a new session's draft without any of them
# waits in the editor's tray until it is placed.
PLACEMENT = ("date", "start", "end", "room")


class PendingChangeQuerySet(models.QuerySet["PendingChange"]):
    def drafts(self) -> "PendingChangeQuerySet":
        return self.filter(state=PendingChangeState.DRAFT)


class PendingChange(models.Model):
    """An organiser's edit of one session, or a new session, made in the browser.

    While a draft, only the festival's organisers see it: the sessions table stays the
    published programme, so public pages, feeds, exports, reminders and notices cannot see
    a draft. Publishing applies the row through the import (one path for every change) and
    keeps this row as the organisers' history: who changed what, and when.

    `row` is the session in the import's own columns (`ref`, `event`, `date`, `start`, ...,
    all text), so a form and a CSV row are checked by the same rules. `base_row` is the
    session as the organiser found it (None for a new session): a later save that started
    from something else is refused rather than overwriting another organiser's change.
    """

    State = PendingChangeState

    festival = models.ForeignKey(
        "festival.Festival", on_delete=models.CASCADE, related_name="pending_changes"
    )
    # Empty for a new session until it is published; then the session it made.
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pending_changes",
    )
    ref = models.CharField(max_length=64, help_text="The row's ref: what the import matches on.")
    row = models.JSONField()
    base_row = models.JSONField(null=True, blank=True)
    state = models.CharField(
        max_length=16, choices=PendingChangeState.choices, default=PendingChangeState.DRAFT
    )
    # Who last saved it: the name a conflicting save is told about.
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        constraints = [
            # One draft per session: a second edit of it changes the draft.
            models.UniqueConstraint(
                fields=["festival", "ref"],
                condition=models.Q(state="draft"),
                name="one_draft_per_session",
            ),
        ]
        indexes = [models.Index(fields=["festival", "state"], name="pending_change_state")]

    def __str__(self) -> str:
        return f"{self.get_state_display()}: {self.row.get('title', self.ref)}"

    @property
    def is_new_session(self) -> bool:
        return self.base_row is None

    @property
    def is_placed(self) -> bool:
        return any(self.row.get(cell) for cell in PLACEMENT)
