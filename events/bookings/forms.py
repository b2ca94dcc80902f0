"""Forms of the attendee's own pages: access needs on a booking, from "my programme"."""

from datetime import date

from django import forms
from django.utils.http import urlencode

from events.models import Attendance
from festival.models import Festival

ACCESS_NEEDS_LIMIT = 1000


class AccessNeedsForm(forms.Form):
    """What a person needs to take part, seen only by the festival's organisers.

    Prefixed with the booking's id, so that a page of several bookings has unique field ids.
    """

    access_needs = forms.CharField(
        required=False,
        label="Access needs (seen only by the organisers)",
        help_text=(
            "For example step-free access, a hearing loop, a quiet space or a British Sign "
            "Language interpreter. Leave it empty if there is nothing."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ACCESS_NEEDS_LIMIT}),
    )

    def __init__(self, *args, attendance: Attendance, **kwargs) -> None:
        kwargs.setdefault("prefix", f"booking-{attendance.pk}")
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("initial", {"access_needs": attendance.access_needs})
        super().__init__(*args, **kwargs)
        self.attendance = attendance

    def clean_access_needs(self) -> str:
        # Browsers send a line break as two characters but count it as one against maxlength.
        text = self.cleaned_data["access_needs"].replace("\r\n", "\n")
        if len(text) > ACCESS_NEEDS_LIMIT:
            raise forms.ValidationError(
                f"Access needs can be at most {ACCESS_NEEDS_LIMIT:,} characters; this has "
                f"{len(text):,}. Please shorten it: the organisers can always ask you for more."
            )
        return text

    def save(self) -> Attendance:
        """Store the text on the booking, touching nothing else on the row: its status and
        waitlist position belong to the booking services, which may be changing them."""
        self.attendance.access_needs = self.cleaned_data["access_needs"]
        self.attendance.save(update_fields=["access_needs", "updated_at"])
        return self.attendance


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
