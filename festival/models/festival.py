import zoneinfo
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.timezone import now


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone name. Use an IANA name such as Europe/London.",
            params={"value": value},
        )


def default_reminder_offsets() -> list[int]:
    return [24 * 60, 60]


# A festival of more days than this is not a festival; it keeps every list of days bounded.
MOST_DAYS_LISTED = 60


class FestivalQuerySet(models.QuerySet["Festival"]):
    def published(self) -> "FestivalQuerySet":
        return self.filter(is_published=True)

    def upcoming(self, *, today: date) -> "FestivalQuerySet":
        return self.filter(end_date__gte=today).order_by("start_date")

    def past(self, *, today: date) -> "FestivalQuerySet":
        return self.filter(end_date__lt=today).order_by("-start_date")


class Festival(models.Model):
    """A co-production festival: one or more events under one name and one time zone."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    timezone = models.CharField(
        max_length=64,
        default="Europe/London",
        validators=[validate_timezone],
        help_text="IANA time zone name; every time in the programme is shown in it.",
    )
    start_date = models.DateField()
    end_date = models.DateField()
    description = models.TextField(blank=True)
    access_guide = models.TextField(
        blank=True,
        help_text="Markdown. Getting there, entrances, toilets, the quiet room, who to contact.",
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_festivals", blank=True
    )
    reminder_offsets = models.JSONField(
        default=default_reminder_offsets,
        blank=True,
        help_text="Minutes before a session that reminders go out, e.g. [1440, 60].",
    )
    is_published = models.BooleanField("published", default=False)
    publish_changes_at_once = models.BooleanField(
        "publish each change at once",
        default=False,
        help_text="For the day itself: edits in the schedule editor go live without a draft.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    programme_changed_at = models.DateTimeField(
        default=now,
        editable=False,
        help_text="When anything a calendar or export shows last changed: feeds' Last-Modified "
        "and ETag come from it, so a 304 needs no feed to be built.",
    )
    places_changed_at = models.DateTimeField(
        default=now,
        editable=False,
        help_text="When a session of the festival last filled up or had a place free again: "
        "the programme's cards say which are full, so its cached pages are versioned by this.",
    )

    objects = FestivalQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="festival_ends_on_or_after_start",
                violation_error_message="The festival cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Its name and time zone are in every feed. Always now, never a value read earlier:
        # the stamp only moves forward.
        self.programme_changed_at = now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("festival-detail", kwargs={"festival": self.slug})

    def clean(self) -> None:
        offsets = self.reminder_offsets
        if not isinstance(offsets, list) or not all(
            isinstance(minutes, int) and 0 < minutes <= 60 * 24 * 28 for minutes in offsets
        ):
            raise ValidationError(
                {"reminder_offsets": "Give a list of whole minutes between 1 and 40320."}
            )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def local_datetime(self, day: date, clock: time) -> datetime:
        """The aware instant of a wall-clock time on a festival day, in the festival's zone.

        Lenient, as `datetime.combine` is: a time the clocks skip reads as an hour later and a
        time they pass twice as the first. Check times that people type before using this (the
        programme import has its own strict conversion).
        """
        return datetime.combine(day, clock, tzinfo=self.zone)

    def days(self, *, stretched_to: tuple[date, date] | None = None) -> list[date]:
        """Its dates, first to last, at most MOST_DAYS_LISTED; stretched to `stretched_to`
        (the first and last days of its sessions) when given, so that no session is lost."""
        first, last = self.start_date, self.end_date
        if stretched_to is not None:
            first, last = min(first, stretched_to[0]), max(last, stretched_to[1])
        length = min((last - first).days + 1, MOST_DAYS_LISTED)
        return [first + timedelta(days=offset) for offset in range(length)]

    def is_organiser(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        # Asked twice on most pages (by the view, and by the festival menu): remembered on
        # this instance, which lives for one request.
        answers = self.__dict__.setdefault("_organiser_answers", {})
        if user.pk not in answers:
            answers[user.pk] = self.organisers.filter(pk=user.pk).exists()
        return answers[user.pk]

    def remember_organiser(self, user, organises: bool) -> None:
        """Tell `is_organiser` the answer for `user`, read with the festival itself."""
        self.__dict__.setdefault("_organiser_answers", {})[user.pk] = organises
