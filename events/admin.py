"""The admin for events, sessions and the schedule-change log.

Every edit in the admin that moves, re-rooms, cancels or restores a session goes through
`events.services`, so calendars see a new SEQUENCE and attendees hear of it.
"""

import contextlib
import zoneinfo
from datetime import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils import dateformat, timezone

from events.enums import SessionStatus
from events.models import Event, ScheduleChange, Session
from events.services import SessionTimes, record_session_added, record_session_change
from festival.admin import FestivalScopedAdmin
from festival.models import Festival, Room

DASH = "\N{EN DASH}"


def local_span(start: datetime | None, end: datetime | None, zone: zoneinfo.ZoneInfo) -> str:
    """Tue 28 Jul 2026, 10:00 to 11:00, in the festival's zone whatever the server's."""
    if start is None or end is None:
        return DASH
    start, end = timezone.localtime(start, zone), timezone.localtime(end, zone)
    if start.date() == end.date():
        return f"{dateformat.format(start, 'D j M Y, H:i')}{DASH}{dateformat.format(end, 'H:i')}"
    return (
        f"{dateformat.format(start, 'D j M, H:i')} {DASH} {dateformat.format(end, 'D j M Y, H:i')}"
    )


def programme_problems(
    *, festival: Festival, sessions: list[Session], changed: list[Session]
) -> list[tuple[str, str]]:
    """(field, message) for each thing the database or the timetable would refuse.

    `sessions` are all the rows about to be saved together and `changed` those of them to
    check. The festival is copied from the event on save, so the form cannot check the
    festival's unique slugs and refs itself.
    """
    return taken_identifiers(festival=festival, sessions=sessions, changed=changed) + (
        room_clashes(festival=festival, sessions=sessions, changed=changed)
    )


def taken_identifiers(
    *, festival: Festival, sessions: list[Session], changed: list[Session]
) -> list[tuple[str, str]]:
    others = Session.objects.filter(festival=festival).exclude(
        pk__in=[session.pk for session in sessions if session.pk]
    )
    problems = []
    for field in ("slug", "ref"):
        wanted = [getattr(session, field) for session in changed if getattr(session, field)]
        taken = set(others.filter(**{f"{field}__in": wanted}).values_list(field, flat=True))
        taken |= {getattr(session, field) for session in sessions if session not in changed}
        for value in wanted:
            if value in taken:
                problems.append(
                    (field, f"Another session at this festival has the {field} “{value}”.")
                )
            taken.add(value)
    return problems


def room_clashes(
    *, festival: Festival, sessions: list[Session], changed: list[Session]
) -> list[tuple[str, str]]:
    """Changed sessions in a room that another session (at any festival) has at the time.

    Clashes between unchanged sessions are left alone: they are not this edit's doing.
    """
    live = [session for session in changed if session.status != SessionStatus.CANCELLED]
    if not live:
        return []
    booked = list(
        Session.objects.exclude(pk__in=[session.pk for session in sessions if session.pk])
        .exclude(status=SessionStatus.CANCELLED)
        .filter(
            room__in={session.room_id for session in live},
            start__lt=max(session.end for session in live),
            end__gt=min(session.start for session in live),
        )
        .select_related("room")
    )
    booked += [session for session in sessions if session.status != SessionStatus.CANCELLED]
    problems, reported = [], set()
    for session in live:
        for other in booked:
            pair = frozenset((id(session), id(other)))
            if (
                other is session
                or pair in reported
                or other.room_id != session.room_id
                or not (session.start < other.end and other.start < session.end)
            ):
                continue
            reported.add(pair)
            when = local_span(other.start, other.end, festival.zone)
            problems.append(
                ("room", f"{other.room} is already booked for “{other.title}” ({when}).")
            )
    return problems


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


def record_admin_edits(
    *, saved: list[Session], before: dict[int, SessionTimes], festival_had_sessions: bool
) -> None:
    """Tell calendars about sessions just saved from a form: changed ones by their old
    times, new ones only when the festival's programme already existed."""
    for session in saved:
        if session.pk in before:
            record_session_change(session=session, old=before[session.pk])
        elif festival_had_sessions:
            record_session_added(session=session)


def times_in_database(pks) -> dict[int, SessionTimes]:
    """The sessions as they are before a save: the form's instances already hold new values."""
    return {
        session.pk: SessionTimes.of(session)
        for session in Session.objects.filter(pk__in=[pk for pk in pks if pk]).select_related(
            "room"
        )
    }


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
        )

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
        )
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


@admin.register(Event)
class EventAdmin(FestivalTimeZoneAdmin):
    object_festival_lookup = "events__pk"
    form_festival_lookups = {"festival": "pk"}
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
        return local_span(event.start, event.end, event.festival.zone)

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
        return None


@admin.register(Session)
class SessionAdmin(FestivalTimeZoneAdmin):
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
        return local_span(session.start, session.end, session.festival.zone)

    @admin.display(description="speakers")
    def speaker_names(self, session: Session) -> str:
        return ", ".join(speaker.name for speaker in session.speakers.all())

    def save_model(self, request, obj, form, change):
        before = times_in_database([obj.pk]) if change else {}
        festival_had_sessions = Session.objects.filter(festival=obj.event.festival_id).exists()
        super().save_model(request, obj, form, change)
        record_admin_edits(saved=[obj], before=before, festival_had_sessions=festival_had_sessions)


@admin.register(ScheduleChange)
class ScheduleChangeAdmin(FestivalTimeZoneAdmin):
    """The public "what's changed" log: written by the services only, never by hand."""

    festival_path = "session__festival"
    object_festival_lookup = "sessions__changes__pk"
    list_display = ("session", "festival", "kind", "was", "now", "created_at")
    list_filter = ("kind", ("session__festival", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("session__festival", "old_room", "new_room")
    search_fields = ("session__title", "session__ref")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Superusers only, so that deleting a session or a festival (which takes its log
        # with it) still works; organisers cannot rewrite what attendees were told.
        return request.user.is_superuser

    @admin.display(description="festival", ordering="session__festival__name")
    def festival(self, change: ScheduleChange) -> Festival:
        return change.session.festival

    @admin.display(description="was")
    def was(self, change: ScheduleChange) -> str:
        if change.old_start is None:
            return DASH
        zone = change.session.festival.zone
        return f"{local_span(change.old_start, change.old_end, zone)}, {change.old_room}"

    @admin.display(description="now")
    def now(self, change: ScheduleChange) -> str:
        zone = change.session.festival.zone
        return f"{local_span(change.new_start, change.new_end, zone)}, {change.new_room}"
