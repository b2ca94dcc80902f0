import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from events.enums import SessionFormat, SessionPhase, SessionStatus


class Session(models.Model):
    """One slot of the programme: a talk, workshop, conversation, happening…"""

    Format = SessionFormat
    Status = SessionStatus

    # Denormalised from the event so that the database can hold "one slug and one ref per
    # festival" and the timetable can filter without a join. `save` copies it; a trigger
    # (migration 0009) refuses any row whose festival is not its event's, however written.
    festival = models.ForeignKey(
        "festival.Festival", on_delete=models.CASCADE, related_name="sessions", editable=False
    )
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120)
    uid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable identity for calendars; never changes.",
    )
    ref = models.CharField(
        max_length=64,
        blank=True,
        help_text="The organiser's own key from the spreadsheet; re-imports match on it.",
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    room = models.ForeignKey("festival.Room", on_delete=models.PROTECT, related_name="sessions")
    format = models.CharField(max_length=16, choices=SessionFormat.choices)
    speakers = models.ManyToManyField("festival.Speaker", related_name="sessions", blank=True)
    themes = models.ManyToManyField("festival.Tag", related_name="sessions", blank=True)
    description = models.TextField(blank=True)
    access = models.JSONField(
        "access provisions",
        default=list,
        blank=True,
        help_text="Codes of what the organisers arrange for this session (BSL, captions…); "
        "the room's own provisions are added to them.",
    )
    content_note = models.TextField(
        blank=True, help_text="What people may want to know first: themes, flashing lights…"
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Places that can be booked; blank means drop-in."
    )
    status = models.CharField(
        max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(
        default=0, help_text="iCalendar SEQUENCE: goes up on every change a calendar shows."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("festival", "slug", name="session_slug_unique_per_festival"),
            models.UniqueConstraint(
                "festival",
                "ref",
                condition=~models.Q(ref=""),
                name="session_ref_unique_per_festival",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="session_ends_after_start",
                violation_error_message="The session must end after it starts.",
            ),
        ]
        indexes = [models.Index(fields=["festival", "start"], name="session_festival_start")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.festival_id = self.event.festival_id
        # One order for the same provisions, whoever writes them (admin, import, editor):
        # pages show them in the vocabulary's order anyway, and an order that differs would
        # count as a change to publish.
        self.access = sorted(set(self.access))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "session-detail", kwargs={"festival": self.festival.slug, "session": self.slug}
        )

    def clean(self) -> None:
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The session must end after it starts."
        event = self.event if self.event_id else None
        if event and self.start and self.end and (self.start < event.start or self.end > event.end):
            errors["start"] = "The session must fall inside its event's times."
        if event and self.room_id and self.room.venue_id != event.venue_id:
            errors["room"] = f"Choose a room at {event.venue}, where the event is held."
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def is_drop_in(self) -> bool:
        return self.capacity is None

    def phase_at(self, now) -> SessionPhase:
        """Where it stands at `now`: to come, started, or over."""
        if self.end <= now:
            return SessionPhase.OVER
        if self.start <= now:
            return SessionPhase.STARTED
        return SessionPhase.UPCOMING
