"""Forms of the festival app: accounts, with the email address as the login."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin, UsernameField
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from festival.models import User


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
