from django.conf import settings
from django.db import models
from django.utils import timezone

from events.enums import AttendanceStatus

ACTIVE_STATUSES = (AttendanceStatus.GOING, AttendanceStatus.WAITLISTED)


def protect_active_bookings(collector, field, sub_objs, using) -> None:
    """`on_delete` of a booking's session: PROTECT for places and waitlist spots, CASCADE for
    cancelled bookings.

    A session people are booked on is cancelled, not deleted (they are told, their calendars
    strike it through); a booking already cancelled holds nothing and goes with its session.
    Plain PROTECT would let one cancelled booking keep a session forever.
    """
    booked = list(sub_objs.filter(status__in=ACTIVE_STATUSES))
    if booked:
        raise models.ProtectedError(
            "Sessions with places or waitlist spots cannot be deleted: cancel them instead.",
            booked,
        )
    models.CASCADE(collector, field, sub_objs, using)


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def going(self) -> "AttendanceQuerySet":
        return self.filter(status=AttendanceStatus.GOING)

    def waitlisted(self) -> "AttendanceQuerySet":
        return self.filter(status=AttendanceStatus.WAITLISTED)

    def active(self) -> "AttendanceQuerySet":
        """Going or waiting: what is in a person's programme."""
        return self.filter(status__in=ACTIVE_STATUSES)


class Attendance(models.Model):
    """One person and one session: a place, a waitlist spot, or a cancelled booking.

    One row per (user, session), re-used when someone books again, so the history of a
    booking and its reminders hang off one row.
    """

    Status = AttendanceStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        "events.Session", on_delete=protect_active_bookings, related_name="attendances"
    )
    status = models.CharField(max_length=16, choices=AttendanceStatus.choices)
    position = models.PositiveIntegerField(
        null=True, blank=True, help_text="Place in the waitlist, from 1; blank unless waiting."
    )
    access_need_codes = models.JSONField(
        null=True,
        blank=True,
        help_text="Codes of the provisions needed for this booking; empty (null) means the "
        "person's own needs saved on /me/. Seen only by the festival's organisers.",
    )
    access_needs = models.TextField(
        blank=True,
        help_text="Anything else needed, in the person's words. Used only when the codes are "
        "set for this booking. Seen only by the festival's organisers.",
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("user", "session", name="attendance_one_per_user_session"),
            models.CheckConstraint(
                condition=(
                    models.Q(status=AttendanceStatus.WAITLISTED, position__isnull=False)
                    | (~models.Q(status=AttendanceStatus.WAITLISTED) & models.Q(position=None))
                ),
                name="attendance_position_only_when_waitlisted",
                violation_error_message="Only people on the waitlist have a position.",
            ),
            models.CheckConstraint(
                condition=(models.Q(checked_in_at=None) | models.Q(status=AttendanceStatus.GOING)),
                name="attendance_checked_in_only_when_going",
                violation_error_message="Only people with a place can be checked in.",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status", "position"], name="attendance_waitlist"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.session} ({self.get_status_display()})"

    @property
    def needs(self) -> tuple[list[str], str]:
        """(codes, note) this booking needs: its own if changed for it (codes set, or words
        written on it before there were codes), else the person's saved needs, but only while
        the booking stands and its session has not ended. A person's saved needs are theirs to
        change for the festivals they book next: the organisers of a booking they cancelled,
        or of a session long over, must not go on reading them."""
        if self.access_need_codes is None and not self.access_needs:
            ended = self.session.end is not None and self.session.end <= timezone.now()
            if self.status == AttendanceStatus.CANCELLED or ended:
                return [], ""
            return list(self.user.access_need_codes), self.user.access_needs_note
        return list(self.access_need_codes or []), self.access_needs

    @property
    def is_going(self) -> bool:
        return self.status == AttendanceStatus.GOING

    @property
    def is_waitlisted(self) -> bool:
        return self.status == AttendanceStatus.WAITLISTED
