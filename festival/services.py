"""Writes of the festival app: accounts, their email confirmation, and the speakers linked to
them once the email is confirmed."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from festival.email_confirmation import user_for_confirmation_token
from festival.models import Speaker, User
from festival.tasks import send_email_confirmation


class EmailAlreadyRegistered(Exception):
    """Another account has this email address, whatever its case."""

    def __init__(self, email: str) -> None:
        super().__init__(f"An account with the email {email} already exists.")
        self.email = email


class ConfirmationLinkInvalid(Exception):
    """The email confirmation link was tampered with, has expired, or is for an email the
    account no longer has. Log in and ask for a new link."""


@dataclass(frozen=True)
class EmailConfirmed:
    user: User
    # The speaker profiles this confirmation linked, with their festivals.
    linked_speakers: list[Speaker]


def sign_up(*, name: str, email: str, password: str) -> User:
    """Create an account whose login is `email` and mail a link to confirm the email.

    Side effects: one User row (email with its domain lower-cased, password hashed); once
    committed, the festival.send_email_confirmation task. No speaker is linked: anyone can
    type anyone's email, so that waits for confirm_email. Raises EmailAlreadyRegistered,
    writing and queueing nothing, when the email is taken in any case; the database's
    case-insensitive unique constraint decides, so two people signing up with the same email
    at the same moment cannot both succeed.
    """
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, name=name)
            request_email_confirmation(user=user)
    except IntegrityError as error:
        raise EmailAlreadyRegistered(email) from error
    return user


@transaction.atomic
def request_email_confirmation(*, user: User) -> None:
    """Mail `user` a link to confirm their email.

    Side effects: once committed, the festival.send_email_confirmation task, which mails a
    link to the address the account has when it runs.
    """
    transaction.on_commit(lambda: send_email_confirmation.delay(user_id=user.pk))


@transaction.atomic
def confirm_email(*, token: str) -> EmailConfirmed:
    """Take a confirmation link's token as proof that its user owns their email, and link the
    speaker profiles made for that email.

    Side effects: those of link_speaker_profiles. Raises ConfirmationLinkInvalid, writing
    nothing, when the token is tampered, expired or for an email the user no longer has.
    Confirming again links only speakers added since.
    """
    user = user_for_confirmation_token(token)
    if user is None:
        raise ConfirmationLinkInvalid
    return EmailConfirmed(user=user, linked_speakers=link_speaker_profiles(user=user))


@transaction.atomic
def link_speaker_profiles(*, user: User) -> list[Speaker]:
    """Link to `user` every speaker with the user's email (any case) and no user yet.

    Call it only once the user has proved they own the email (a confirmation link, a completed
    password reset). Side effects: sets Speaker.user on those rows; speakers linked to someone
    else are left alone. Returns the speakers it linked, with their festivals, by festival date.
    """
    # Locked, so the list returned is the rows updated even if an organiser links one meanwhile.
    speakers = list(
        Speaker.objects.select_for_update(of=("self",))
        .select_related("festival")
        .filter(email__iexact=user.email, user__isnull=True)
        .order_by("festival__start_date", "festival__name", "pk")
    )
    Speaker.objects.filter(pk__in=[speaker.pk for speaker in speakers]).update(user=user)
    for speaker in speakers:
        speaker.user = user
    return speakers
