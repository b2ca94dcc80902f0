"""Write-ups of sessions: start one, save it, publish it; and who wants to hear of them.

Publishing for the first time is what tells people: each of the session's attendees is owed
an email in the outbox (one row each, keyed so nobody hears twice) and the session's
calendar entry is marked modified (its description links to the write-up). Saving again,
re-publishing or editing tells nobody anything.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from events.models import Session, WriteUp, WriteUpOptOut
from events.programme.stamp import touch_programmes
from events.writeups.selectors import writeup_notice_recipients, writeup_refusal
from festival.models import Speaker, Story
from festival.outbox.services import Message, owe_messages

# The kind of outbox message a published write-up owes its session's attendees
# (events/outbox_renderers.py renders it).
WRITEUP_NOTICE = "writeup-notice"

SLUG_STEM_LENGTH = 90
# Two people saving write-ups with one title at the same instant: each try takes the next slug.
SLUG_ATTEMPTS = 3


class WriteUpError(Exception):
    """A write-up action that cannot be done; the message says why, for the person."""


@dataclass(frozen=True)
class WriteUpContent:
    """What the author writes: everything but who, which session and when."""

    title: str
    summary: str = ""
    body: str = ""
    what_worked: str = ""
    challenges: str = ""
    next_time: str = ""
    stories: tuple[Story, ...] = ()

    TEXT_FIELDS = ("title", "summary", "body", "what_worked", "challenges", "next_time")

    @property
    def is_complete(self) -> bool:
        """Enough to publish: a title, a summary and what happened."""
        return bool(self.title.strip() and self.summary.strip() and self.body.strip())


INCOMPLETE = "A write-up needs a title, a summary and what happened before it is published."


@transaction.atomic
def create_writeup(*, session: Session, author, content: WriteUpContent, publish: bool) -> WriteUp:
    """Start `author`'s write-up of `session`: a draft, or published at once.

    Side effects: the WriteUp row (its slug made from the title) and its story links; when
    published, those of `publish_writeup`. Raises WriteUpError if `author` may not write up
    the session now, already has a write-up of it, or publishes one that is not complete.
    """
    festival = session.festival
    refusal = writeup_refusal(session=session, festival=festival, user=author, now=timezone.now())
    if refusal is not None:
        raise WriteUpError(refusal.message)
    if publish and not content.is_complete:
        raise WriteUpError(INCOMPLETE)
    writeup = WriteUp(
        session=session, author=author, author_name=author_name(session=session, user=author)
    )
    _apply(writeup, content)
    for _attempt in range(SLUG_ATTEMPTS):
        writeup.slug = unique_slug(content.title, fallback=session.title)
        try:
            with transaction.atomic():
                writeup.save()
            break
        except IntegrityError:
            if WriteUp.objects.filter(session=session, author=author).exists():
                raise WriteUpError("You have already started a write-up of this session.") from None
    else:
        raise WriteUpError("Another write-up was saved with this title just now: try again.")
    writeup.stories.set(content.stories)
    if publish:
        publish_writeup(writeup=writeup)
    return writeup


@transaction.atomic
def update_writeup(*, writeup: WriteUp, content: WriteUpContent, publish: bool) -> WriteUp:
    """Save new words (and story links) for a write-up; publish it too if asked.

    Side effects: while it has never been published, a new title gives it a new slug; once
    published, a change of words or links sets `edited_at` ("Last edited" on its page). A
    published write-up stays published. Raises WriteUpError if a published (or to be
    published) write-up would lose its title, summary or what happened.
    """
    # of=("self",): lock the write-up only, not its session and festival.
    writeup = (
        WriteUp.objects.select_for_update(of=("self",))
        .select_related("session__festival")
        .get(pk=writeup.pk)
    )
    if (publish or writeup.is_published) and not content.is_complete:
        raise WriteUpError(INCOMPLETE)
    linked = set(writeup.stories.values_list("pk", flat=True))
    published_links = set(
        Story.objects.published().filter(pk__in=linked).values_list("pk", flat=True)
    )
    changed = any(
        getattr(writeup, name) != getattr(content, name) for name in WriteUpContent.TEXT_FIELDS
    ) or published_links != {story.pk for story in content.stories}
    if writeup.published_at is None and writeup.title != content.title:
        writeup.slug = unique_slug(content.title, fallback=writeup.session.title, exclude=writeup)
    _apply(writeup, content)
    if writeup.is_published and changed:
        writeup.edited_at = timezone.now()
    writeup.save()
    # Links to stories unpublished since are kept (nobody sees them) for when they return.
    writeup.stories.set([*content.stories, *(linked - published_links)])
    if publish and writeup.is_draft:
        publish_writeup(writeup=writeup)
    return writeup


@transaction.atomic
def publish_writeup(*, writeup: WriteUp, now: datetime | None = None) -> WriteUp:
    """Make a draft public. The first time only: set `published_at`, move the session's
    `updated_at` and its festival's programme stamp (its calendar entry links here), and owe
    one email to each person going to the session (not the author, not those who opted
    out). Publishing again does nothing more.
    """
    if writeup.is_published:
        return writeup
    now = now or timezone.now()
    first_time = writeup.published_at is None
    writeup.status = WriteUp.Status.PUBLISHED
    writeup.published_at = writeup.published_at or now
    writeup.save(update_fields=["status", "published_at", "updated_at"])
    if first_time:
        Session.objects.filter(pk=writeup.session_id).update(updated_at=now)
        touch_programmes([writeup.session.festival_id])
        owe_writeup_notices(writeup=writeup)
    return writeup


def owe_writeup_notices(*, writeup: WriteUp) -> None:
    """Owe one notice of `writeup` to each person in `writeup_notice_recipients`, in the
    caller's transaction; each person once per write-up however often it is published."""
    recipients = writeup_notice_recipients(writeup=writeup).order_by("pk")
    owe_messages(
        Message(
            kind=WRITEUP_NOTICE,
            dedupe_key=f"{WRITEUP_NOTICE}:{writeup.pk}:{user.pk}",
            recipient=user.email,
            payload={"writeup_id": writeup.pk, "user_id": user.pk},
            festival_id=writeup.session.festival_id,
        )
        for user in recipients
    )


def author_name(*, session: Session, user) -> str:
    """The name a write-up is signed with: the person's name as a speaker of the session,
    else their account's name, else their role. Never their email address."""
    speaker_name = (
        Speaker.objects.filter(sessions=session, user=user).values_list("name", flat=True).first()
    )
    return speaker_name or user.name or f"An organiser of {session.festival.name}"


def unique_slug(title: str, *, fallback: str, exclude: WriteUp | None = None) -> str:
    """A slug from the title, with -2, -3… when another write-up has it."""
    stem = (slugify(title) or slugify(fallback) or "write-up")[:SLUG_STEM_LENGTH].strip("-")
    taken = set(
        WriteUp.objects.filter(slug__startswith=stem)
        .exclude(pk=exclude.pk if exclude else None)
        .values_list("slug", flat=True)
    )
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _apply(writeup: WriteUp, content: WriteUpContent) -> None:
    for name in WriteUpContent.TEXT_FIELDS:
        setattr(writeup, name, getattr(content, name))


@transaction.atomic
def set_writeup_emails(*, user, wanted: bool) -> None:
    """Turn on or off the emails a person gets when a session they had a place on is written
    up. Side effect: creates or deletes their WriteUpOptOut row; asking twice changes nothing."""
    if wanted:
        WriteUpOptOut.objects.filter(user=user).delete()
    else:
        WriteUpOptOut.objects.get_or_create(user=user)


@transaction.atomic
def unpublish_writeups(writeups: QuerySet[WriteUp]) -> int:
    """Take published write-ups back to drafts, seen only by their authors and organisers.

    Side effects: status becomes draft; `published_at` and the slug stay, so publishing again
    keeps the address and emails nobody (`publish_writeup` tells people the first time only).
    Their sessions' `updated_at` and festivals' programme stamps move, as when they were
    published. Returns how many were unpublished.
    """
    # Locked by pk: the changelist's queryset may be DISTINCT, which FOR UPDATE refuses.
    rows = list(
        WriteUp.objects.select_for_update(of=("self",))
        .select_related("session")
        .filter(pk__in=writeups.values("pk"))
    )
    now = timezone.now()
    for writeup in rows:
        writeup.status = WriteUp.Status.DRAFT
        writeup.save(update_fields=["status", "updated_at"])
    Session.objects.filter(pk__in={writeup.session_id for writeup in rows}).update(updated_at=now)
    touch_programmes(writeup.session.festival_id for writeup in rows)
    return len(rows)
