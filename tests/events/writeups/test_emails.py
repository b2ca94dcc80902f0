"""The email to a session's attendees when its write-up is first published: to the people who
had a place, once each, never again on a second publish or an edit, never to those who opted
out."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from events.enums import AttendanceStatus
from events.models import Attendance, WriteUp
from events.writeups.services import (
    create_writeup,
    publish_writeup,
    set_writeup_emails,
    update_writeup,
)
from festival.models import OutboxMessage
from festival.outbox.scan import send_due_messages
from tests.events.writeups.test_views import (
    AFTER_THE_TALK,
    WriteUpSetting,
    build_writeup_setting,
    content,
)
from tests.factories import UserFactory
from tests.outbox import owed, send_owed


@pytest.fixture
def writeup_setting(db) -> WriteUpSetting:
    """Ann has a place on the talk (from the shared setting); so do Bob and Eve, who wants no
    write-up emails. Carl is on the waitlist, Dee cancelled, and Mel, its speaker, booked too."""
    setting = build_writeup_setting()
    people = {
        "bob@example.org": AttendanceStatus.GOING,
        "eve@example.org": AttendanceStatus.GOING,
        "carl@example.org": AttendanceStatus.WAITLISTED,
        "dee@example.org": AttendanceStatus.CANCELLED,
    }
    for email, status in people.items():
        Attendance.objects.create(
            user=UserFactory(email=email, name=email.split("@")[0].title()),
            session=setting.talk,
            status=status,
            position=1 if status == AttendanceStatus.WAITLISTED else None,
        )
    Attendance.objects.create(
        user=setting.mel_user, session=setting.talk, status=AttendanceStatus.GOING
    )
    set_writeup_emails(
        user=Attendance.objects.get(user__email="eve@example.org").user, wanted=False
    )
    return setting


@pytest.fixture(autouse=True)
def after_the_talk():
    with time_machine.travel(AFTER_THE_TALK, tick=False):
        yield


def recipients(sent) -> list[list[str]]:
    return sorted(message.to for message in sent)


def publish(setting: WriteUpSetting) -> WriteUp:
    return create_writeup(
        session=setting.talk, author=setting.mel_user, content=content(), publish=True
    )


def test_publishing_owes_each_person_with_a_place_one_email(writeup_setting):
    writeup = publish(writeup_setting)

    assert owed() == [
        ("writeup-notice", "ann@example.org"),
        ("writeup-notice", "bob@example.org"),
    ]
    assert sorted(OutboxMessage.objects.values_list("dedupe_key", flat=True)) == sorted(
        f"writeup-notice:{writeup.pk}:{user_id}"
        for user_id in Attendance.objects.filter(
            user__email__in=["ann@example.org", "bob@example.org"]
        ).values_list("user_id", flat=True)
    )
    assert recipients(send_owed()) == [["ann@example.org"], ["bob@example.org"]]


def test_the_email_leaves_once_the_publish_commits(
    writeup_setting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(writeup_setting)

    assert (recipients(mail.outbox), owed()) == ([["ann@example.org"], ["bob@example.org"]], [])


def test_the_email_says_what_was_written_and_how_to_stop_them(writeup_setting, settings):
    settings.SITE_URL = "https://convene.example.org"
    publish(writeup_setting)

    message = next(sent for sent in send_owed() if sent.to == ["ann@example.org"])

    assert message.subject == "A write-up of What is co-production?"
    assert message.body == (
        "Hello Ann,\n\n"
        "You had a place on “What is co-production?” at Not Another Co-production Festival. "
        "Mel Parks has written up how it went: what happened, what worked, the challenges and "
        "failures, and what they would do differently next time.\n\n"
        "We learned to listen\n"
        "Forty people, one room, and a plan that changed by eleven.\n\n"
        "Read it: https://convene.example.org/write-ups/we-learned-to-listen/\n"
        "The session: https://convene.example.org/festivals/nacpf/sessions/"
        "what-is-co-production/\n\n"
        "You are getting this email because you had a place on the session. To stop emails "
        "about write-ups, go to https://convene.example.org/me/write-up-emails/\n\n"
        "Not Another Co-production Festival\n"
    )


def test_saving_a_draft_owes_nobody_anything(writeup_setting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create_writeup(
            session=writeup_setting.talk,
            author=writeup_setting.mel_user,
            content=content(),
            publish=False,
        )

    assert (callbacks, owed(), mail.outbox) == ([], [], [])


def test_publishing_again_or_editing_owes_nobody_anything_again(writeup_setting):
    writeup = publish(writeup_setting)
    send_owed()

    publish_writeup(writeup=writeup)
    update_writeup(writeup=writeup, content=content(body="More words."), publish=True)
    update_writeup(writeup=writeup, content=content(body="Yet more."), publish=False)

    assert (OutboxMessage.objects.count(), owed(), send_owed()) == (2, [], [])


def test_someone_who_cancels_or_opts_out_before_it_goes_is_not_emailed(writeup_setting):
    publish(writeup_setting)
    Attendance.objects.filter(user__email="ann@example.org").update(
        status=AttendanceStatus.CANCELLED
    )
    set_writeup_emails(
        user=Attendance.objects.get(user__email="bob@example.org").user, wanted=False
    )

    assert (send_owed(), owed()) == ([], [])
    assert list(OutboxMessage.objects.values_list("sent_at", "cancelled_at")) == [
        (None, AFTER_THE_TALK),
        (None, AFTER_THE_TALK),
    ]


def test_a_writeup_unpublished_before_it_goes_emails_nobody(writeup_setting):
    writeup = publish(writeup_setting)
    WriteUp.objects.filter(pk=writeup.pk).update(status=WriteUp.Status.DRAFT)

    assert send_owed() == []


class FailsForBob(EmailBackend):
    """The mail server refuses Bob's message once (the SMTP server is what is mocked)."""

    failed = False

    def send_messages(self, messages):
        if not FailsForBob.failed and messages[0].to == ["bob@example.org"]:
            FailsForBob.failed = True
            raise SMTPException("421 try again later")
        return super().send_messages(messages)


def test_after_a_mail_server_error_only_what_did_not_go_is_sent_again(writeup_setting, settings):
    settings.EMAIL_BACKEND = "tests.events.writeups.test_emails.FailsForBob"
    FailsForBob.failed = False
    publish(writeup_setting)

    first = send_due_messages(now=lambda: AFTER_THE_TALK)
    first_run = recipients(mail.outbox)
    bob = OutboxMessage.objects.get(recipient="bob@example.org")
    second = send_due_messages(now=lambda: AFTER_THE_TALK + timedelta(minutes=1))

    assert (first.sent, first.retrying, first_run) == (1, 1, [["ann@example.org"]])
    assert (bob.attempts, bob.last_error, bob.due_at) == (
        1,
        "SMTPException: 421 try again later",
        AFTER_THE_TALK + timedelta(minutes=1),
    )
    assert (second.sent, recipients(mail.outbox)) == (
        1,
        [["ann@example.org"], ["bob@example.org"]],
    )


def test_opting_back_in_brings_the_emails_back(writeup_setting):
    eve = Attendance.objects.get(user__email="eve@example.org").user
    set_writeup_emails(user=eve, wanted=True)
    set_writeup_emails(user=eve, wanted=True)

    publish(writeup_setting)

    assert recipients(send_owed()) == [
        ["ann@example.org"],
        ["bob@example.org"],
        ["eve@example.org"],
    ]
