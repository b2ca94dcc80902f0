"""The calendar-link form on /me/: make a new link, or change its reminder."""

from django import forms

from events.enums import CalendarAlarm, CalendarLinkAction


class CalendarLinkForm(forms.Form):
    action = forms.ChoiceField(
        choices=CalendarLinkAction.choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose to make a new link or to save a reminder."},
    )
    reminder = forms.TypedChoiceField(
        label="Reminders in my calendar",
        choices=[("", "No reminder"), *CalendarAlarm.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Only for sessions you have a place on.",
        error_messages={"invalid_choice": "Choose no reminder, 1 hour before or 1 day before."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
