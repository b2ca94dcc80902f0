"""Writes of the festival app: accounts, their email confirmation, the speakers linked to
them once the email is confirmed, and stories shared from the Hub."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from festival.email_confirmation import user_for_confirmation_token
from festival.models import Festival, Speaker, Story, Tag, User
from festival.outbox.services import Message, owe_message

# Kinds of outbox message this app owes (festival/outbox_renderers.py renders them).
EMAIL_CONFIRMATION = "email-confirmation"
STORY_REVIEW = "story-review"

logger = logging.getLogger(__name__)

# Room for "-" and a number after the title's slug in Story.slug (100 characters).
STORY_SLUG_BASE_LENGTH = 90
STORY_SLUG_ATTEMPTS = 5
# Addresses under /stories/ that are pages, not stories.
RESERVED_STORY_SLUGS = frozenset({"share"})


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

    Side effects: one User row (email with its domain lower-cased, password hashed) and the
    confirmation email owed in the outbox. No speaker is linked: anyone can
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

    Side effects: an outbox row; the email links to the address the account has when it
    goes. Each request is a message of its own (asking again sends a fresh link).
    """
    owe_message(
        Message(
            kind=EMAIL_CONFIRMATION,
            dedupe_key=f"{EMAIL_CONFIRMATION}:{user.pk}:{timezone.now().isoformat()}",
            recipient=user.email,
            payload={"user_id": user.pk},
        )
    )


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


@transaction.atomic
def share_story(
    *,
    user: User,
    title: str,
    standfirst: str,
    body: str,
    tags: Iterable[Tag],
    author: str = "",
    festival: Festival | None = None,
) -> Story:
    """Save a story sent from "Share your story" as a draft, and ask for it to be read.

    Side effects: one Story row, a DRAFT (never public until an organiser publishes it from
    the admin), with submitted_by=user, author (default: the user's name) and a slug made
    from the title, unique ("title", "title-2", ...); its tags; the review request owed in the
    outbox, once per story, to the people selectors.story_reviewers names when it goes (the
    festival's organisers, else the superusers). All in one transaction: a story is never
    saved without its review request.
    """
    for _attempt in range(STORY_SLUG_ATTEMPTS):
        try:
            # A savepoint: if someone took the slug since it was chosen, try the next one.
            with transaction.atomic():
                story = Story.objects.create(
                    title=title,
                    slug=free_story_slug(title),
                    author=author or user.name or "Anonymous",
                    submitted_by=user,
                    festival=festival,
                    standfirst=standfirst,
                    body=body,
                    status=Story.Status.DRAFT,
                )
        except IntegrityError:
            continue
        break
    else:
        raise IntegrityError(f"No free slug for a story called {title!r}: try again.")
    story.tags.set(tags)
    owe_message(
        Message(
            kind=STORY_REVIEW,
            dedupe_key=f"{STORY_REVIEW}:{story.pk}",
            recipient="the story's reviewers",
            payload={"story_id": story.pk},
            festival_id=story.festival_id,
        )
    )
    return story


def free_story_slug(title: str) -> str:
    """The title's slug, or with the lowest "-<n>" that no story (draft or not) has and that
    is not a page's address ("share")."""
    base = slugify(title)[:STORY_SLUG_BASE_LENGTH].strip("-") or "story"
    taken = set(Story.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_STORY_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
