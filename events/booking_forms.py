"""Forms of the attendee's own pages: access needs on a booking, from "my programme"."""

from django import forms

from events.models import Attendance

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
