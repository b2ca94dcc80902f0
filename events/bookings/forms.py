"""Forms of the organisers' bookings pages: places and the check-in search."""

from datetime import date

from django import forms
from django.utils.http import urlencode

from festival.models import Festival

ALL_DAYS = "all"


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        required=False,
        min_value=0,
        # The database column's ceiling (PostgreSQL integer); no venue comes near it.
        max_value=2_147_483_647,
        label="Places",
        help_text=(
            "A whole number, or blank for a drop-in session that needs no booking. Raising it "
            "gives the new places to the waitlist, first come first served."
        ),
        error_messages={
            "invalid": "Give the number of places as a whole number, or leave it blank.",
            "min_value": "Give the number of places as a whole number, 0 or more.",
            "max_value": "That is more places than any venue has: give a smaller number.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class CheckInSearchForm(forms.Form):
    """Who to look for, and on which day: today by default while the festival is on."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label="Name or email",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
    day = forms.ChoiceField(
        label="Day",
        error_messages={"invalid_choice": "Choose one of the festival's days, or all days."},
    )

    def __init__(self, query, *, festival: Festival, today: date) -> None:
        """Bound to the page's query string (or a check-in's hidden fields): a missing day is
        today during the festival, else all days."""
        days = festival.days()
        self.default_day = today.isoformat() if today in days else ALL_DAYS
        super().__init__({"q": query.get("q", ""), "day": query.get("day") or self.default_day})
        self.fields["day"].choices = [
            (day.isoformat(), f"{day:%a} {day.day} {day:%B}" + (" (today)" if day == today else ""))
            for day in days
        ] + [(ALL_DAYS, "All days")]

    def clean_day(self) -> date | None:
        value = self.cleaned_data["day"]
        return None if value == ALL_DAYS else date.fromisoformat(value)

    def query_string(self) -> str:
        """The search as it goes back into the page's URL; the default search if it is bad."""
        if not self.is_valid():
            return urlencode({"q": "", "day": self.default_day})
        return urlencode({"q": self.cleaned_data["q"], "day": self.data["day"]})
