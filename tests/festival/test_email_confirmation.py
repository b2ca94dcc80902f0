import re
from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.conf import settings
from django.core import mail, signing
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from festival.email_confirmation import SALT, make_confirmation_token
from festival.models import OutboxMessage, Speaker
from festival.outbox.scan import send_due_messages
from festival.services import (
    ConfirmationLinkInvalid,
    EmailConfirmed,
    confirm_email,
    request_email_confirmation,
)
from tests.factories import FestivalFactory, SpeakerFactory, UserFactory
from tests.html import texts
from tests.outbox import owed, send_owed

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "river-lantern-copper-47"
BAD_LINK_PAGE = (
    "This link no longer works A link to confirm your email works for 3 days, and only while "
    "your account has the email it was sent to. This one has expired or has been changed."
)


def confirm_path(token: str) -> str:
    return reverse("confirm-email", kwargs={"token": token})


def speaker_links() -> dict[int, int | None]:
    return dict(Speaker.objects.values_list("pk", "user"))


# The email


@pytest.mark.django_db
def test_sign_up_mails_a_confirmation_link_that_confirms_and_links(
    client, django_capture_on_commit_callbacks
):
    speaker = SpeakerFactory(festival=FestivalFactory(name="Summer"), email="Mel.Parks@Example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("signup"),
            {
                "name": "Mel Parks",
                "email": "mel.parks@example.org",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.from_email, message.subject) == (
        ["mel.parks@example.org"],
        settings.DEFAULT_FROM_EMAIL,
        "Confirm your email address",
    )
    link = re.search(
        rf"{re.escape(settings.SITE_URL)}/accounts/confirm-email/[\w:-]+/", message.body
    )
    assert link is not None
    assert message.body == (
        "Hello Mel,\n\n"
        "Please confirm that mel.parks@example.org is the email address of your Convene account "
        f'at {settings.SITE_URL}. Open this link and press "Confirm my email":\n\n'
        f"{link.group()}\n\n"
        "Confirming links your account to the speaker profiles that festival organisers have "
        "made for this email address, so you can post write-ups of your sessions. The link "
        "works for 3 days.\n\n"
        "If you did not make this account, ignore this email: nothing is linked to it until "
        "the address is confirmed.\n\n"
        "Convene\n"
    )

    path = link.group().removeprefix(settings.SITE_URL)
    client.post(path)
    speaker.refresh_from_db()
    assert speaker.user.email == "mel.parks@example.org"


@pytest.mark.django_db
def test_a_confirmation_owed_to_a_user_who_is_gone_is_dropped_unsent():
    user = UserFactory(email="gone@example.org")
    request_email_confirmation(user=user)
    user.delete()

    assert (send_owed(), owed()) == ([], [])
    assert OutboxMessage.objects.filter(cancelled_at__isnull=False).count() == 1


class FailsOnceBackend(EmailBackend):
    failures = 0

    def send_messages(self, messages):
        if FailsOnceBackend.failures == 0:
            FailsOnceBackend.failures += 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_confirmation_the_mail_server_dropped_goes_a_minute_later(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailsOnceBackend"
    FailsOnceBackend.failures = 0
    request_email_confirmation(user=UserFactory(email="mel.parks@example.org"))
    now = timezone.now()

    first = send_due_messages(now=lambda: now)
    waiting = OutboxMessage.objects.get()
    second = send_due_messages(now=lambda: now + timedelta(minutes=1))

    assert (first.retrying, waiting.attempts, waiting.last_error) == (
        1,
        1,
        "SMTPServerDisconnected: Connection unexpectedly closed",
    )
    assert (second.sent, [message.to for message in mail.outbox]) == (
        1,
        [["mel.parks@example.org"]],
    )


# Following the link


@pytest.mark.django_db
def test_confirmation_link_get_shows_a_button_and_changes_nothing(client):
    user = UserFactory(email="mel.parks@example.org")
    SpeakerFactory(email="mel.parks@example.org")
    path = confirm_path(make_confirmation_token(user))

    # Mail scanners open the links in emails: opening one must not confirm.
    response = client.get(path)

    assert texts(response, "title") == ["Confirm your email address · Convene"]
    assert texts(response, "main") == [
        "Confirm your email address Confirm that mel.parks@example.org is the email address of "
        "your Convene account. If festival organisers have made a speaker profile for it, your "
        "account will be linked to it. Confirm my email"
    ]
    assert f'<form method="post" action="{path}" class="account-form" novalidate>' in (
        response.content.decode()
    )
    assert response["Cache-Control"] == ("max-age=0, no-cache, no-store, must-revalidate, private")
    assert speaker_links() == {Speaker.objects.get().pk: None}


@pytest.mark.django_db
def test_confirmation_links_every_unlinked_speaker_with_that_email_in_any_case(client):
    mel = UserFactory(email="mel.parks@example.org")
    someone_else = UserFactory()
    at_summer = SpeakerFactory(
        festival=FestivalFactory(name="Summer"), email="Mel.Parks@Example.org"
    )
    at_winter = SpeakerFactory(
        festival=FestivalFactory(name="Winter"), email="MEL.PARKS@example.org"
    )
    linked_already = SpeakerFactory(
        festival=FestivalFactory(name="Spring"), email="mel.parks@example.org", user=someone_else
    )
    other_person = SpeakerFactory(festival=at_summer.festival, email="sam@example.org")

    # Not logged in: the link may be opened on another device than the sign-up's.
    response = client.post(confirm_path(make_confirmation_token(mel)), follow=True)

    assert texts(response, "main") == [
        "Your email is confirmed Thank you: mel.parks@example.org is confirmed as the email "
        "address of your Convene account. You are now linked to your speaker profile at "
        "Summer and Winter. Go to the Hub"
    ]
    assert speaker_links() == {
        at_summer.pk: mel.pk,
        at_winter.pk: mel.pk,
        linked_already.pk: someone_else.pk,
        other_person.pk: None,
    }


@pytest.mark.django_db
def test_confirmation_with_no_speaker_profile_only_confirms(client):
    user = UserFactory(email="helen.jones@example.org")

    response = client.post(confirm_path(make_confirmation_token(user)), follow=True)

    assert texts(response, "main") == [
        "Your email is confirmed Thank you: helen.jones@example.org is confirmed as the email "
        "address of your Convene account. Go to the Hub"
    ]


@pytest.mark.django_db
def test_confirming_again_links_the_speakers_added_since():
    user = UserFactory(email="mel.parks@example.org")
    token = make_confirmation_token(user)
    at_summer = SpeakerFactory(email="mel.parks@example.org")

    first = confirm_email(token=token)
    at_winter = SpeakerFactory(email="mel.parks@example.org")
    second = confirm_email(token=token)

    assert first == EmailConfirmed(user=user, linked_speakers=[at_summer])
    assert second == EmailConfirmed(user=user, linked_speakers=[at_winter])


@pytest.mark.django_db
def test_confirmation_link_survives_a_change_of_case_in_the_email(client):
    user = UserFactory(email="Mel.Parks@example.org")
    speaker = SpeakerFactory(email="mel.parks@example.org")
    token = make_confirmation_token(user)
    user.email = "mel.parks@example.org"
    user.save()

    client.post(confirm_path(token))

    speaker.refresh_from_db()
    assert speaker.user == user


# Links that no longer work


def tampered_signature(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def another_users_payload(token: str) -> str:
    _, _, stamp_and_signature = token.partition(":")
    other = signing.dumps({"user": 999_999, "email": "mel.parks@example.org"}, salt=SALT)
    return f"{other.partition(':')[0]}:{stamp_and_signature}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_bad_token",
    [
        tampered_signature,
        another_users_payload,
        lambda token: signing.dumps({"user": 1, "email": "mel.parks@example.org"}),
        lambda token: "not-a-token",
    ],
    ids=["tampered signature", "another payload", "another salt", "not a token"],
)
def test_bad_confirmation_link_shows_the_bad_link_page_and_links_nothing(client, make_bad_token):
    user = UserFactory(email="mel.parks@example.org")
    speaker = SpeakerFactory(email="mel.parks@example.org")
    path = confirm_path(make_bad_token(make_confirmation_token(user)))

    shown = client.get(path)
    posted = client.post(path)

    assert (
        texts(shown, "main")
        == texts(posted, "main")
        == [f"{BAD_LINK_PAGE} Log in to get a new link"]
    )
    speaker.refresh_from_db()
    assert speaker.user is None


@pytest.mark.django_db
def test_confirmation_link_works_for_3_days(client):
    user = UserFactory(email="mel.parks@example.org")
    speaker = SpeakerFactory(email="mel.parks@example.org")
    sent_at = timezone.now()
    with time_machine.travel(sent_at, tick=False):
        path = confirm_path(make_confirmation_token(user))

    with time_machine.travel(sent_at + timedelta(days=4), tick=False):
        expired = client.post(path)

    assert texts(expired, "main") == [f"{BAD_LINK_PAGE} Log in to get a new link"]
    speaker.refresh_from_db()
    assert speaker.user is None

    with time_machine.travel(sent_at + timedelta(days=3) - timedelta(minutes=1), tick=False):
        client.post(path)

    speaker.refresh_from_db()
    assert speaker.user == user


@pytest.mark.django_db
def test_confirmation_link_for_an_email_the_user_no_longer_has_links_nothing(client):
    user = UserFactory(email="mel.parks@example.org")
    old_speaker = SpeakerFactory(email="mel.parks@example.org")
    new_speaker = SpeakerFactory(email="mel@elsewhere.example")
    token = make_confirmation_token(user)
    user.email = "mel@elsewhere.example"
    user.save()

    response = client.post(confirm_path(token))

    assert texts(response, "main") == [f"{BAD_LINK_PAGE} Log in to get a new link"]
    assert speaker_links() == {old_speaker.pk: None, new_speaker.pk: None}
    with pytest.raises(ConfirmationLinkInvalid):
        confirm_email(token=token)


@pytest.mark.django_db
def test_bad_link_page_offers_a_logged_in_person_a_new_link(client):
    user = UserFactory(email="mel.parks@example.org")
    client.force_login(user)

    response = client.get(confirm_path("not-a-token"))

    assert texts(response, "main") == [
        f"{BAD_LINK_PAGE} We will send a new link to mel.parks@example.org. Send me a new link"
    ]
    assert '<form method="post" action="/accounts/confirm-email/resend/" class="account-form"' in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_bad_link_page_sends_a_visitor_to_log_in_then_to_the_new_link_page(client):
    response = client.get(confirm_path("not-a-token"))

    assert (
        '<p><a href="/accounts/login/?next=/accounts/confirm-email/resend/">'
        "Log in to get a new link</a></p>"
    ) in response.content.decode()


# A new link


@pytest.mark.django_db
def test_resend_needs_a_login(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shown = client.get(reverse("confirm-email-resend"))
        posted = client.post(reverse("confirm-email-resend"))

    assert (
        shown["Location"]
        == posted["Location"]
        == "/accounts/login/?next=/accounts/confirm-email/resend/"
    )
    assert mail.outbox == []


@pytest.mark.django_db
def test_resend_page_offers_to_send_a_link_to_the_account_email(client):
    client.force_login(UserFactory(email="mel.parks@example.org"))

    response = client.get(reverse("confirm-email-resend"))

    assert texts(response, "main") == [
        "Confirm your email address We will send a link to mel.parks@example.org. Open it to "
        "confirm that the address is yours and to link your account to any speaker profile "
        "made for it. Send me a new link"
    ]


@pytest.mark.django_db
def test_resend_mails_a_new_link_that_works(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="mel.parks@example.org")
    speaker = SpeakerFactory(email="mel.parks@example.org")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("confirm-email-resend"), follow=True)

    assert response.redirect_chain == [("/me/", 302)]
    assert texts(response, ".message") == ["We have sent a new link to mel.parks@example.org."]
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["mel.parks@example.org"], "Confirm your email address")
    ]
    speaker.refresh_from_db()
    assert speaker.user is None
    path = re.search(r"/accounts/confirm-email/[\w:-]+/", mail.outbox[0].body).group()
    client.post(path)
    speaker.refresh_from_db()
    assert speaker.user == user


@pytest.mark.django_db
def test_request_email_confirmation_mails_the_email_the_account_has_when_sent(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="mel.parks@example.org")

    with django_capture_on_commit_callbacks() as callbacks:
        request_email_confirmation(user=user)
    user.email = "mel@elsewhere.example"
    user.save()
    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [["mel@elsewhere.example"]]


# CSRF


@pytest.mark.django_db
def test_confirming_without_the_csrf_token_is_refused_and_links_nothing():
    client = Client(enforce_csrf_checks=True)
    user = UserFactory(email="mel.parks@example.org")
    speaker = SpeakerFactory(email="mel.parks@example.org")
    path = confirm_path(make_confirmation_token(user))

    refused = client.post(path)

    assert refused.status_code == 403
    speaker.refresh_from_db()
    assert speaker.user is None

    page = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page).group(1)
    accepted = client.post(path, {"csrfmiddlewaretoken": token}, follow=True)

    assert texts(accepted, "h1") == ["Your email is confirmed"]
    speaker.refresh_from_db()
    assert speaker.user == user


@pytest.mark.django_db
def test_resending_without_the_csrf_token_is_refused_and_mails_nothing(
    django_capture_on_commit_callbacks,
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(reverse("confirm-email-resend"))

    assert refused.status_code == 403
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_confirmed_page_is_shown_once_after_a_redirect(client):
    user = UserFactory(email="helen@example.org")

    posted = client.post(confirm_path(make_confirmation_token(user)))
    shown = client.get(posted["Location"])
    reloaded = client.get(posted["Location"])

    assert (posted.status_code, posted["Location"]) == (302, "/accounts/confirm-email/done/")
    assert texts(shown, "h1") == ["Your email is confirmed"]
    assert (reloaded.status_code, reloaded["Location"]) == (302, "/")
