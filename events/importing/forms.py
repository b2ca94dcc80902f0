"""Forms of the events app."""

import math

from django import forms
from django.core.exceptions import ValidationError

from events.importing import ProgrammeFileError, decode_programme, unify_line_ends

PROGRAMME_MAX_BYTES = 2 * 1024 * 1024
# Zip archives: .xlsx, .ods and .numbers files are all zips.
ZIP_SIGNATURE = b"PK\x03\x04"
SAVE_AS_CSV = "In your spreadsheet, choose Save as (or Download), then CSV UTF-8, and upload that."


class ProgrammeUploadForm(forms.Form):
    """Step 1 of the import page: the file, checked to be CSV text of at most 2 MB."""

    file = forms.FileField(
        label="Programme file (CSV)",
        help_text="A CSV file saved as UTF-8, at most 2 MB, with the columns described below.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    cancel_missing = forms.BooleanField(
        required=False,
        label="Cancel sessions missing from the file",
        help_text=(
            "Sessions in the programme that the file does not mention are cancelled, and each "
            "cancellation is listed on the festival's “What\N{RIGHT SINGLE QUOTATION MARK}s "
            "changed” page. Leave this unticked to leave them as they are."
        ),
    )

    def clean_file(self) -> str:
        """The file's text, line ends made \\n; `decode_programme` says what is wrong with it."""
        upload = self.cleaned_data["file"]
        if upload.size > PROGRAMME_MAX_BYTES:
            # Rounded up, so a file just over the limit never reads as "2.0 MB".
            megabytes = math.ceil(upload.size * 10 / (1024 * 1024)) / 10
            raise ValidationError(
                f"This file is {megabytes:.1f} MB; the largest file accepted is 2 MB. "
                "Split the programme into two files and import them one after the other."
            )
        data = upload.read()
        if data.startswith(ZIP_SIGNATURE):
            raise ValidationError(f"This is a spreadsheet workbook, not a CSV file. {SAVE_AS_CSV}")
        try:
            return decode_programme(data)
        except ProgrammeFileError as error:
            raise ValidationError(str(error.problem)) from None


class ProgrammeConfirmForm(forms.Form):
    """Step 2: the checked file travels back in hidden fields; the view checks it again."""

    content = forms.CharField(widget=forms.HiddenInput, strip=False)
    cancel_missing = forms.BooleanField(required=False, widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_content(self) -> str:
        """The file's text as the preview had it: browsers send it back with CRLF line ends,
        which must not push a file of 2 MB over the limit."""
        content = unify_line_ends(self.cleaned_data["content"])
        if len(content.encode()) > PROGRAMME_MAX_BYTES:
            raise ValidationError("The file is larger than 2 MB.")
        return content
