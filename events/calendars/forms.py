"""The calendar-link form on /me/: make a new link, or change its reminder."""

from django import forms

from events.models.calendar_token import CalendarReminder


class CalendarLinkForm(forms.Form):
    NEW_LINK = "new-link"
    SAVE_REMINDER = "reminder"

    action = forms.ChoiceField(
        choices=[(NEW_LINK, "Make a new link"), (SAVE_REMINDER, "Save reminder")],
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose to make a new link or to save a reminder."},
    )
    reminder = forms.TypedChoiceField(
        label="Reminders in my calendar",
        choices=[("", "No reminder"), *CalendarReminder.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Only for sessions you have a place on.",
        error_messages={"invalid_choice": "Choose no reminder, 1 hour before or 1 day before."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
