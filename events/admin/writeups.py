"""Write-ups in the admin: edited and published through `events.writeups.services`, so
publishing tells attendees once and never again."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils.translation import ngettext

from events.models import WriteUp
from events.writeups.services import (
    INCOMPLETE,
    WriteUpContent,
    publish_writeup,
    unpublish_writeups,
    update_writeup,
)
from festival.admin import FestivalScopedAdmin
from festival.models import Festival, Story


class WriteUpAdminForm(forms.ModelForm):
    """The words and story links of a write-up; who, which session and when are not edited
    here. The Markdown fields are plain text areas, as on the site's own form."""

    class Meta:
        model = WriteUp
        fields = ("title", "summary", "body", "what_worked", "challenges", "next_time", "stories")

    def clean(self):
        cleaned_data = super().clean()
        complete = self.errors or content_from(cleaned_data).is_complete
        if self.instance.is_published and not complete:
            raise ValidationError(INCOMPLETE)
        return cleaned_data


def content_from(cleaned_data: dict) -> WriteUpContent:
    return WriteUpContent(
        **{name: cleaned_data.get(name) or "" for name in WriteUpContent.TEXT_FIELDS},
        stories=tuple(cleaned_data.get("stories") or ()),
    )


def is_complete(writeup: WriteUp) -> bool:
    words = WriteUpContent(title=writeup.title, summary=writeup.summary, body=writeup.body)
    return words.is_complete


@admin.register(WriteUp)
class WriteUpAdmin(FestivalScopedAdmin):
    """Speakers write on the site; organisers correct, publish and unpublish here.

    Saving goes through `update_writeup` ("Last edited" once published, links to stories
    unpublished since kept); publishing through `publish_writeup`, which emails the session's
    attendees the first time only. Status and dates change only by the actions.
    """

    form = WriteUpAdminForm
    festival_path = "session__festival"
    list_display = ("title", "session", "festival", "author_name", "status", "published_at")
    list_filter = ("status", ("session__festival", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("session__festival",)
    search_fields = ("title", "author_name", "session__title", "session__ref")
    date_hierarchy = "published_at"
    # Drafts first, on every database (PostgreSQL and SQLite sort NULLs apart by default).
    ordering = (F("published_at").desc(nulls_first=True), "-created_at")
    filter_horizontal = ("stories",)
    readonly_fields = (
        "session",
        "author_name",
        "slug",
        "status",
        "published_at",
        "edited_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("session", "author_name", "title", "slug", "summary")}),
        (
            "The write-up",
            {
                "fields": ("body", "what_worked", "challenges", "next_time"),
                "description": "Markdown: *emphasis*, ## headings, - lists, [links](https://...).",
            },
        ),
        ("Hub stories", {"fields": ("stories",)}),
        ("Status", {"fields": ("status", "published_at", "edited_at", "created_at", "updated_at")}),
    )
    actions = ("publish", "unpublish")

    def has_add_permission(self, request):
        # Started on the site, where `create_writeup` checks who may write up the session.
        return False

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "stories":
            # The author's choice, not the organiser's scope: any published Hub story.
            kwargs["queryset"] = Story.objects.published().order_by("title")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="festival", ordering="session__festival__name")
    def festival(self, writeup: WriteUp) -> Festival:
        return writeup.session.festival

    def save_model(self, request, obj, form, change):
        update_writeup(writeup=obj, content=content_from(form.cleaned_data), publish=False)

    def save_related(self, request, form, formsets, change):
        # `update_writeup` has set the story links already (keeping unpublished ones).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description="Publish", permissions=["change"])
    def publish(self, request, queryset: QuerySet[WriteUp]) -> None:
        published, incomplete = 0, []
        for writeup in queryset.filter(status=WriteUp.Status.DRAFT).select_related("session"):
            if not is_complete(writeup):
                incomplete.append(writeup.title)
                continue
            publish_writeup(writeup=writeup)
            published += 1
        self.message_user(
            request,
            ngettext("%d write-up published.", "%d write-ups published.", published) % published,
        )
        if incomplete:
            self.message_user(
                request,
                f"Not published: {', '.join(incomplete)}. {INCOMPLETE}",
                messages.WARNING,
            )

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset: QuerySet[WriteUp]) -> None:
        count = unpublish_writeups(queryset.filter(status=WriteUp.Status.PUBLISHED))
        self.message_user(
            request,
            ngettext("%d write-up is a draft again.", "%d write-ups are drafts again.", count)
            % count,
        )
