from django.conf import settings
from django.db import models
from django.urls import reverse

from events.enums import WriteUpStatus


class WriteUpQuerySet(models.QuerySet["WriteUp"]):
    def published(self) -> "WriteUpQuerySet":
        """Published write-ups, whether or not their festival is public yet: for pages that
        are themselves only seen when it is (the session and speaker pages)."""
        return self.filter(status=WriteUpStatus.PUBLISHED)

    def public(self) -> "WriteUpQuerySet":
        """What anyone may read: published, of a published festival."""
        return self.published().filter(session__festival__is_published=True)


class WriteUp(models.Model):
    """A speaker's (or organiser's) account of a session: what happened, what worked, the
    challenges and failures, and what they would do differently, linked to Hub stories.

    A draft is seen only by its author and the festival's organisers. The slug stays fixed once
    it has been published: feeds, emails and calendars carry the address.
    """

    Status = WriteUpStatus

    session = models.ForeignKey("events.Session", on_delete=models.CASCADE, related_name="writeups")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="writeups",
    )
    # Kept on the row: the public name (never the email) stays if the account goes.
    author_name = models.CharField(max_length=200, help_text="The name shown under the title.")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(blank=True, help_text="Plain text: a sentence or two.")
    body = models.TextField("what happened", blank=True, help_text="Markdown.")
    what_worked = models.TextField(blank=True, help_text="Markdown.")
    challenges = models.TextField("challenges and failures", blank=True, help_text="Markdown.")
    next_time = models.TextField(
        "what we'd do differently next time", blank=True, help_text="Markdown."
    )
    stories = models.ManyToManyField("festival.Story", related_name="writeups", blank=True)
    status = models.CharField(
        max_length=16, choices=WriteUpStatus.choices, default=WriteUpStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(
        null=True, blank=True, help_text="When its words last changed after it was published."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WriteUpQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = "write-up"
        constraints = [
            models.UniqueConstraint(
                "session",
                "author",
                condition=models.Q(author__isnull=False),
                name="writeup_one_per_author_session",
                violation_error_message="You have already started a write-up of this session.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=WriteUpStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="writeup_published_has_date",
                violation_error_message="A published write-up needs a publication date.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="writeup_status_published"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("writeup-detail", kwargs={"writeup": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == WriteUpStatus.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == WriteUpStatus.DRAFT

    @property
    def updated_or_published_at(self):
        """The time a feed reader should show as "updated"."""
        return self.edited_at or self.published_at


class WriteUpOptOut(models.Model):
    """A person who wants no emails when a session they had a place on is written up."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="writeup_opt_out"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "write-up email opt-out"

    def __str__(self) -> str:
        return f"No write-up emails for {self.user}"
