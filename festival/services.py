"""Writes of the festival app: accounts and the speakers they are linked to."""

from django.db import IntegrityError, transaction

from festival.models import Speaker, User


class EmailAlreadyRegistered(Exception):
    """Another account has this email address, whatever its case."""

    def __init__(self, email: str) -> None:
        super().__init__(f"An account with the email {email} already exists.")
        self.email = email


def sign_up(*, name: str, email: str, password: str) -> User:
    """Create an account whose login is `email`, and link the speakers the organisers gave
    that email to it.

    Side effects: one User row (email with its domain lower-cased, password hashed); every
    Speaker with that email (in any case) and no user gets this user. Raises
    EmailAlreadyRegistered, writing nothing, when the email is taken in any case; the
    database's case-insensitive unique constraint decides, so two people signing up with the
    same email at the same moment cannot both succeed.
    """
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, name=name)
            link_speaker_profiles(user=user)
    except IntegrityError as error:
        raise EmailAlreadyRegistered(email) from error
    return user


@transaction.atomic
def link_speaker_profiles(*, user: User) -> int:
    """Link to `user` every speaker with the user's email (any case) and no user yet.

    Side effects: sets Speaker.user on those rows; speakers linked to someone else are left
    alone. Returns how many were linked.
    """
    return Speaker.objects.filter(email__iexact=user.email, user__isnull=True).update(user=user)
