from django import forms

from events.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    """On /me/: which reminders before my sessions, and whether to hear of changes."""

    class Meta:
        model = ReminderSettings
        fields = ["reminders", "change_notices"]
        labels = {
            "reminders": "Email reminders before my sessions",
            "change_notices": "Email me when a session I booked moves or is cancelled",
        }
        widgets = {"reminders": forms.RadioSelect}
        help_texts = {"change_notices": ""}
