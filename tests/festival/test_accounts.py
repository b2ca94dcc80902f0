import re
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.timezone import localdate

from festival.models import Speaker, User
from festival.services import EmailAlreadyRegistered, link_speaker_profiles, sign_up
from tests.factories import FestivalFactory, SpeakerFactory, UserFactory
from tests.html import texts
from tests.outbox import owed, send_owed

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "river-lantern-copper-47"
EMAIL_TAKEN = "An account with this email already exists. Log in or reset your password."


def sign_up_data(**overrides) -> dict[str, str]:
    return {
        "name": "Helen Jones",
        "email": "helen.jones@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


# Sign up


@pytest.mark.django_db
def test_sign_up_creates_one_user_with_the_normalised_email_and_logs_them_in(client):
    response = client.post(reverse("signup"), sign_up_data(email="  Helen.Jones@Example.ORG "))

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    user = User.objects.get()
    assert (user.email, user.name) == ("Helen.Jones@example.org", "Helen Jones")
    assert user.check_password(NEW_PASSWORD)
    assert get_user(client) == user
    home = client.get(response["Location"])
    assert texts(home, "nav") == ["Hub My programme Helen Jones Log out"]
    assert texts(home, ".message") == [
        "Welcome to Convene. Check your inbox: we have sent a link to Helen.Jones@example.org "
        "to confirm your email address."
    ]


@pytest.mark.django_db
def test_sign_up_with_a_taken_email_in_another_case_is_refused_and_writes_nothing(client):
    existing = UserFactory(email="helen.jones@example.org", name="Helen")
    speaker = SpeakerFactory(email="helen.jones@example.org")

    response = client.post(reverse("signup"), sign_up_data(email="HELEN.Jones@example.org"))

    assert response.status_code == 200
    assert texts(response, "h1") == ["Sign up"]
    assert texts(response, ".error-summary") == [f"There is a problem Email: {EMAIL_TAKEN}"]
    assert texts(response, ".field-error") == [EMAIL_TAKEN]
    html = response.content.decode()
    assert (
        '<p>An account with this email already exists. <a href="/accounts/login/">Log in</a> or '
        '<a href="/accounts/password-reset/">reset your password</a>.</p>'
    ) in html
    # The message is read with the field it belongs to.
    assert 'aria-invalid="true" aria-describedby="id_email_helptext id_email_error"' in html
    assert list(User.objects.values_list("email", flat=True)) == [existing.email]
    speaker.refresh_from_db()
    assert speaker.user is None
    assert get_user(client).is_authenticated is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "errors"),
    [
        ("password", ["This password is too common."]),
        (
            "short1",
            [
                "This password is too short. It must contain at least 8 characters.",
                "This password is too common.",
            ],
        ),
        ("49175326058231", ["This password is entirely numeric."]),
        ("helen.jones@example", ["The password is too similar to the email address."]),
    ],
)
def test_sign_up_with_a_weak_password_is_refused(client, password, errors):
    response = client.post(reverse("signup"), sign_up_data(password1=password, password2=password))

    assert response.status_code == 200
    assert texts(response, ".error-summary") == [
        " ".join(["There is a problem", *(f"Password: {error}" for error in errors)])
    ]
    assert texts(response, ".field-error") == [" ".join(errors)]
    assert 'aria-describedby="id_password1_helptext id_password1_error"' in (
        response.content.decode()
    )
    assert User.objects.exists() is False


@pytest.mark.django_db
def test_sign_up_with_passwords_that_differ_is_refused(client):
    response = client.post(reverse("signup"), sign_up_data(password2="river-lantern-copper-48"))

    assert texts(response, ".field-error") == ["The two password fields didn’t match."]
    assert User.objects.exists() is False


@pytest.mark.django_db
def test_sign_up_with_missing_fields_lists_every_problem(client):
    response = client.post(reverse("signup"), {"name": "", "email": "not an email"})

    assert texts(response, ".error-summary") == [
        "There is a problem Your name: This field is required. Email: Enter a valid email "
        "address. Password: This field is required. Password again: This field is required."
    ]
    html = response.content.decode()
    assert '<li><a href="#id_name">Your name: This field is required.</a></li>' in html
    assert '<li><a href="#id_email">Email: Enter a valid email address.</a></li>' in html
    assert '<li><a href="#id_password1">Password: This field is required.</a></li>' in html
    assert '<li><a href="#id_password2">Password again: This field is required.</a></li>' in html
    assert User.objects.exists() is False


@pytest.mark.django_db
def test_sign_up_links_no_speaker_and_mails_one_confirmation(
    client, django_capture_on_commit_callbacks
):
    speaker = SpeakerFactory(email="Mel.Parks@Example.org")

    # Anyone can type a speaker's email: only the confirmation link proves it is theirs.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("signup"), sign_up_data(name="Mel Parks", email="mel.parks@example.org")
        )

    speaker.refresh_from_db()
    assert speaker.user is None
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["mel.parks@example.org"], "Confirm your email address")
    ]


@pytest.mark.django_db
def test_sign_up_service_refuses_a_taken_email_and_writes_and_mails_nothing(
    django_capture_on_commit_callbacks,
):
    UserFactory(email="mel.parks@example.org")
    speaker = SpeakerFactory(email="mel.parks@example.org")

    # The form checks first; this is the database's word when two sign-ups race.
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(EmailAlreadyRegistered),
    ):
        sign_up(name="Mel", email="Mel.Parks@example.org", password=NEW_PASSWORD)

    assert list(User.objects.values_list("email", flat=True)) == ["mel.parks@example.org"]
    speaker.refresh_from_db()
    assert speaker.user is None
    assert (callbacks, mail.outbox) == ([], [])


@pytest.mark.django_db
def test_link_speaker_profiles_returns_the_speakers_it_linked_by_festival_date():
    user = UserFactory(email="mel.parks@example.org")
    someone_else = UserFactory()
    at_winter = SpeakerFactory(
        festival=FestivalFactory(
            name="Winter", start_date=date(2027, 12, 1), end_date=date(2027, 12, 2)
        ),
        email="MEL.PARKS@example.org",
    )
    at_summer = SpeakerFactory(
        festival=FestivalFactory(name="Summer", start_date=date(2027, 7, 5)),
        email="Mel.Parks@Example.org",
    )
    linked_already = SpeakerFactory(email="mel.parks@example.org", user=someone_else)
    other_person = SpeakerFactory(festival=at_summer.festival, email="sam@example.org")

    assert link_speaker_profiles(user=user) == [at_summer, at_winter]
    assert link_speaker_profiles(user=user) == []
    assert dict(Speaker.objects.values_list("pk", "user")) == {
        at_summer.pk: user.pk,
        at_winter.pk: user.pk,
        linked_already.pk: someone_else.pk,
        other_person.pk: None,
    }


# Log in and log out


@pytest.mark.django_db
def test_login_takes_the_email_in_any_case(client):
    user = UserFactory(email="helen.jones@example.org")

    response = client.post(
        reverse("login"), {"username": "HELEN.Jones@Example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert get_user(client) == user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("attendee", "/me/"),
        ("speaker", "/me/"),
        ("staff", "/me/"),
        ("organiser", "/organise/"),
        ("superuser", "/organise/"),
    ],
)
def test_login_without_next_takes_organisers_to_their_festivals_and_others_to_me(
    client, role, landing
):
    user = UserFactory(
        email="helen.jones@example.org",
        is_staff=role in ("staff", "superuser"),
        is_superuser=role == "superuser",
    )
    festival = FestivalFactory()
    if role == "organiser":
        festival.organisers.add(user)
    if role == "speaker":
        SpeakerFactory(festival=festival, email=user.email, user=user)

    response = client.post(
        reverse("login"), {"username": "helen.jones@example.org", "password": PASSWORD}
    )

    assert (response.status_code, response["Location"]) == (302, landing)


@pytest.mark.django_db
def test_login_with_next_takes_an_organiser_there(client):
    FestivalFactory(organisers=[UserFactory(email="helen.jones@example.org")])

    response = client.post(
        reverse("login"),
        {"username": "helen.jones@example.org", "password": PASSWORD, "next": "/stories/"},
    )

    assert response["Location"] == "/stories/"


@pytest.mark.django_db
def test_login_page_asks_for_the_email_and_the_password(client):
    response = client.get(reverse("login"))

    assert texts(response, "title") == ["Log in · Convene"]
    assert texts(response, "h1") == ["Log in"]
    assert texts(response, "label") == ["Email", "Password"]
    html = response.content.decode()
    assert (
        '<input type="email" name="username" autofocus autocapitalize="none" '
        'autocomplete="username" maxlength="254" required id="id_username">'
    ) in html
    assert (
        '<input type="password" name="password" autocomplete="current-password" required '
        'id="id_password">'
    ) in html


@pytest.mark.django_db
def test_login_with_a_wrong_password_says_so_and_logs_no_one_in(client):
    UserFactory(email="helen.jones@example.org")

    response = client.post(
        reverse("login"), {"username": "helen.jones@example.org", "password": "wrong-password"}
    )

    assert response.status_code == 200
    assert texts(response, ".error-summary") == [
        "There is a problem That email and password do not match an account. Check them and "
        "try again, or reset your password."
    ]
    assert get_user(client).is_authenticated is False


@pytest.mark.django_db
def test_login_links_no_speaker(client):
    user = UserFactory(email="mel.parks@example.org")
    speaker = SpeakerFactory(email="Mel.Parks@example.org")

    response = client.post(
        reverse("login"), {"username": "mel.parks@example.org", "password": PASSWORD}
    )

    # A password proves who made the account, not who owns its email.
    assert response["Location"] == "/me/"
    assert get_user(client) == user
    speaker.refresh_from_db()
    assert speaker.user is None


@pytest.mark.django_db
def test_logout_is_by_post_only(client):
    user = UserFactory()
    client.force_login(user)

    refused = client.get(reverse("logout"))

    assert refused.status_code == 405
    assert refused["Allow"] == "POST, OPTIONS"
    assert get_user(client) == user

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert get_user(client).is_authenticated is False


# Where people go next


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/stories/a-story/?tab=comments", "/stories/a-story/?tab=comments"),
        ("https://evil.example/phish/", "/me/"),
        ("//evil.example/phish/", "/me/"),
        ("javascript:alert(1)", "/me/"),
    ],
)
def test_login_goes_to_next_only_when_it_is_on_this_site(client, next_url, expected):
    UserFactory(email="helen.jones@example.org")

    response = client.post(
        reverse("login"),
        {"username": "helen.jones@example.org", "password": PASSWORD, "next": next_url},
    )

    assert response["Location"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/stories/a-story/?tab=comments", "/stories/a-story/?tab=comments"),
        ("https://evil.example/phish/", "/me/"),
        ("//evil.example/phish/", "/me/"),
    ],
)
def test_sign_up_goes_to_next_only_when_it_is_on_this_site(client, next_url, expected):
    response = client.post(reverse("signup"), {**sign_up_data(), "next": next_url})

    assert response["Location"] == expected
    assert get_user(client).is_authenticated is True


@pytest.mark.django_db
def test_sign_up_page_carries_a_safe_next_into_its_form_and_links(client):
    response = client.get(reverse("signup"), {"next": "/stories/a-story/"})

    html = response.content.decode()
    assert '<input type="hidden" name="next" value="/stories/a-story/">' in html
    assert '<a href="/accounts/login/?next=/stories/a-story/">Log in</a>' in html

    unsafe = client.get(reverse("signup"), {"next": "https://evil.example/"})

    assert 'name="next"' not in unsafe.content.decode()


# Password reset


@pytest.mark.django_db
def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="helen.jones@example.org", name="Helen Jones")

    response = client.post(reverse("password_reset"), {"email": "Helen.Jones@EXAMPLE.org"})

    assert response["Location"] == "/accounts/password-reset/done/"
    # Owed through the outbox, like every email: the link is made when the sender sends it.
    assert (mail.outbox, owed()) == ([], [("password-reset", "helen.jones@example.org")])
    [message] = send_owed()
    assert message.to == ["helen.jones@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "Reset your Convene password"
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = re.search(rf"{re.escape(settings.SITE_URL)}/accounts/reset/{uid}/[\w-]+/", message.body)
    assert link is not None
    assert message.body == (
        "Hello Helen,\n\n"
        "Someone, probably you, asked to reset the password of the Convene account for "
        f"helen.jones@example.org at {settings.SITE_URL}.\n\n"
        "To choose a new password, open this link:\n\n"
        f"{link.group()}\n\n"
        "The link works once, for 3 days. If you did not ask for it, ignore this email: your "
        "password stays as it is.\n\n"
        "Convene\n"
    )

    # Django swaps the token in the address for one in the session, then shows the form.
    form_page = client.get(link.group().removeprefix(settings.SITE_URL), follow=True)
    assert texts(form_page, "h1") == ["Choose a new password"]
    set_password_url = form_page.redirect_chain[-1][0]
    assert set_password_url == f"/accounts/reset/{uid}/set-password/"
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == "/accounts/reset/done/"

    assert client.login(username="helen.jones@example.org", password=PASSWORD) is False
    logged_in = client.post(
        reverse("login"), {"username": "helen.jones@example.org", "password": NEW_PASSWORD}
    )
    assert logged_in["Location"] == "/me/"
    assert get_user(client) == user

    # The link works once.
    client.logout()
    again = client.get(link.group().removeprefix(settings.SITE_URL), follow=True)
    assert texts(again, "h1") == ["This link no longer works"]


@pytest.mark.django_db
def test_password_reset_for_an_unknown_email_shows_the_same_page_and_sends_nothing(client):
    UserFactory(email="helen.jones@example.org")

    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    known = client.post(
        reverse("password_reset"), {"email": "helen.jones@example.org"}, follow=True
    )

    assert (
        unknown.redirect_chain == known.redirect_chain == [("/accounts/password-reset/done/", 302)]
    )
    assert (
        texts(unknown, "main")
        == texts(known, "main")
        == [
            "Check your inbox If an account uses that email, we have sent it a link to choose a "
            "new password. The link works once, for 3 days. Nothing after a few minutes? Look in "
            "your spam folder, or try again with the email you signed up with."
        ]
    )
    assert [message.to for message in send_owed()] == [["helen.jones@example.org"]]


@pytest.mark.django_db
def test_completed_password_reset_links_the_speakers_with_that_email(client):
    user = UserFactory(email="mel.parks@example.org")
    speaker = SpeakerFactory(festival=FestivalFactory(name="Summer"), email="Mel.Parks@example.org")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"

    form_page = client.get(link, follow=True)
    speaker.refresh_from_db()
    assert speaker.user is None
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    # The reset link went to the email, so using it proves the person owns it.
    assert done.redirect_chain == [("/accounts/reset/done/", 302)]
    assert texts(done, ".message") == ["You are now linked to your speaker profile at Summer."]
    speaker.refresh_from_db()
    assert speaker.user == user


@pytest.mark.django_db
def test_password_reset_link_with_a_bad_token_offers_a_new_link(client):
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))

    response = client.get(f"/accounts/reset/{uid}/not-a-token/")

    assert texts(response, "main") == [
        "This link no longer works A link to reset your password works once, for 3 days. "
        "This one has been used or has expired. Ask for a new link"
    ]


# Password change


@pytest.mark.django_db
def test_account_page_shows_name_email_password_calendar_link_and_log_out(client):
    client.force_login(UserFactory(name="Helen Jones", email="helen.jones@example.org"))

    response = client.get("/accounts/")

    assert texts(response, "h1") == ["Your account"]
    assert texts(response, ".account-facts") == ["Name Helen Jones Email helen.jones@example.org"]
    assert texts(response, "h2") == ["Password", "Your calendar link", "Log out"]
    assert texts(response, ".account-calendar-status") == [
        "A private link to your programme, for your calendar app: every session you book or "
        "wait for appears there, and stays up to date."
    ]
    html = response.content.decode()
    assert '<a href="/accounts/password-change/">Change your password</a>' in html
    assert '<form method="post" action="/me/calendar/regenerate/" class="account-form">' in html
    assert '<form method="post" action="/accounts/logout/" class="account-form">' in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_account_page_of_someone_with_a_calendar_link_offers_a_new_one_after_asking(client):
    user = UserFactory(name="Helen Jones")
    client.force_login(user)
    client.post("/me/calendar/regenerate/", {"action": "new-link", "reminder": ""}, follow=True)
    made = localdate(user.calendar_token.created_at).strftime("%-d %B %Y")

    response = client.get("/accounts/")

    assert texts(response, ".account-calendar-status") == [
        f"You made your private calendar link on {made}. We keep only a scrambled fingerprint "
        "of it, so we cannot show it again."
    ]
    assert texts(response, ".account-links") == [
        "Make a new link (the one you have stops working) Reminders in your calendar"
    ]
    assert '<a href="/me/calendar/new-link/">Make a new link</a>' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "headings"),
    [
        ("attendee", ["Password", "Your calendar link", "Log out"]),
        ("speaker", ["Password", "Your calendar link", "Log out"]),
        ("staff", ["Password", "Your calendar link", "Log out"]),
        (
            "other-festivals-organiser",
            ["Password", "Your calendar link", "Festivals you organise", "Log out"],
        ),
        ("organiser", ["Password", "Your calendar link", "Festivals you organise", "Log out"]),
    ],
)
def test_account_page_links_organisers_to_their_festivals(client, role, headings):
    user = UserFactory(is_staff=role == "staff")
    festival = FestivalFactory(slug="nacpf")
    if role == "organiser":
        festival.organisers.add(user)
    if role == "other-festivals-organiser":
        FestivalFactory(slug="other", organisers=[user])
    if role == "speaker":
        SpeakerFactory(festival=festival, user=user)
    client.force_login(user)

    response = client.get("/accounts/")

    assert texts(response, "h2") == headings


@pytest.mark.django_db
def test_account_page_needs_a_login(client):
    response = client.get("/accounts/")

    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/accounts/",
    )


@pytest.mark.django_db
def test_password_change_needs_a_login_at_the_site_login_page(client):
    response = client.get(reverse("password_change"))

    assert response["Location"] == "/accounts/login/?next=/accounts/password-change/"


@pytest.mark.django_db
def test_password_change_sets_the_new_password_and_keeps_the_person_logged_in(client):
    user = UserFactory(email="helen.jones@example.org")
    client.force_login(user)

    page = client.get(reverse("password_change"))
    assert texts(page, "label") == ["Old password", "New password", "New password confirmation"]
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain == [("/accounts/password-change/done/", 302)]
    assert texts(response, "h1") == ["Your password has been changed"]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert get_user(client) == user


@pytest.mark.django_db
def test_password_change_with_a_wrong_old_password_is_refused(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert texts(response, ".field-error") == [
        "Your old password was entered incorrectly. Please enter it again."
    ]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# CSRF


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["signup", "login", "password_reset", "password_change"])
def test_account_forms_carry_the_csrf_token(url_name):
    client = Client(enforce_csrf_checks=True)
    if url_name == "password_change":
        client.force_login(UserFactory())

    html = client.get(reverse(url_name)).content.decode()

    form = re.search(
        r'<form method="post" action="[^"]*" class="account-form" novalidate>.*?</form>', html, re.S
    )
    assert form is not None
    assert len(re.findall(r'name="csrfmiddlewaretoken" value="\w+"', form.group())) == 1


@pytest.mark.django_db
def test_sign_up_without_the_csrf_token_is_refused_and_with_it_succeeds():
    client = Client(enforce_csrf_checks=True)

    refused = client.post(reverse("signup"), sign_up_data())

    assert refused.status_code == 403
    assert User.objects.exists() is False

    page = client.get(reverse("signup")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page).group(1)
    accepted = client.post(reverse("signup"), {**sign_up_data(), "csrfmiddlewaretoken": token})

    assert accepted["Location"] == "/me/"
    assert list(User.objects.values_list("email", flat=True)) == ["helen.jones@example.org"]


# The site's nav


@pytest.mark.django_db
def test_nav_offers_visitors_log_in_and_sign_up_coming_back_to_this_page(client):
    response = client.get("/?day=2027-07-05")

    assert texts(response, "nav") == ["Hub Log in Sign up"]
    html = response.content.decode()
    assert '<a href="/accounts/login/?next=/%3Fday%3D2027-07-05">Log in</a>' in html
    assert '<a href="/accounts/signup/?next=/%3Fday%3D2027-07-05">Sign up</a>' in html


@pytest.mark.django_db
def test_nav_on_the_login_page_keeps_its_next_rather_than_pointing_back_at_itself(client):
    response = client.get(reverse("login"), {"next": "/stories/a-story/"})

    html = response.content.decode()
    nav = re.search(r'<nav aria-label="Site">.*?</nav>', html, re.S).group()
    assert '<a href="/accounts/login/?next=/stories/a-story/">Log in</a>' in nav
    assert '<a href="/accounts/signup/?next=/stories/a-story/">Sign up</a>' in nav


@pytest.mark.django_db
def test_nav_shows_a_signed_in_person_their_name_and_a_log_out_button(client):
    client.force_login(UserFactory(name="Helen Jones"))

    response = client.get("/")

    assert texts(response, "nav") == ["Hub My programme Helen Jones Log out"]
    html = response.content.decode()
    assert '<a href="/accounts/">Helen Jones</a>' in html
    assert re.search(
        r'<form method="post" action="/accounts/logout/" class="inline-form">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="\w+">'
        r'<button type="submit" class="link-button">Log out</button>',
        html,
    )


@pytest.mark.django_db
def test_nav_shows_the_email_of_a_person_with_no_name_and_admin_to_staff(client):
    client.force_login(UserFactory(name="", email="organiser@example.org", is_staff=True))

    response = client.get("/")

    assert texts(response, "nav") == ["Hub My programme Admin organiser@example.org Log out"]


@pytest.mark.django_db
def test_admin_password_change_keeps_the_admin_page(admin_client):
    response = admin_client.get(reverse("admin:password_change"))

    assert texts(response, "h1") == ["Password change"]
