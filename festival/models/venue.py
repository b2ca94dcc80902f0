from django.db import models
from django.db.models.functions import Lower

from .access_provision import validate_standard_building_codes


class Venue(models.Model):
    """A building where events happen."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    address = models.TextField(blank=True)
    accessibility_notes = models.TextField(
        blank=True, help_text="Step-free access, toilets, quiet rooms, hearing loops…"
    )
    map_url = models.URLField("map link", blank=True)
    access_guide = models.TextField(
        blank=True,
        help_text="Markdown. Getting there, entrances, toilets, the quiet room, who to contact.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    """A space inside a venue; a column of the timetable."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=200)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    accessibility_notes = models.TextField(blank=True)
    access = models.JSONField(
        "access provisions",
        default=list,
        blank=True,
        validators=[validate_standard_building_codes],
        help_text="What the building gives in this room, e.g. step-free access, a hearing loop.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order of the room's column in the timetable."
    )

    class Meta:
        # A venue's rooms in timetable order; lists across venues sort by venue themselves
        # (a default joining Venue would cost every query of rooms a join).
        ordering = ["position", "name"]
        constraints = [
            # Lower(): the programme import finds rooms by name case-insensitively, so "Hall"
            # and "hall" in one venue would leave it guessing.
            models.UniqueConstraint(
                models.F("venue"),
                Lower("name"),
                name="room_name_ci_unique_per_venue",
                violation_error_message="This venue already has a room with this name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
