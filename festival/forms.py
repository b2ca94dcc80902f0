"""Forms of the festival app: accounts, with the email address as the login, and the Hub's
story list filters and "Share your story"."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin, UsernameField
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from festival import selectors
from festival.markdown import MARKDOWN_MAX_CHARACTERS, validate_markdown_length
from festival.models import Story, User


def email_taken_message() -> SafeString:
    """What a person signing up with a taken email reads, with the two ways forward linked."""
    return format_html(
        'An account with this email already exists. <a href="{}">Log in</a> or '
        '<a href="{}">reset your password</a>.',
        reverse("login"),
        reverse("password_reset"),
    )


class SignUpForm(SetPasswordMixin, forms.Form):
    """Name, email and the password twice, checked by the site's password validators."""

    name = forms.CharField(
        label="Your name",
        max_length=User._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=User._meta.get_field("email").max_length,
        help_text="You will log in with it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="Password", label2="Password again"
    )

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(email_taken_message(), code="email_taken")
        return email

    def clean(self) -> dict:
        self.validate_passwords()
        # An unsaved user, so the similarity validator can compare the password with the email.
        candidate = User(
            email=self.cleaned_data.get("email", ""), name=self.cleaned_data.get("name", "")
        )
        # On the first field, where the password was chosen, not on its repetition.
        self.validate_password_for_user(candidate, password_field_name="password1")
        return super().clean()


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form, asking for the email (matched in any case, by the user manager)."""

    # UsernameField marks it autocomplete="username": password managers pair the login
    # identifier with the current password by that token, even when it is an email.
    username = UsernameField(label="Email", widget=forms.EmailInput(attrs={"autofocus": True}))

    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's message says both fields may be case-sensitive; the email is not.
        "invalid_login": (
            "That email and password do not match an account. Check them and try again, or "
            "reset your password."
        ),
    }


class StoryListFilterForm(forms.Form):
    """/stories/ query parameters: ?tag=<slug>, ?author=<name>, ?page=<n>."""

    tag = forms.SlugField(required=False)
    author = forms.CharField(required=False, max_length=Story._meta.get_field("author").max_length)
    page = forms.IntegerField(required=False, min_value=1)

    def clean_author(self) -> str:
        return " ".join(self.cleaned_data["author"].split())


class StoryShareForm(forms.Form):
    """What a signed-in person sends from "Share your story", for the organisers to publish."""

    title = forms.CharField(
        label="Title",
        max_length=Story._meta.get_field("title").max_length,
    )
    author = forms.CharField(
        label="Name shown with the story",
        max_length=Story._meta.get_field("author").max_length,
        help_text="Your name, or your group's: it is public once the story is published.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    standfirst = forms.CharField(
        label="In a sentence or two",
        max_length=500,
        help_text="What the story is about. It is shown under the title and in lists of stories.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label="Your story",
        # Not max_length: the validator says by how much it is over, instead of a browser's
        # maxlength cutting a pasted story short.
        validators=[validate_markdown_length],
        help_text=(
            "What happened, what worked, and the challenges and failures too. Up to "
            f"{MARKDOWN_MAX_CHARACTERS:,} characters. You can use Markdown: *italic*, "
            "**bold**, [a link](https://example.org), a blank line between paragraphs, "
            '"## " before a heading.'
        ),
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    tags = forms.ModelMultipleChoiceField(
        label="Tags",
        queryset=selectors.tags_for_choice(),
        required=False,
        help_text="Optional: tick the themes it is about. The organisers may add others.",
        widget=forms.CheckboxSelectMultiple,
    )
    festival = forms.ModelChoiceField(
        label="Festival it is about",
        queryset=selectors.festivals_for_story_choice(),
        required=False,
        empty_label="None, or not listed",
        help_text="Optional: its organisers are the ones who read your story first.",
    )

    def clean_title(self) -> str:
        # One line: it becomes the page's title and the subject of the organisers' email.
        return " ".join(self.cleaned_data["title"].split())

    def clean_author(self) -> str:
        return " ".join(self.cleaned_data["author"].split())
