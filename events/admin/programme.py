"""The admin for events, sessions and the schedule-change log.

Every edit in the admin is checked and recorded by `events.programme.rules`: one that moves,
re-rooms, cancels or restores a session goes through `events.programme.services`, so calendars see a
new SEQUENCE and attendees hear of it.
"""

import contextlib
import zoneinfo

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from events.access.forms import ProvisionsField
from events.access.selectors import STANDARD_VOCABULARY, vocabulary_of
from events.bookings.selectors import booked_sessions
from events.enums import SessionStatus
from events.formatting import DASH, span_abbreviated
from events.models import Attendance, Event, ScheduleChange, Session
from events.programme.rules import (
    capacity_problems,
    programme_problems,
    promote_after_admin_edits,
    record_admin_edits,
    times_in_database,
)
from festival.admin import FestivalScopedAdmin
from festival.models import Festival, Room


class FestivalTimeZoneAdmin(FestivalScopedAdmin):
    """Shows and reads a change form's times in its festival's zone, not the server's.

    `object_festival_lookup` finds the Festival from this admin's object pk; the
    `form_festival_lookups` find it from a form field's value (add forms, changed events).
    """

    object_festival_lookup = ""
    form_festival_lookups: dict[str, str] = {}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with timezone.override(self.festival_zone(request, object_id)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Templates render lazily: do it while the festival's zone is still active.
            if isinstance(response, TemplateResponse):
                response.render()
        return response

    def festival_zone(self, request, object_id) -> zoneinfo.ZoneInfo:
        """The zone of the festival the form names (an add form, a changed event), else the
        object's, else the server's."""
        candidates = [
            (lookup, request.POST.get(field) or request.GET.get(field))
            for field, lookup in self.form_festival_lookups.items()
        ]
        if object_id:
            candidates.append((self.object_festival_lookup, unquote(object_id)))
        for lookup, value in candidates:
            # A mistyped id in the URL or the form is the form's to report, not ours.
            with contextlib.suppress(ValueError, ValidationError):
                festival = Festival.objects.filter(**{lookup: value}).first() if value else None
                if festival is not None:
                    return festival.zone
        return timezone.get_current_timezone()


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = (
            "event",
            "title",
            "slug",
            "ref",
            "format",
            "description",
            "start",
            "end",
            "room",
            "status",
            "speakers",
            "themes",
            "capacity",
            "access",
            "content_note",
        )

    access = ProvisionsField(
        label="Access provisions",
        help_text="What the organisers arrange for this session; the room's own (step-free "
        "access, a hearing loop…) are added to these on every page.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        festival_id = self.instance.festival_id if self.instance.pk else None
        vocabulary = vocabulary_of(festival=festival_id) if festival_id else STANDARD_VOCABULARY
        self.fields["access"].choices = [(p.code, p.label) for p in vocabulary.provisions]

    def clean(self):
        cleaned_data = super().clean()
        event = cleaned_data.get("event")
        if event is None or self.errors:
            return cleaned_data
        for speaker in cleaned_data.get("speakers") or []:
            if speaker.festival_id != event.festival_id:
                self.add_error(
                    "speakers",
                    f"{speaker} speaks at another festival: add them as a speaker of "
                    f"{event.festival} first.",
                )
        candidate = Session(
            pk=self.instance.pk,
            title=cleaned_data.get("title", ""),
            slug=cleaned_data.get("slug", ""),
            ref=cleaned_data.get("ref", ""),
            start=cleaned_data["start"],
            end=cleaned_data["end"],
            room=cleaned_data["room"],
            status=cleaned_data.get("status", SessionStatus.SCHEDULED),
        )
        for field, message in programme_problems(
            festival=event.festival, sessions=[candidate], changed=[candidate]
        ):
            self.add_error(field, message)
        candidate.capacity = cleaned_data.get("capacity")
        for field, message in capacity_problems([candidate]):
            self.add_error(field, message)
        return cleaned_data


class SessionInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [form for form in self.forms if form.cleaned_data]
        problems = programme_problems(
            festival=self.instance.festival,
            sessions=[form.instance for form in rows],
            changed=[form.instance for form in rows if form.has_changed()],
        ) + capacity_problems(form.instance for form in rows if form.has_changed())
        if problems:
            raise ValidationError([message for _field, message in problems])


class SessionInline(admin.TabularInline):
    model = Session
    formset = SessionInlineFormSet
    fields = ("title", "slug", "start", "end", "room", "format", "capacity", "status", "sequence")
    readonly_fields = ("sequence",)
    prepopulated_fields = {"slug": ("title",)}
    ordering = ("start", "room__position", "title")
    extra = 0
    # Deleting makes a session vanish from calendars; cancelling keeps it, struck through.
    can_delete = False
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        venue_id = obj.venue_id if obj is not None else None

        def formfield(db_field, **field_kwargs):
            if db_field.name == "room" and venue_id:
                field_kwargs["queryset"] = Room.objects.filter(venue_id=venue_id)
            return self.formfield_for_dbfield(db_field, request=request, **field_kwargs)

        return super().get_formset(request, obj, formfield_callback=formfield, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "room":
            # Evaluated once for every row; otherwise each row's select runs its own query.
            field.choices = list(field.choices)
        return field


class RefusesDeletingBookedSessions:
    """Refuses to delete a session that people have places on or wait for, or an event that
    holds one, naming those sessions and saying to cancel them instead (the database refuses
    too: `protect_active_bookings`). Cancelled bookings go with their session.

    `sessions_path` is the lookup from Session to this admin's model.
    """

    sessions_path = "pk"
    delete_confirmation_template = "admin/events/delete_booked_confirmation.html"
    delete_selected_confirmation_template = "admin/events/delete_selected_booked_confirmation.html"

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            # Bookings are the only protected rows below a session or an event: name their
            # sessions rather than the people booked.
            sessions = Session.objects.filter(
                **{f"{self.sessions_path}__in": [obj.pk for obj in objs]}
            )
            booked = booked_sessions(sessions=sessions)
            protected = [booked_line(session) for session in booked] or protected
        # A cancelled booking holds no place and goes with its session, though the bookings
        # admin lets no one delete one by itself.
        perms_needed.discard(Attendance._meta.verbose_name)
        return deleted, counts, perms_needed, protected


def booked_line(session: Session) -> str:
    """Like "Opening talk (Mon 5 Jul 2027, 10:00-11:00 BST): 3 going, 1 on the waitlist",
    linked to the session's change page."""
    counts = [f"{session.going} going"] if session.going else []
    if session.waitlisted:
        counts.append(f"{session.waitlisted} on the waitlist")
    return format_html(
        '<a href="{}">{}</a> ({}): {}',
        reverse("admin:events_session_change", args=[session.pk]),
        session.title,
        span_abbreviated(session.start, session.end, session.festival.zone),
        ", ".join(counts),
    )


@admin.register(Event)
class EventAdmin(RefusesDeletingBookedSessions, FestivalTimeZoneAdmin):
    object_festival_lookup = "events__pk"
    form_festival_lookups = {"festival": "pk"}
    sessions_path = "event"
    list_display = ("title", "festival", "venue", "when", "session_count")
    list_filter = (
        ("festival", admin.RelatedOnlyFieldListFilter),
        ("venue", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("festival", "venue")
    search_fields = ("title", "festival__name", "venue__name")
    date_hierarchy = "start"
    ordering = ("start", "title")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("venue",)
    inlines = (SessionInline,)
    fieldsets = (
        (None, {"fields": ("festival", "title", "slug", "venue", "description")}),
        ("When", {"fields": ("start", "end"), "description": "In the festival's time zone."}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_total=Count("sessions"))

    def get_inlines(self, request, obj):
        # Sessions are checked against their saved event (times, venue, the festival's
        # slugs): the add form saves the event first, then its sessions are added here.
        return self.inlines if obj is not None else ()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "festival" in form.base_fields:
            # Sessions copy their festival from the event: moving it would split the two.
            # Disabled rather than read-only, so the festival's unique slugs are still checked.
            form.base_fields["festival"].disabled = True
        return form

    @admin.display(description="when", ordering="start")
    def when(self, event: Event) -> str:
        return span_abbreviated(event.start, event.end, event.festival.zone)

    @admin.display(description="sessions", ordering="session_total")
    def session_count(self, event: Event) -> int:
        return event.session_total

    def save_formset(self, request, form, formset, change):
        if formset.model is not Session:
            return super().save_formset(request, form, formset, change)
        before = times_in_database(row.instance.pk for row in formset.initial_forms)
        festival_had_sessions = Session.objects.filter(festival=form.instance.festival).exists()
        saved = formset.save()
        record_admin_edits(saved=saved, before=before, festival_had_sessions=festival_had_sessions)
        promote_after_admin_edits(saved=saved)
        return None


@admin.register(Session)
class SessionAdmin(RefusesDeletingBookedSessions, FestivalTimeZoneAdmin):
    form = SessionAdminForm
    object_festival_lookup = "sessions__pk"
    form_festival_lookups = {"event": "events__pk"}
    list_display = (
        "title",
        "when",
        "room",
        "event",
        "format",
        "capacity",
        "status",
        "speaker_names",
        "sequence",
    )
    list_filter = (
        ("festival", admin.RelatedOnlyFieldListFilter),
        ("event", admin.RelatedOnlyFieldListFilter),
        ("room", admin.RelatedOnlyFieldListFilter),
        "format",
        "status",
    )
    list_select_related = ("festival", "event", "room")
    search_fields = ("title", "ref", "speakers__name")
    date_hierarchy = "start"
    ordering = ("start", "room__position", "title")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("event", "room", "speakers", "themes")
    readonly_fields = ("uid", "sequence", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("event", "title", "slug", "ref", "format", "description")}),
        ("Access", {"fields": ("access", "content_note")}),
        (
            "When and where",
            {
                "fields": ("start", "end", "room", "status"),
                "description": (
                    "In the festival's time zone. Changing these tells calendars and "
                    "everyone booked; cancel rather than delete, so calendars show it."
                ),
            },
        ),
        ("People and themes", {"fields": ("speakers", "themes", "capacity")}),
        ("For calendars", {"fields": ("uid", "sequence", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("speakers")

    @admin.display(description="when", ordering="start")
    def when(self, session: Session) -> str:
        return span_abbreviated(session.start, session.end, session.festival.zone)

    @admin.display(description="speakers")
    def speaker_names(self, session: Session) -> str:
        return ", ".join(speaker.name for speaker in session.speakers.all())

    def save_model(self, request, obj, form, change):
        before = times_in_database([obj.pk]) if change else {}
        festival_had_sessions = Session.objects.filter(festival=obj.event.festival_id).exists()
        super().save_model(request, obj, form, change)
        record_admin_edits(saved=[obj], before=before, festival_had_sessions=festival_had_sessions)
        promote_after_admin_edits(saved=[obj])


@admin.register(ScheduleChange)
class ScheduleChangeAdmin(FestivalTimeZoneAdmin):
    """The public "what's changed" log: written by the services only, never by hand."""

    object_festival_lookup = "schedule_changes__pk"
    list_display = ("session", "festival", "kind", "was", "now", "created_at")
    list_filter = ("kind", ("festival", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("festival", "session", "old_room", "new_room")
    search_fields = ("session_title", "session__title", "session__ref")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Superusers only, so that deleting a festival (which takes its log with it) still
        # works; organisers cannot rewrite what attendees were told.
        return request.user.is_superuser

    @admin.display(description="was")
    def was(self, change: ScheduleChange) -> str:
        if change.old_start is None:
            return DASH
        zone = change.festival.zone
        return f"{span_abbreviated(change.old_start, change.old_end, zone)}, {change.old_room}"

    @admin.display(description="now")
    def now(self, change: ScheduleChange) -> str:
        zone = change.festival.zone
        return f"{span_abbreviated(change.new_start, change.new_end, zone)}, {change.new_room}"
