"""Account pages: sign up, log in and reset a password, on Django's auth views and forms.

Logging out, the reset link and changing a password use Django's views as they are (see
festival/urls.py); their templates are in templates/registration/.
"""

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic.edit import FormView

from festival import services
from festival.forms import EmailAuthenticationForm, SignUpForm, email_taken_message


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class SignUpView(auth_views.RedirectURLMixin, FormView):
    """Create an account, log its owner in and send them on to `next` when it is safe."""

    form_class = SignUpForm
    template_name = "registration/signup.html"

    def form_valid(self, form: SignUpForm) -> HttpResponse:
        try:
            user = services.sign_up(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
        except services.EmailAlreadyRegistered:
            # Someone else signed up with this email between the form's check and the write.
            form.add_error("email", email_taken_message())
            return self.form_invalid(form)
        auth_login(self.request, user)
        return HttpResponseRedirect(self.get_success_url())

    def get_default_redirect_url(self) -> str:
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_context_data(self, **kwargs):
        # As LoginView does: the template carries a safe `next` through the POST.
        return super().get_context_data(**kwargs, next=self.get_redirect_url())


class LoginView(auth_views.LoginView):
    """Django's login with the email as the login; links speakers added since sign-up."""

    authentication_form = EmailAuthenticationForm

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # Organisers often add a speaker after that person has an account (an attendee
        # invited to speak): logging in is their first chance to be linked.
        services.link_speaker_profiles(user=form.get_user())
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, mailing a plain-text link built on SITE_URL.

    SITE_URL, not the request's Host header, so a forged Host cannot point the link at
    another site. Unknown emails get the same "check your inbox" page and no mail.
    """

    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"

    @property
    def extra_email_context(self) -> dict[str, str]:
        return {"site_url": settings.SITE_URL, "link_lifetime": reset_link_lifetime()}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    @property
    def extra_context(self) -> dict[str, str]:
        return {"link_lifetime": reset_link_lifetime()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    @property
    def extra_context(self) -> dict[str, str]:
        return {"link_lifetime": reset_link_lifetime()}


def reset_link_lifetime() -> str:
    """How long a reset link works, in words: "3 days", "1 hour", "30 minutes"."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    for unit_seconds, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= unit_seconds and seconds % unit_seconds == 0:
            count = seconds // unit_seconds
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"
