from django.db import models
from django.urls import reverse


class Event(models.Model):
    """A dated gathering of a festival at one venue; sessions happen inside it."""

    festival = models.ForeignKey(
        "festival.Festival", on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    venue = models.ForeignKey("festival.Venue", on_delete=models.PROTECT, related_name="events")
    start = models.DateTimeField()
    end = models.DateTimeField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["start", "title"]
        constraints = [
            models.UniqueConstraint("festival", "slug", name="event_slug_unique_per_festival"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="event_ends_after_start",
                violation_error_message="The event must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("festival-detail", kwargs={"festival": self.festival.slug}) + (
            f"#event-{self.slug}"
        )
