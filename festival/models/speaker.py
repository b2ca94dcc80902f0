from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Speaker(models.Model):
    """A speaker or facilitator at one festival; linked to a user who signs up with the email."""

    festival = models.ForeignKey(
        "festival.Festival", on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    bio = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_profiles",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("festival", "slug", name="speaker_slug_unique_per_festival"),
            # Lower(): the programme import matches speakers' emails case-insensitively, so
            # "Mel@X.org" beside "mel@x.org" would make one person two speakers.
            models.UniqueConstraint(
                models.F("festival"),
                Lower("email"),
                condition=~models.Q(email=""),
                name="speaker_email_ci_unique_per_festival",
                violation_error_message="Another speaker at this festival has this email address.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "speaker-detail", kwargs={"festival": self.festival.slug, "speaker": self.slug}
        )
