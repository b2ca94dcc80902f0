"""The write-up form: the words, the Hub stories it links back to, and a search for them.

The story picker is a plain <select multiple> with a search box beside it: the "Find stories"
button sends the whole form back and the page returns with the list narrowed, everything typed
kept and every story already chosen still chosen. It needs no JavaScript.
"""

from django import forms

from events.enums import YesOrNo
from events.models import WriteUp
from events.writeups.selectors import StoryChoices, story_choices
from events.writeups.services import WriteUpContent
from festival.models import Story

MARKDOWN_HINT = (
    "You can use Markdown: *italic*, **bold**, [a link](https://example.org), a line starting "
    "with - for a list, ## for a heading."
)
LIMITS = {
    "title": 200,
    "summary": 600,
    "body": 20_000,
    "what_worked": 10_000,
    "challenges": 10_000,
    "next_time": 10_000,
}
MOST_STORIES = 10
SEARCH_LIMIT = 100


def _text(label: str, help_text: str, rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class WriteUpForm(forms.Form):
    """Parse a write-up. `publishing`: it is (or is about to be) public, so a summary and what
    happened are needed as well as a title."""

    title = forms.CharField(
        label="Title",
        help_text="What a reader sees first, in lists and in the feed.",
        widget=forms.TextInput(attrs={"maxlength": LIMITS["title"]}),
        error_messages={"required": "Give the write-up a title."},
    )
    summary = _text(
        "Summary",
        "A sentence or two: it goes in lists, the feed and the email to the people who came. "
        "Plain text.",
        3,
    )
    body = _text("What happened", MARKDOWN_HINT, 12)
    what_worked = _text("What worked", MARKDOWN_HINT, 8)
    challenges = _text(
        "Challenges and failures",
        "What was hard or went wrong: others learn most from these. " + MARKDOWN_HINT,
        8,
    )
    next_time = _text("What we'd do differently next time", MARKDOWN_HINT, 6)
    stories = forms.ModelMultipleChoiceField(
        label="Hub stories it links back to",
        help_text=(
            "Choose up to 10. To choose more than one, hold Ctrl (Cmd on a Mac) as you click. "
            "Search to narrow the list: your choices are kept."
        ),
        queryset=Story.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={
            "invalid_choice": "One of the chosen stories is no longer published: choose again."
        },
    )
    story_search = forms.CharField(
        label="Find stories by title or author",
        required=False,
        max_length=SEARCH_LIMIT,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, publishing: bool = False, search: str | None = None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.publishing = publishing
        self.fields["stories"].queryset = Story.objects.published()
        if search is None:
            search = self.data.get("story_search", "") if self.is_bound else ""
        self.story_choices = story_choices(
            search=search.strip()[:SEARCH_LIMIT], chosen=self._chosen_story_ids()
        )
        self.fields["stories"].widget.choices = self.story_choices.label_pairs

    @classmethod
    def for_writeup(cls, writeup: WriteUp, *, search: str = "") -> "WriteUpForm":
        """The form filled in with a saved write-up (its stories prefetched)."""
        initial = {name: getattr(writeup, name) for name in LIMITS}
        initial["stories"] = [story.pk for story in writeup.stories.all()]
        initial["story_search"] = search
        return cls(initial=initial, publishing=writeup.is_published, search=search)

    @classmethod
    def keeping(cls, data, *, publishing: bool) -> "WriteUpForm":
        """An unbound form holding what was sent, with no errors shown: after "Find stories",
        which is not a save, so nothing needs checking yet."""
        initial = {name: data.get(name, "") for name in [*LIMITS, "story_search"]}
        initial["stories"] = data.getlist("stories")
        return cls(initial=initial, publishing=publishing, search=initial["story_search"])

    def _chosen_story_ids(self) -> list[int]:
        if self.is_bound:
            values = self.data.getlist("stories") if hasattr(self.data, "getlist") else []
        else:
            values = self.initial.get("stories") or []
        return [int(value) for value in values if str(value).isdigit()]

    def clean(self) -> dict:
        cleaned = super().clean()
        for name, limit in LIMITS.items():
            text = (cleaned.get(name) or "").replace("\r\n", "\n")
            if len(text) > limit:
                self.add_error(
                    name,
                    f"“{self.fields[name].label}” can be at most {limit:,} characters; it has "
                    f"{len(text):,}. Please shorten it.",
                )
            elif name in cleaned:
                cleaned[name] = text
        if self.publishing:
            if not cleaned.get("summary") and "summary" not in self.errors:
                self.add_error(
                    "summary",
                    "Write a summary before publishing: a sentence or two for lists, the feed "
                    "and the email to the people who came.",
                )
            if not cleaned.get("body") and "body" not in self.errors:
                self.add_error("body", "Say what happened before publishing.")
        stories = cleaned.get("stories")
        if stories is not None and len(stories) > MOST_STORIES:
            self.add_error(
                "stories",
                f"Link at most {MOST_STORIES} stories; {len(stories)} are chosen. Keep the "
                "ones closest to what happened.",
            )
        return cleaned

    def content(self) -> WriteUpContent:
        """The checked words and stories, for the services (after is_valid)."""
        data = self.cleaned_data
        return WriteUpContent(
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            what_worked=data["what_worked"],
            challenges=data["challenges"],
            next_time=data["next_time"],
            stories=tuple(data["stories"]),
        )

    @property
    def choices(self) -> StoryChoices:
        return self.story_choices


class WriteUpEmailsForm(forms.Form):
    """Whether to be emailed when a session the person had a place on is written up."""

    wanted = forms.TypedChoiceField(
        choices=YesOrNo.choices,
        coerce=lambda value: value == YesOrNo.YES,
        error_messages={"invalid_choice": "Choose whether you want these emails."},
    )
