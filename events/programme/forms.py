"""Forms of the public programme: the timetable's day and filters, read from the query string."""

from django import forms

from events.programme.selectors import FilterChoices, ProgrammeFilters

# More provisions than this in one filter is no one's need, only a costly query.
MOST_ACCESS_CODES = 20


def asked_codes(values) -> list[str]:
    """Provision codes as a query string gives them: blanks dropped, each once, in order."""
    return list(dict.fromkeys(value for value in values if value))


class AccessCodesField(forms.MultipleChoiceField):
    def to_python(self, value) -> list[str]:
        return asked_codes(super().to_python(value))

    def validate(self, value) -> None:
        # Counted first: checking each of a thousand codes is the cost this limit avoids.
        if len(value) > MOST_ACCESS_CODES:
            raise forms.ValidationError(f"Choose at most {MOST_ACCESS_CODES} provisions.")
        super().validate(value)


class ProgrammeFilterForm(forms.Form):
    """The programme's query string: which day, and the optional filters."""

    day = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.HiddenInput,
        error_messages={"invalid": "Give the day as year-month-day, for example 2027-07-05."},
    )
    format = forms.ChoiceField(
        required=False,
        label="Format",
        error_messages={"invalid_choice": "No session has the format “%(value)s”."},
    )
    theme = forms.ChoiceField(
        required=False,
        label="Theme",
        error_messages={"invalid_choice": "No session has the theme “%(value)s”."},
    )
    room = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Room",
        error_messages={"invalid_choice": "That room is not in this programme."},
    )

    access = AccessCodesField(
        required=False,
        label="Access: show sessions that provide all of",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "“%(value)s” is not an access provision here."},
    )

    def __init__(self, *args, choices: FilterChoices, **kwargs) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["format"].choices = [("", "All formats"), *choices.formats]
        self.fields["theme"].choices = [("", "All themes"), *choices.themes]
        self.fields["room"].choices = [("", "All rooms"), *choices.rooms]
        self.fields["access"].choices = choices.access

    def filters(self) -> ProgrammeFilters:
        """The filters that are valid; a bad one is reported on the form and ignored."""
        cleaned = getattr(self, "cleaned_data", {})
        return ProgrammeFilters(
            format=cleaned.get("format") or "",
            theme=cleaned.get("theme") or "",
            room=cleaned.get("room"),
            access=tuple(cleaned.get("access") or ()),
        )
