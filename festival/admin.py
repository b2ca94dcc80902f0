"""The admin for festivals, venues, speakers and the Hub, set up for an organiser's day.

Organisers who are not superusers see and change only their own rows: their festivals' rows
(`FestivalScopedAdmin`, which `events.admin` builds on), the venues and rooms their festivals
use, and the stories about their festivals or sent in by them (`OrganiserScopedAdmin`).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from festival.models import (
    BUILDING_PROVISIONS,
    AccessProvision,
    Festival,
    OutboxMessage,
    Room,
    Speaker,
    Story,
    Tag,
    User,
    Venue,
)
from festival.outbox.services import retry_messages

admin.site.site_header = "Convene"
admin.site.site_title = "Convene admin"
admin.site.index_title = "Organise your festivals"


class ScopedChoicesAdmin(admin.ModelAdmin):
    """Limits the choices of foreign keys and many-to-many fields that point at an
    `OrganiserScopedAdmin` model, so an organiser cannot pick another festival's rows."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self.scope_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self.scope_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def scope_choices(self, db_field, request, kwargs) -> None:
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if (
            "queryset" not in kwargs
            and not request.user.is_superuser
            and isinstance(related_admin, OrganiserScopedAdmin)
        ):
            kwargs["queryset"] = related_admin.get_queryset(request)


class OrganiserScopedAdmin(ScopedChoicesAdmin):
    """Limits non-superusers to the rows `scope` leaves them: in lists, change pages,
    actions, autocompletes and other admins' choices."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope(queryset, request.user)

    def scope(self, queryset: QuerySet, user: User) -> QuerySet:
        raise NotImplementedError(
            f"Give {type(self).__name__} a scope(queryset, user) method returning the rows a "
            "non-superuser may see."
        )


class FestivalScopedAdmin(OrganiserScopedAdmin):
    """Limits non-superusers to the rows of festivals they organise.

    `festival_path` is the lookup from the model to its festival ("" for Festival itself).
    """

    festival_path = "festival"

    def scope(self, queryset: QuerySet, user: User) -> QuerySet:
        organisers = f"{self.festival_path}__organisers" if self.festival_path else "organisers"
        return queryset.filter(**{organisers: user})


# Venues and rooms are shared: one building can host several festivals' events. An organiser
# sees (and can hold events at) the venues their festivals use, and the venues no festival
# uses yet, so that one they have just added can be picked for their first event there; no
# programme depends on an unused venue. They change a venue and its rooms only while no other
# organiser's festival uses it: renaming or deleting a room there would rewrite that
# festival's programme. A venue shared that way is read-only to them; a superuser changes it.
# (These follow `events` backwards by lookup name only: `festival` still imports nothing of it.)


def venues_open_to(user: User) -> QuerySet[Venue]:
    """Venues a non-superuser sees: used by their festivals' events, or by no event yet."""
    theirs = Venue.objects.filter(events__festival__organisers=user).values("pk")
    in_use = Venue.objects.filter(events__isnull=False).values("pk")
    return Venue.objects.filter(Q(pk__in=theirs) | ~Q(pk__in=in_use))


def venues_changeable_by(user: User) -> QuerySet[Venue]:
    """Venues a non-superuser may change, with their rooms: open to them and used by no
    festival they do not organise."""
    others = Festival.objects.exclude(organisers=user)
    shared = Venue.objects.filter(events__festival__in=others).values("pk")
    return venues_open_to(user).exclude(pk__in=shared)


def may_change_venue(user: User, venue_id: int) -> bool:
    return user.is_superuser or venues_changeable_by(user).filter(pk=venue_id).exists()


class UserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    """Django's user admin with the email address as the login and no username."""

    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("name", "first_name", "last_name")}),
        (
            "Permissions",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "name", "is_staff", "is_superuser", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "name", "first_name", "last_name")
    ordering = ("email",)


class AccessProvisionInline(admin.TabularInline):
    """The festival's own provisions, beside the standard ones every festival has."""

    model = AccessProvision
    fields = ("code", "label", "explanation")
    extra = 0
    verbose_name = "access provision of this festival's own"
    verbose_name_plural = (
        "access provisions of this festival's own (the standard ones, such as step-free "
        "access and BSL, are always there)"
    )


@admin.register(Festival)
class FestivalAdmin(FestivalScopedAdmin):
    festival_path = ""
    list_display = (
        "name",
        "start_date",
        "end_date",
        "timezone",
        "is_published",
        "session_count",
    )
    list_filter = ("is_published",)
    search_fields = ("name", "slug")
    date_hierarchy = "start_date"
    ordering = ("-start_date", "name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organisers",)
    readonly_fields = ("created_at", "updated_at")
    actions = ("publish", "unpublish")
    inlines = (AccessProvisionInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "is_published")}),
        ("Access", {"fields": ("access_guide",)}),
        ("Dates", {"fields": ("start_date", "end_date", "timezone", "reminder_offsets")}),
        ("People", {"fields": ("organisers",)}),
        ("History", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_total=Count("sessions"))

    def get_readonly_fields(self, request, obj=None):
        # Picking organisers means searching every account, which only superusers may do.
        if request.user.is_superuser:
            return self.readonly_fields
        return (*self.readonly_fields, "organisers")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Otherwise an organiser who adds a festival could not see it afterwards.
        if not change and not request.user.is_superuser:
            form.instance.organisers.add(request.user)

    @admin.display(description="sessions", ordering="session_total")
    def session_count(self, festival: Festival) -> int:
        return festival.session_total

    @admin.action(description="Publish the selected festivals", permissions=["change"])
    def publish(self, request, queryset):
        self.set_published(request, queryset, published=True)

    @admin.action(description="Unpublish the selected festivals", permissions=["change"])
    def unpublish(self, request, queryset):
        self.set_published(request, queryset, published=False)

    def set_published(self, request, queryset, *, published: bool) -> None:
        # update() skips auto_now, and feeds compare updated_at: set it by hand.
        count = (
            Festival.objects.filter(pk__in=queryset.values("pk"))
            .exclude(is_published=published)
            # programme_changed_at too: publishing shows (or hides) every feed's sessions.
            .update(
                is_published=published,
                updated_at=timezone.now(),
                programme_changed_at=timezone.now(),
            )
        )
        verb = "Published" if published else "Unpublished"
        self.message_user(
            request,
            ngettext(f"{verb} {count} festival.", f"{verb} {count} festivals.", count),
            messages.SUCCESS,
        )


class RoomForm(forms.ModelForm):
    access = forms.MultipleChoiceField(
        required=False,
        label="Access provisions",
        choices=[(provision.code, provision.label) for provision in BUILDING_PROVISIONS],
        widget=forms.CheckboxSelectMultiple,
        help_text="What the building gives in this room.",
    )

    class Meta:
        model = Room
        fields = ("venue", "name", "position", "capacity", "access", "accessibility_notes")


class RoomInline(admin.TabularInline):
    model = Room
    form = RoomForm
    fields = ("name", "position", "capacity", "access", "accessibility_notes")
    ordering = ("position", "name")
    extra = 1
    show_change_link = True
    # No permission hooks of its own: Django shows inlines read-only when their venue is.


@admin.register(Venue)
class VenueAdmin(OrganiserScopedAdmin):
    list_display = ("name", "address", "room_count")
    search_fields = ("name", "address")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (RoomInline,)
    # A map link typed without a scheme is an https one (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def scope(self, queryset: QuerySet, user: User) -> QuerySet:
        return queryset.filter(pk__in=venues_open_to(user).values("pk"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(room_total=Count("rooms"))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_venue(request.user, obj.pk))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_venue(request.user, obj.pk))

    @admin.display(description="rooms", ordering="room_total")
    def room_count(self, venue: Venue) -> int:
        return venue.room_total


@admin.register(Room)
class RoomAdmin(OrganiserScopedAdmin):
    form = RoomForm
    fields = ("venue", "name", "capacity", "access", "accessibility_notes", "position")
    list_display = ("name", "venue", "position", "capacity")
    list_filter = (("venue", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("venue",)
    search_fields = ("name", "venue__name")
    autocomplete_fields = ("venue",)
    ordering = ("venue__name", "position", "name")

    def scope(self, queryset: QuerySet, user: User) -> QuerySet:
        return queryset.filter(venue__in=venues_open_to(user).values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "venue" and not request.user.is_superuser:
            # A new room belongs to a venue the organiser may change, not to a shared one.
            kwargs["queryset"] = venues_changeable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_venue(request.user, obj.venue_id))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_venue(request.user, obj.venue_id))


@admin.register(Speaker)
class SpeakerAdmin(FestivalScopedAdmin):
    list_display = ("name", "festival", "email", "user", "session_count")
    list_filter = (("festival", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("festival", "user")
    search_fields = ("name", "email")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("user",)
    ordering = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_total=Count("sessions"))

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        # Linking an account means searching every account, which only superusers may do.
        return (*self.readonly_fields, "user")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "festival" in form.base_fields:
            # A speaker's sessions belong to their festival: moving them would split the two.
            # Disabled rather than read-only, so the festival's unique slugs are still checked.
            form.base_fields["festival"].disabled = True
        return form

    @admin.display(description="sessions", ordering="session_total")
    def session_count(self, speaker: Speaker) -> int:
        return speaker.session_total


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Themes are shared by every festival's sessions and stories and belong to none, so
    renaming or deleting one changes everyone's: the demo's Organisers may add and view
    them, and changing them is left to superusers (or a group given change_tag on purpose)."""

    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Story)
class StoryAdmin(OrganiserScopedAdmin):
    list_display = ("title", "author", "festival", "status", "published_at")
    # Related-only: a plain filter would list every festival, unpublished ones included.
    list_filter = (
        "status",
        ("festival", admin.RelatedOnlyFieldListFilter),
        ("tags", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("festival",)
    search_fields = ("title", "author", "standfirst")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("tags", "festival", "submitted_by")
    readonly_fields = ("created_at", "updated_at")
    actions = ("publish",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "author", "standfirst", "body")}),
        ("Links", {"fields": ("festival", "tags", "submitted_by")}),
        ("Publishing", {"fields": ("status", "published_at", "created_at", "updated_at")}),
    )

    def scope(self, queryset: QuerySet, user: User) -> QuerySet:
        # A subquery, not a join: a festival with several organisers would list a story twice.
        theirs = Festival.objects.filter(organisers=user).values("pk")
        return queryset.filter(Q(festival__in=theirs) | Q(submitted_by=user))

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        return (*self.readonly_fields, "submitted_by")

    def save_model(self, request, obj, form, change):
        if not change and obj.submitted_by_id is None:
            obj.submitted_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected stories now", permissions=["change"])
    def publish(self, request, queryset):
        # Stories already out keep their date, so the Hub's order does not jump about.
        now = timezone.now()
        count = (
            Story.objects.filter(pk__in=queryset.values("pk"))
            .exclude(status=Story.Status.PUBLISHED)
            .update(status=Story.Status.PUBLISHED, published_at=now, updated_at=now)
        )
        self.message_user(
            request,
            ngettext(f"Published {count} story.", f"Published {count} stories.", count),
            messages.SUCCESS,
        )


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Every email owed, sent or given up, for the people who run the site (superusers only:
    it names people of every festival). Read only, with one action: once the cause is fixed
    (an address corrected, the mail server back), try given-up messages again."""

    list_display = ["kind", "recipient", "festival", "due_at", "sent_at", "failed_at"]
    list_display += ["cancelled_at", "attempts", "last_error"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    list_filter += [("failed_at", admin.EmptyFieldListFilter)]
    list_select_related = ("festival",)
    search_fields = ("recipient", "dedupe_key")
    actions = ["try_again"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Try the selected unsent messages again now")
    def try_again(self, request, queryset: QuerySet) -> None:
        retried = retry_messages(queryset)
        said = ngettext(
            "%d message will be tried again.", "%d messages will be tried again.", retried
        )
        self.message_user(request, said % retried, messages.SUCCESS)
