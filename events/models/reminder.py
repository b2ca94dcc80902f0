from django.conf import settings
from django.db import models

from events.enums import RemindersWanted

# Not sent, not cancelled, not given up on: what a scan may still send.
REMINDER_WAITING = models.Q(sent_at__isnull=True, cancelled_at__isnull=True, failed_at__isnull=True)
# A change notice is never cancelled: it is sent or given up on.
NOTICE_WAITING = models.Q(sent_at__isnull=True, failed_at__isnull=True)


class ReminderQuerySet(models.QuerySet["Reminder"]):
    def due(self, *, now) -> "ReminderQuerySet":
        """Unsent, not cancelled, not given up on, and due: what a scan claims."""
        return self.filter(REMINDER_WAITING, due_at__lte=now)


class Reminder(models.Model):
    """One message to one person about one session: the row is the truth of what was sent.

    `kind` names the message: "before:1440" (an attendee's reminder a day before),
    "speaker-before:60", "write-up-prompt". A scan claims due rows with
    select_for_update(skip_locked=True) and sets `sent_at` in the same transaction.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    session = models.ForeignKey(
        "events.Session", on_delete=models.CASCADE, related_name="reminders"
    )
    attendance = models.ForeignKey(
        "events.Attendance",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    speaker = models.ForeignKey(
        "festival.Speaker", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=32)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set after the last attempt failed; shown to organisers."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint("user", "session", "kind", name="reminder_one_per_kind"),
        ]
        indexes = [
            # The scan's query: only rows still waiting are indexed, so the index stays small
            # however many reminders have been sent.
            models.Index(
                fields=["due_at"],
                condition=REMINDER_WAITING,
                name="reminder_waiting_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user} · {self.session}"


class ReminderSettings(models.Model):
    """What reminders a person wants: all of the festival's, only the last one, or none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    reminders = models.CharField(
        max_length=8, choices=RemindersWanted.choices, default=RemindersWanted.ALL
    )
    change_notices = models.BooleanField(
        default=True, help_text="Email me when a session I booked moves or is cancelled."
    )

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"{self.user}: {self.get_reminders_display()}"


class ChangeNotice(models.Model):
    """One email that sums up the changes to a person's sessions within a short window.

    Changes gather on the person's one open notice (unsent, not failed) until `due_at`, the
    first change's time plus the debounce window; a scan then sends it like a reminder.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="change_notices"
    )
    changes = models.ManyToManyField("events.ScheduleChange", related_name="notices")
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "user",
                condition=NOTICE_WAITING,
                name="change_notice_one_open_per_user",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=NOTICE_WAITING,
                name="change_notice_waiting_due",
            ),
        ]

    def __str__(self) -> str:
        return f"Change notice for {self.user}"
