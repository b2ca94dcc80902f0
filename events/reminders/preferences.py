"""What a person wants to hear: their reminder settings, and the one-click stop link."""

from django.db import transaction

from events.models import ReminderSettings
from events.reminders.planning import replan_reminders_of


@transaction.atomic
def save_reminder_settings(*, user, reminders: str, change_notices: bool) -> ReminderSettings:
    """Store the person's choice, then bring their unsent reminders in line with it.

    Side effects: ReminderSettings created or updated; reminders of their upcoming places and
    talks created, reactivated or cancelled (see planning.replan_reminders_of).
    """
    chosen, _created = ReminderSettings.objects.update_or_create(
        user=user, defaults={"reminders": reminders, "change_notices": change_notices}
    )
    replan_reminders_of(user=user)
    return chosen


@transaction.atomic
def stop_reminders(*, user) -> ReminderSettings:
    """The stop link: no more reminders (change notices as they were)."""
    current = ReminderSettings.objects.filter(user=user).first()
    return save_reminder_settings(
        user=user,
        reminders=ReminderSettings.Choice.NONE,
        change_notices=current.change_notices if current else True,
    )


def settings_for_form(*, user, stored: ReminderSettings | None) -> ReminderSettings:
    """The person's settings, or the defaults (unsaved) if they never chose."""
    return stored or ReminderSettings(user=user)
