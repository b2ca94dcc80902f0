"""The organisers' list of emails that have not gone out (events/bookings/undelivered.py):
outbox messages, reminders and change notices of their festival that gave up, are retrying or
are overdue; never what was sent, cancelled, freshly owed, or another festival's."""

from datetime import datetime, timedelta

import pytest
import time_machine

from events.bookings.undelivered import undelivered_messages
from events.models import ChangeNotice, Reminder
from festival.models import OutboxMessage
from tests.factories import (
    LONDON,
    FestivalFactory,
    ScheduleChangeFactory,
    SessionFactory,
    UserFactory,
)
from tests.html import texts

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 7, 1, 12, tzinfo=LONDON)
MINUTE = timedelta(minutes=1)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def owed(festival, key: str, **values) -> OutboxMessage:
    return OutboxMessage.objects.create(
        kind="booking-confirmation",
        dedupe_key=key,
        recipient=f"{key}@example.org",
        festival=festival,
        due_at=values.pop("due_at", NOW - MINUTE),
        **values,
    )


@pytest.fixture
def festival():
    organiser = UserFactory(email="organiser@example.org", name="Olu Organiser")
    return FestivalFactory(name="Nacpf", slug="nacpf", organisers=[organiser])


def test_the_list_holds_what_gave_up_is_retrying_or_is_overdue_newest_first(festival):
    session = SessionFactory(event__festival=festival, title="Doing it together")
    ana = UserFactory(email="ana@example.org", name="Ana Aye")
    bo = UserFactory(email="bo@example.org", name="Bo Birch")
    owed(festival, "gave-up", attempts=5, failed_at=NOW - 3 * MINUTE, last_error="SMTP: 550")
    owed(festival, "retrying", attempts=2, due_at=NOW + 4 * MINUTE, last_error="SMTP: 451")
    owed(festival, "overdue", due_at=NOW - 11 * MINUTE)
    owed(festival, "fresh", due_at=NOW - 9 * MINUTE)  # owed, not late yet
    owed(festival, "sent", sent_at=NOW, due_at=NOW - 60 * MINUTE)
    owed(festival, "cancelled", cancelled_at=NOW, due_at=NOW - 60 * MINUTE)
    owed(FestivalFactory(slug="other"), "elsewhere", attempts=5, failed_at=NOW)
    Reminder.objects.create(user=ana, session=session, kind="before:60", attempts=1,
                            due_at=NOW + MINUTE, last_error="SMTP: 421")  # fmt: skip
    Reminder.objects.create(user=ana, session=session, kind="before:1440", sent_at=NOW,
                            due_at=NOW - 60 * MINUTE)  # fmt: skip
    gave_up = {"attempts": 5, "failed_at": NOW - 20 * MINUTE, "last_error": "SMTP: 554"}
    notice = ChangeNotice.objects.create(user=bo, due_at=NOW - 30 * MINUTE, **gave_up)
    notice.changes.add(ScheduleChangeFactory(session=session))

    elsewhere = SessionFactory(event__festival=FestivalFactory(slug="elsewhere"))
    Reminder.objects.create(user=ana, session=elsewhere, kind="before:60", attempts=5,
                            due_at=NOW, failed_at=NOW)  # fmt: skip
    other_notice = ChangeNotice.objects.create(user=ana, due_at=NOW - 30 * MINUTE, **gave_up)
    other_notice.changes.add(ScheduleChangeFactory(session=elsewhere))

    found = undelivered_messages(festival=festival, now=NOW)
    rows = found.rows

    assert [
        (row.who, row.email, row.what, row.session, row.attempts, row.last_error, row.state, row.at)
        for row in rows
    ] == [
        ("retrying@example.org", "retrying@example.org", "Booking confirmation", None, 2,
         "SMTP: 451", "retrying", NOW + 4 * MINUTE),
        ("Ana Aye", "ana@example.org", "1 hour before", session, 1, "SMTP: 421", "retrying",
         NOW + MINUTE),
        ("gave-up@example.org", "gave-up@example.org", "Booking confirmation", None, 5,
         "SMTP: 550", "gave-up", NOW - 3 * MINUTE),
        ("overdue@example.org", "overdue@example.org", "Booking confirmation", None, 0, "",
         "overdue", NOW - 11 * MINUTE),
        ("Bo Birch", "bo@example.org", "Change notice", None, 5, "SMTP: 554", "gave-up",
         NOW - 20 * MINUTE),
    ]  # fmt: skip
    assert found.more is False


def owe_one_of_each(festival, session, number: int) -> None:
    """A stuck outbox message, reminder and change notice for person `number`."""
    person = UserFactory(email=f"p{number}@example.org")
    owed(festival, f"stuck-{number}", due_at=NOW - 20 * MINUTE)
    Reminder.objects.create(user=person, session=session, kind="before:60", attempts=1,
                            due_at=NOW + MINUTE)  # fmt: skip
    notice = ChangeNotice.objects.create(user=person, due_at=NOW - 30 * MINUTE, attempts=1)
    notice.changes.add(ScheduleChangeFactory(session=session))


def test_the_list_shows_the_newest_fifty_and_says_there_are_more(festival):
    session = SessionFactory(event__festival=festival)
    for number in range(17):
        owe_one_of_each(festival, session, number)

    found = undelivered_messages(festival=festival, now=NOW)

    assert (len(found.rows), found.more) == (50, True)
    assert {row.state for row in found.rows} == {"retrying", "overdue"}


def test_the_bookings_page_shows_the_list_in_words_in_constant_queries_whatever_its_length(
    festival, client, django_assert_num_queries
):
    client.force_login(festival.organisers.get())
    session = SessionFactory(event__festival=festival)
    owed(festival, "gave-up", attempts=5, failed_at=NOW - 3 * MINUTE, last_error="SMTP: 550")
    owed(festival, "overdue", due_at=NOW - 11 * MINUTE)
    owe_one_of_each(festival, session, 0)
    with django_assert_num_queries(9):
        client.get("/organise/nacpf/")
    for number in range(1, 3):
        owe_one_of_each(festival, session, number)

    with django_assert_num_queries(9):
        page = client.get("/organise/nacpf/")

    assert "Emails that have not gone out" in texts(page, "h2")
    rows = texts(page, "tr.undelivered-row")
    assert [row for row in rows if row.startswith(("gave-up@", "overdue@"))] == [
        "gave-up@example.org gave-up@example.org Booking confirmation — 5 SMTP: 550 "
        "Gave up Thu 1 Jul, 11:57",
        "overdue@example.org overdue@example.org Booking confirmation — 0 — "
        "Owed since Thu 1 Jul, 11:49",
    ]
    assert len(rows) == 11
    assert texts(page, "p.undelivered-more") == []


def test_nothing_is_shown_when_every_email_went(festival, client):
    client.force_login(festival.organisers.get())
    owed(festival, "sent", sent_at=NOW)

    page = client.get("/organise/nacpf/")

    assert (page.status_code, "Emails that have not gone out" in texts(page, "h2")) == (200, False)
