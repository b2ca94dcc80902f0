"""The email to a session's attendees when its write-up is first published: to the people who
had a place, once each, never again on a second publish or an edit, never to those who opted
out."""

from smtplib import SMTPException

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from events.enums import AttendanceStatus
from events.models import Attendance, WriteUp, WriteUpNotice
from events.writeups.emails import send_writeup_emails
from events.writeups.services import (
    create_writeup,
    publish_writeup,
    set_writeup_emails,
    update_writeup,
)
from tests.events.writeups.test_views import (
    AFTER_THE_TALK,
    WriteUpSetting,
    build_writeup_setting,
    content,
)
from tests.factories import UserFactory


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


def recipients() -> list[list[str]]:
    return [message.to for message in mail.outbox]


def publish(setting: WriteUpSetting) -> WriteUp:
    return create_writeup(
        session=setting.talk, author=setting.mel_user, content=content(), publish=True
    )


def test_publishing_emails_each_person_with_a_place_once(
    writeup_setting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        writeup = publish(writeup_setting)

    assert recipients() == [["ann@example.org"], ["bob@example.org"]]
    assert list(
        WriteUpNotice.objects.filter(writeup=writeup)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    ) == ["ann@example.org", "bob@example.org"]


def test_the_email_says_what_was_written_and_how_to_stop_them(
    writeup_setting, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://convene.example.org"

    with django_capture_on_commit_callbacks(execute=True):
        publish(writeup_setting)

    message = mail.outbox[0]
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


def test_saving_a_draft_emails_nobody(writeup_setting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create_writeup(
            session=writeup_setting.talk,
            author=writeup_setting.mel_user,
            content=content(),
            publish=False,
        )

    assert (callbacks, mail.outbox) == ([], [])


def test_publishing_again_or_editing_emails_nobody_again(
    writeup_setting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        writeup = publish(writeup_setting)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish_writeup(writeup=writeup)
        update_writeup(writeup=writeup, content=content(body="More words."), publish=True)
        update_writeup(writeup=writeup, content=content(body="Yet more."), publish=False)

    assert (callbacks, mail.outbox) == ([], [])


def test_running_the_task_again_sends_nothing_twice(
    writeup_setting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        writeup = publish(writeup_setting)

    assert send_writeup_emails(writeup_id=writeup.pk) == 0
    assert len(mail.outbox) == 2


def test_someone_who_books_after_the_email_is_told_on_a_later_run_only(
    writeup_setting, django_capture_on_commit_callbacks
):
    """Not that anyone can book a past session: but a promotion from the waitlist could land
    between a failed run and its retry."""
    with django_capture_on_commit_callbacks(execute=True):
        writeup = publish(writeup_setting)
    Attendance.objects.filter(user__email="carl@example.org").update(
        status=AttendanceStatus.GOING, position=None
    )
    mail.outbox.clear()

    assert send_writeup_emails(writeup_id=writeup.pk) == 1
    assert recipients() == [["carl@example.org"]]


def test_an_unpublished_or_deleted_writeup_sends_nothing(writeup_setting):
    draft = create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.mel_user,
        content=content(),
        publish=False,
    )

    assert send_writeup_emails(writeup_id=draft.pk) == 0
    assert send_writeup_emails(writeup_id=draft.pk + 1000) == 0
    assert mail.outbox == []


class FailsForBob(EmailBackend):
    """The mail server refuses Bob's message once (the SMTP server is what is mocked)."""

    failed = False

    def send_messages(self, messages):
        if not FailsForBob.failed and messages[0].to == ["bob@example.org"]:
            FailsForBob.failed = True
            raise SMTPException("421 try again later")
        return super().send_messages(messages)


def test_a_retry_after_a_mail_server_error_sends_only_what_did_not_go(writeup_setting, settings):
    settings.EMAIL_BACKEND = "tests.events.writeups.test_emails.FailsForBob"
    FailsForBob.failed = False
    writeup = create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.mel_user,
        content=content(),
        publish=True,
    )

    with pytest.raises(SMTPException):
        send_writeup_emails(writeup_id=writeup.pk)
    first_run = recipients()
    sent_again = send_writeup_emails(writeup_id=writeup.pk)

    assert (first_run, sent_again, recipients()) == (
        [["ann@example.org"]],
        1,
        [["ann@example.org"], ["bob@example.org"]],
    )


def test_opting_back_in_brings_the_emails_back(writeup_setting, django_capture_on_commit_callbacks):
    eve = Attendance.objects.get(user__email="eve@example.org").user
    set_writeup_emails(user=eve, wanted=True)
    set_writeup_emails(user=eve, wanted=True)

    with django_capture_on_commit_callbacks(execute=True):
        publish(writeup_setting)

    assert recipients() == [["ann@example.org"], ["bob@example.org"], ["eve@example.org"]]
