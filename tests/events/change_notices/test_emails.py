"""The change notice email (events/change_notices/emails.py): its text, HTML and .ics files."""

from datetime import timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from events.change_notices.scan import send_due_change_notices
from events.models import ChangeNotice
from tests.events.change_notices.test_services import (
    NOW,
    WINDOW,
    at,
    change,
    going,
    move,
    person,
    waiting,
)

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def calendar_events(message) -> dict[str, tuple]:
    """Each attached .ics by name: (SUMMARY, STATUS, DTSTART, SEQUENCE)."""
    found = {}
    for name, content, mimetype in message.attachments:
        assert mimetype == "text/calendar"
        [event] = Calendar.from_ical(content).walk("VEVENT")
        found[name] = (
            str(event["SUMMARY"]),
            str(event["STATUS"]),
            event.decoded("DTSTART"),
            int(event["SEQUENCE"]),
        )
    return found


def test_one_move_sends_one_email_after_the_window_with_the_new_and_old_times(programme, clock):
    going(person("Ann Jones"), programme.trust)
    move(programme.trust, at(22, 11, 30), at(22, 12, 30), room=programme.warehouse)

    clock.shift(WINDOW)
    assert send_due_change_notices() == 1

    [message] = mail.outbox
    assert (message.to, message.subject) == (["ann@example.org"], "Changes to your programme")
    assert message.body == (
        "Hello Ann,\n\n"
        "A session in your programme has changed.\n\n"
        f"Moved: Trust first is now Tue 22 December, 11:30{DASH}12:30 GMT (was 10:00{DASH}11:00),"
        " in the Warehouse Room (was the Main Hall).\n"
        "You have a place.\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/\n\n"
        "The updated calendar entry is attached: open it to update your calendar.\n\n"
        "See your programme at http://127.0.0.1:8000/me/. You can also choose there which emails"
        " you get from us.\n\n"
        "Co-production Festival\n"
    )
    assert (
        f"<p><strong>Moved:</strong> Trust first is now Tue 22 December, 11:30{DASH}12:30 GMT"
        f" (was 10:00{DASH}11:00), in the Warehouse Room (was the Main Hall).<br>"
    ) in html_of(message)
    assert calendar_events(message) == {
        "trust-first.ics": ("Trust first", "CONFIRMED", at(22, 11, 30), 1)
    }
    notice = ChangeNotice.objects.get()
    assert (notice.sent_at, notice.attempts) == (NOW + WINDOW, 0)


def test_three_changes_to_two_sessions_within_the_window_send_one_email(programme, clock):
    ann = person("Ann Jones")
    going(ann, programme.trust)
    going(ann, programme.care)

    move(programme.trust, at(22, 11), at(22, 12))
    clock.shift(timedelta(minutes=3))
    change(programme.care, room=programme.hall)
    clock.shift(timedelta(minutes=3))
    move(programme.trust, at(22, 11, 30), at(22, 12, 30))
    clock.shift(timedelta(minutes=4))
    send_due_change_notices()

    [message] = mail.outbox
    assert message.body.split("\n\n")[1:4] == [
        "Some sessions in your programme have changed.",
        f"Moved: Trust first is now Tue 22 December, 11:30{DASH}12:30 GMT (was 10:00{DASH}11:00),"
        " in the Main Hall.\n"
        "You have a place.\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/trust-first/",
        f"New room: Care in practice, Tue 22 December, 14:00{DASH}15:00 GMT, is now in the Main"
        " Hall (was the Warehouse Room).\n"
        "It is in your programme (drop-in).\n"
        "http://127.0.0.1:8000/festivals/coproduction/sessions/care-in-practice/",
    ]
    assert calendar_events(message) == {
        "trust-first.ics": ("Trust first", "CONFIRMED", at(22, 11, 30), 2),
        "care-in-practice.ics": ("Care in practice", "CONFIRMED", at(22, 14), 1),
    }


def test_only_the_sessions_with_a_place_come_with_a_calendar_entry(programme, clock):
    ann = person("Ann Jones")
    waiting(ann, programme.trust, position=2)
    going(ann, programme.care)
    move(programme.trust, at(22, 11), at(22, 12))
    move(programme.care, at(22, 16), at(22, 17))

    clock.shift(WINDOW)
    send_due_change_notices()

    [message] = mail.outbox
    assert message.body.split("\n\n")[4] == (
        "The updated calendar entry is attached: open it to update your calendar."
    )
    assert [name for name, _content, _type in message.attachments] == ["care-in-practice.ics"]
