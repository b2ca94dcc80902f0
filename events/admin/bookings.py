"""Bookings in the admin: read-only."""

from django.contrib import admin

from events.access.presenters import needs_in_words
from events.access.selectors import vocabulary_of
from events.models import Attendance
from festival.admin import FestivalScopedAdmin


@admin.register(Attendance)
class AttendanceAdmin(FestivalScopedAdmin):
    """Bookings, read-only: places and waitlists change only through the booking services
    (the session page, the organisers' pages), which keep positions and promotions right."""

    festival_path = "session__festival"
    list_display = ("user", "session", "status", "position", "checked_in_at", "created_at")
    list_filter = ("status", ("session__festival", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("user", "session")
    search_fields = ("user__email", "user__name", "session__title", "session__ref")
    # Sessions in programme order, then each one's places, waitlist and cancellations.
    ordering = (
        "session__start",
        "session__room__position",
        "session__title",
        "session",
        "status",
        "position",
        "created_at",
    )
    readonly_fields = (
        "user",
        "session",
        "status",
        "position",
        "needs",
        "checked_in_at",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request):
        return False

    @admin.display(description="access needs")
    def needs(self, attendance) -> str:
        """The needs this booking uses (its own, or the person's saved ones), in words, with
        the festival's own provisions by name."""
        vocabulary = vocabulary_of(festival=attendance.session.festival_id)
        return needs_in_words(attendance, vocabulary=vocabulary)

    def has_delete_permission(self, request, obj=None):
        return False
