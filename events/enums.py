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


class WriteUpStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class RemindersWanted(models.TextChoices):
    """Which of the festival's reminders a person wants (ReminderSettings.reminders)."""

    ALL = "all", "All reminders"
    LAST = "last", "Only the last reminder before a session"
    NONE = "none", "No reminders"


class CalendarAlarm(models.IntegerChoices):
    """When a person's calendar app should remind them of a session they have a place on
    (CalendarToken.reminder_minutes): an alarm in the feed, not a Reminder email."""

    HOUR_BEFORE = 60, "1 hour before"
    DAY_BEFORE = 24 * 60, "1 day before"


# Choices of forms only


class CalendarLinkAction(models.TextChoices):
    """The two buttons of the calendar-link form on /me/."""

    NEW_LINK = "new-link", "Make a new link"
    SAVE_ALARM = "reminder", "Save reminder"


class YesOrNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class PendingChangeState(models.TextChoices):
    """Where an organiser's edit of a session stands (PendingChange.state)."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    DISCARDED = "discarded", "Discarded"


class SessionPhase(models.TextChoices):
    """Where a session stands in time: its page offers booking, then says it has started,
    then shows its write-ups instead."""

    UPCOMING = "upcoming"
    STARTED = "started"
    OVER = "over"
