from django.db import models


class SessionFormat(models.TextChoices):
    TALK = "talk", "Talk"
    WORKSHOP = "workshop", "Workshop"
    CONVERSATION = "conversation", "Conversation"
    HAPPENING = "happening", "Happening"
    PERFORMANCE = "performance", "Performance"
    BREAK = "break", "Break"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class ChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    MOVED = "moved", "Moved"
    ROOM = "room", "Room changed"
    CANCELLED = "cancelled", "Cancelled"
    RESTORED = "restored", "Back on"


class AttendanceStatus(models.TextChoices):
    GOING = "going", "Going"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"
