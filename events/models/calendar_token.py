from django.conf import settings
from django.db import models
from django.utils import timezone

from events.enums import CalendarAlarm


class CalendarToken(models.Model):
    """A person's private calendar link (`/calendar/<token>.ics`), kept only as a hash.

    The token itself is shown once, when it is made; the database holds its SHA-256, so a copy
    of the database opens no one's calendar. Making a new link replaces the hash, and the old
    address answers 404 from then on.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    reminder_minutes = models.PositiveIntegerField(
        "reminder",
        choices=CalendarAlarm.choices,
        null=True,
        blank=True,
        help_text="An alarm in the calendar app this long before each session with a place.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # The plain token: set only on the row `make_calendar_link` returns, never stored.
    token = ""

    class Meta:
        verbose_name = "calendar link"

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"
