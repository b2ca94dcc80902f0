from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Tag(models.Model):
    """A theme: tags Hub stories and, as "themes", sessions."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    # Part of the stories' stamp (festival/page_stamps.py): a renamed tag renames its pages.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StoryQuerySet(models.QuerySet["Story"]):
    def published(self) -> "StoryQuerySet":
        """Published stories whose publication time has come: a story can be scheduled."""
        return self.filter(status=Story.Status.PUBLISHED, published_at__lte=timezone.now())


class Story(models.Model):
    """An Ideas Hub article: what happened, including the challenges and failures."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    author = models.CharField(max_length=200, help_text="The name shown under the title.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
    )
    festival = models.ForeignKey(
        "festival.Festival",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        help_text="The festival the story is about, if any.",
    )
    standfirst = models.TextField(blank=True, help_text="One or two sentences under the title.")
    body = models.TextField(help_text="Markdown.")
    tags = models.ManyToManyField(Tag, related_name="stories", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name_plural = "stories"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="story_published_has_date",
                violation_error_message="A published story needs a publication date.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("story-detail", kwargs={"story": self.slug})
