"""Account pages: sign up, confirm the email, log in and reset a password, on Django's auth
views and forms; and the account page itself.

Logging out, the reset link and changing a password use Django's views as they are (see
festival/urls.py); their templates are in templates/registration/.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.generic.edit import FormView

from festival import services
from festival.email_confirmation import LINK_LIFETIME_DAYS, user_for_confirmation_token
from festival.forms import EmailAuthenticationForm, SignUpForm, email_taken_message
from festival.models import Speaker
from festival.password_reset import OutboxPasswordResetForm, reset_link_lifetime
from festival.selectors import organises_any

CONFIRMED_KEY = "email_confirmed"


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class SignUpView(auth_views.RedirectURLMixin, FormView):
    """Create an account, log its owner in and send them on to `next` when it is safe; the
    confirmation link is on its way to their inbox."""

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
        messages.success(
            self.request,
            f"Welcome to Convene. Check your inbox: we have sent a link to {user.email} to "
            "confirm your email address.",
        )
        return HttpResponseRedirect(self.get_success_url())

    def get_default_redirect_url(self) -> str:
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_context_data(self, **kwargs):
        # As LoginView does: the template carries a safe `next` through the POST.
        return super().get_context_data(**kwargs, next=self.get_redirect_url())


@method_decorator(never_cache, name="dispatch")
class AccountView(LoginRequiredMixin, TemplateView):
    """/accounts/, behind the person's name in the header: who they are, their password, their
    private calendar link, their festivals if they organise any, and logging out."""

    template_name = "registration/account.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, organises=organises_any(user=self.request.user))


class LoginView(auth_views.LoginView):
    """Django's login with the email as the login.

    It links no speaker: a password proves who made the account, not who owns its email.
    Organisers land on the festivals they organise, others on their programme.
    """

    authentication_form = EmailAuthenticationForm

    def get_default_redirect_url(self) -> str:
        """With no `next`: organisers to their festivals, everyone else to their programme."""
        if organises_any(user=self.request.user):
            return resolve_url("organise-home")
        return super().get_default_redirect_url()


@method_decorator(never_cache, name="dispatch")
class ConfirmEmailView(TemplateView):
    """The link in the confirmation email. GET only shows a button: mail scanners open links
    in emails, and must not confirm anything. The POST confirms and links speaker profiles.
    """

    template_name = "registration/confirm_email.html"

    def get_context_data(self, **kwargs):
        user = user_for_confirmation_token(self.kwargs["token"])
        return super().get_context_data(
            **kwargs,
            validlink=user is not None,
            email=user.email if user else "",
            link_lifetime=f"{LINK_LIFETIME_DAYS} days",
        )

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            confirmed = services.confirm_email(token=token)
        except services.ConfirmationLinkInvalid:
            return self.get(request, token=token)
        # Shown once by the page after the redirect (POST, redirect, GET).
        request.session[CONFIRMED_KEY] = {
            "email": confirmed.user.email,
            "linked_message": linked_profiles_message(confirmed.linked_speakers),
        }
        return HttpResponseRedirect(reverse("confirm-email-done"))


@require_safe
@never_cache
def confirm_email_done(request: HttpRequest) -> HttpResponse:
    """Says which email was just confirmed (and which speaker profiles it linked), once."""
    confirmed = request.session.pop(CONFIRMED_KEY, None)
    if confirmed is None:
        return HttpResponseRedirect(resolve_url("hub-home"))
    return render(request, "registration/confirm_email_done.html", confirmed)


@method_decorator(never_cache, name="dispatch")
class ResendEmailConfirmationView(LoginRequiredMixin, TemplateView):
    """A new confirmation link for the logged-in person, mailed to their account's email."""

    template_name = "registration/confirm_email_resend.html"

    def post(self, request: HttpRequest) -> HttpResponse:
        services.request_email_confirmation(user=request.user)
        messages.success(request, f"We have sent a new link to {request.user.email}.")
        return HttpResponseRedirect(resolve_url(settings.LOGIN_REDIRECT_URL))


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, owing a plain-text link built on SITE_URL through the outbox
    (festival/password_reset.py).

    SITE_URL, not the request's Host header, so a forged Host cannot point the link at
    another site. Unknown emails get the same "check your inbox" page and no mail.
    """

    form_class = OutboxPasswordResetForm


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    @property
    def extra_context(self) -> dict[str, str]:
        return {"link_lifetime": reset_link_lifetime()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    @property
    def extra_context(self) -> dict[str, str]:
        return {"link_lifetime": reset_link_lifetime()}

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        # The reset link went to the account's email (and dies if the email changes), so
        # following it proves the person owns that email, as a confirmation link does.
        linked = services.link_speaker_profiles(user=form.user)
        if linked:
            messages.success(self.request, linked_profiles_message(linked))
        return response


def linked_profiles_message(speakers: list[Speaker]) -> str:
    """What a newly linked speaker reads: "You are now linked to your speaker profile at Summer
    and Winter."; "" when nothing was linked."""
    names = list(dict.fromkeys(speaker.festival.name for speaker in speakers))
    if not names:
        return ""
    festivals = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"You are now linked to your speaker profile at {festivals}."
