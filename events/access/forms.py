"""Access needs as tick boxes plus free text (for a person, or one of their bookings), and
provisions as tick boxes (for a session)."""

from django import forms

from events.access.selectors import STANDARD_VOCABULARY, Vocabulary
from events.models import Attendance
from festival.models import User

NOTE_LIMIT = 1000
NOTE_HELP = (
    "Anything the boxes do not cover, in your own words. Leave it empty if there is nothing."
)


def provision_choices(vocabulary: Vocabulary) -> list[tuple[str, str]]:
    return [(p.code, f"{p.label}: {p.explanation}") for p in vocabulary.provisions]


class NeedsFields(forms.Form):
    """Tick boxes of the vocabulary and a note. Saving is the subclasses' job."""

    codes = forms.MultipleChoiceField(
        required=False,
        label="What do you need to take part?",
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        required=False,
        label="Anything else you need",
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_LIMIT}),
    )

    def __init__(self, *args, vocabulary: Vocabulary = STANDARD_VOCABULARY, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = provision_choices(vocabulary)

    def clean_note(self) -> str:
        # Browsers send a line break as two characters but count it as one against maxlength.
        text = self.cleaned_data["note"].replace("\r\n", "\n")
        if len(text) > NOTE_LIMIT:
            raise forms.ValidationError(
                f"This can be at most {NOTE_LIMIT:,} characters; it has {len(text):,}. Please "
                "shorten it: the organisers can always ask you for more."
            )
        return text


class MyNeedsForm(NeedsFields):
    """A person's needs, saved once on /me/: every booking uses them unless changed for it."""

    def __init__(self, *args, user: User, **kwargs) -> None:
        kwargs.setdefault("prefix", "my-needs")
        kwargs.setdefault(
            "initial", {"codes": user.access_need_codes, "note": user.access_needs_note}
        )
        super().__init__(*args, **kwargs)
        self.user = user

    def save(self) -> User:
        self.user.access_need_codes = self.cleaned_data["codes"]
        self.user.access_needs_note = self.cleaned_data["note"]
        self.user.save(update_fields=["access_need_codes", "access_needs_note"])
        return self.user


class BookingNeedsForm(NeedsFields):
    """One booking's needs, when they differ from the person's saved ones.

    Prefixed with the booking's id, so that a page of several bookings has unique field ids.
    """

    def __init__(self, *args, attendance: Attendance, **kwargs) -> None:
        kwargs.setdefault("prefix", f"booking-{attendance.pk}")
        codes, note = attendance.needs
        kwargs.setdefault("initial", {"codes": codes, "note": note})
        super().__init__(*args, **kwargs)
        self.attendance = attendance
        self.codes_id = f"id_{self.prefix}-codes"

    @property
    def is_own(self) -> bool:
        """True when this booking's needs were changed for it (not the person's saved ones)."""
        return self.attendance.access_need_codes is not None or bool(self.attendance.access_needs)

    def save(self) -> Attendance:
        """Store the needs on the booking, touching nothing else on the row: its status and
        waitlist position belong to the booking services, which may be changing them."""
        self.attendance.access_need_codes = self.cleaned_data["codes"]
        self.attendance.access_needs = self.cleaned_data["note"]
        self.attendance.save(update_fields=["access_need_codes", "access_needs", "updated_at"])
        return self.attendance

    def follow_person(self) -> Attendance:
        """Go back to the person's saved needs."""
        self.attendance.access_need_codes = None
        self.attendance.access_needs = ""
        self.attendance.save(update_fields=["access_need_codes", "access_needs", "updated_at"])
        return self.attendance


class ProvisionsField(forms.MultipleChoiceField):
    """A session's or room's provisions as tick boxes, from a vocabulary."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, vocabulary: Vocabulary = STANDARD_VOCABULARY, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Access provisions")
        super().__init__(choices=[(p.code, p.label) for p in vocabulary.provisions], **kwargs)

    def to_python(self, value) -> list[str]:
        # A blank value (a form posted from a row whose access cell is empty) is no code.
        return [code for code in super().to_python(value) if code]
