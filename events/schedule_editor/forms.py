"""The organisers' session form and the editor's move form: text in the import's columns.

The fields carry the import's names and take what a CSV cell would hold, so the import's own
rules (`plan_import`) check them and say what is wrong in the import's own words. Lists
(events, rooms, formats, speakers) are offered as choices for convenience only: the import
decides what is valid.
"""

import re

from django import forms

from events.access.forms import ProvisionsField
from events.access.selectors import vocabulary_of
from events.enums import SessionFormat
from events.importing import ALL_COLUMNS
from festival.models import Festival, Room, Speaker

SPEAKER_ENTRY = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>$")
ACTIONS = {"draft": False, "publish": True}


def entry(speaker: Speaker) -> str:
    """A speaker as the import writes one: "Name <email>" (the name alone if no email)."""
    return f"{speaker.name} <{speaker.email}>" if speaker.email else speaker.name


class SessionForm(forms.Form):
    """A session in the import's columns; `version` is the row it started from, `action`
    the button pressed ("draft" or "publish")."""

    title = forms.CharField(required=False, label="Title")
    event = forms.CharField(required=False, label="Event", widget=forms.Select)
    date = forms.CharField(
        required=False,
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave the date, times and room blank to keep a new session in the "
        "editor's tray until you place it.",
    )
    start = forms.CharField(
        required=False,
        label="Starts",
        widget=forms.TimeInput(attrs={"type": "time", "step": 300}),
    )
    end = forms.CharField(
        required=False, label="Ends", widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )
    room = forms.CharField(required=False, label="Room", widget=forms.Select)

    format = forms.CharField(
        required=False, label="Format", widget=forms.Select(choices=SessionFormat.choices)
    )
    chosen_speakers = forms.MultipleChoiceField(
        required=False,
        label="Speakers",
        widget=forms.CheckboxSelectMultiple,
        help_text="The festival's speakers.",
    )
    new_speakers = forms.CharField(
        required=False,
        label="New speakers",
        help_text="Name <email>, separated by semicolons: Mel Parks <mel@example.org>",
    )
    capacity = forms.CharField(
        required=False,
        label="Places",
        help_text="A whole number; leave blank for a drop-in session that needs no booking.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    themes = forms.CharField(
        required=False, label="Themes", help_text="Separated by semicolons: food; climate"
    )
    status = forms.CharField(
        required=False,
        label="Status",
        widget=forms.Select(choices=[("", "On"), ("cancelled", "Cancelled")]),
    )
    description = forms.CharField(
        required=False, label="Description", widget=forms.Textarea(attrs={"rows": 5})
    )
    access = ProvisionsField(
        label="Access provisions the organisers arrange",
        help_text="The room's own (step-free access, a hearing loop…) are added to these.",
    )
    content_note = forms.CharField(
        required=False,
        label="Content note",
        help_text="What people may want to know before they come: themes, flashing lights, "
        "loud noises.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS], initial="draft")

    def __init__(self, *args, festival: Festival, **kwargs) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        self.speakers = list(festival.speakers.order_by("name", "pk"))
        events = list(festival.events.select_related("venue").order_by("start", "pk"))
        rooms = Room.objects.filter(venue__events__festival=festival).distinct()
        self.fields["event"].widget.choices = [(event.slug, event.title) for event in events]
        self.fields["room"].widget.choices = [("", "No room yet")] + [
            (room.name, room.name) for room in rooms.order_by("venue__name", "position", "name")
        ]
        vocabulary = vocabulary_of(festival=festival)
        self.fields["access"].choices = [
            (provision.code, provision.label) for provision in vocabulary.provisions
        ]
        self.fields["chosen_speakers"].choices = [
            (entry(speaker), speaker.name) for speaker in self.speakers
        ]

    @classmethod
    def of_row(cls, row: dict[str, str], *, festival: Festival, version: str) -> "SessionForm":
        """The form filled in from a row: its speakers split between the festival's (ticked)
        and the others (typed)."""
        form = cls(festival=festival, initial={**row, "version": version})
        known = {entry(speaker) for speaker in form.speakers}
        given = [part.strip() for part in row.get("speakers", "").split(";") if part.strip()]
        form.initial["chosen_speakers"] = [part for part in given if part in known]
        form.initial["new_speakers"] = "; ".join(part for part in given if part not in known)
        form.initial["access"] = [
            code.strip() for code in row.get("access", "").split(";") if code.strip()
        ]
        return form

    @property
    def publishing(self) -> bool:
        return ACTIONS.get(self.cleaned_data.get("action", "draft"), False)

    def row(self) -> dict[str, str]:
        """The session as a row of the import (ref left to the service)."""
        data = self.cleaned_data
        speakers = list(data.get("chosen_speakers") or [])
        speakers += [part.strip() for part in data.get("new_speakers", "").split(";")]
        row = {
            column: data.get(column, "") or "" for column in ALL_COLUMNS if column in self.fields
        }
        row["speakers"] = "; ".join(part for part in speakers if part)
        row["access"] = "; ".join(sorted(data.get("access") or []))  # as Session.save stores them
        return row


class MoveForm(forms.Form):
    """Move one session from the editor: to a room, a day and a time (the end keeps its length
    when left blank)."""

    room = forms.CharField(label="Room", widget=forms.Select)
    date = forms.CharField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.CharField(
        label="Starts", widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )
    end = forms.CharField(
        required=False,
        label="Ends",
        widget=forms.TimeInput(attrs={"type": "time", "step": 300}),
    )
    version = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS], initial="draft")

    def __init__(self, *args, rooms: list[str], **kwargs) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["room"].widget.choices = [(room, room) for room in rooms]

    @property
    def publishing(self) -> bool:
        return ACTIONS.get(self.cleaned_data.get("action", "draft"), False)


class PublishForm(forms.Form):
    note = forms.CharField(
        required=False,
        label="A note for “What\N{RIGHT SINGLE QUOTATION MARK}s changed” (optional)",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown beside each change, e.g. “The Hall is closed for repairs.”",
    )
