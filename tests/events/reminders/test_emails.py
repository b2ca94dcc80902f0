"""The reminder email (events/reminders/emails.py): the session's details, links and .ics."""

from email import message_from_bytes

import pytest
from django.core import mail
from django.http import HttpResponse
from icalendar import Calendar

from events.bookings.services import book_place
from events.models import Reminder
from events.reminders.scan import scan_reminders
from events.reminders.stop_links import stop_token
from tests.events.reminders.test_services import HOUR_BEFORE, START, make_setting, person
from tests.html import texts

pytestmark = pytest.mark.django_db


def test_the_reminder_email_has_the_session_details_links_and_calendar_file(setting, clock):
    ana = person("ana@example.org", "last")
    book_place(user=ana, session=setting.session)
    mail.outbox.clear()
    clock.move_to(HOUR_BEFORE)

    scan_reminders()

    [message] = mail.outbox
    reminder = Reminder.objects.get(user=ana, kind="before:60")
    stop = f"http://127.0.0.1:8000/reminders/{stop_token(reminder)}/stop/"
    session_url = (
        "http://127.0.0.1:8000/festivals/not-another-co-production-festival/sessions/"
        "doing-it-together/"
    )
    assert message.extra_headers == {
        "X-Convene-Reminder": str(reminder.pk),
        "List-Unsubscribe": f"<{stop}>",
    }
    assert message.body == (
        "Hello Ana,\n\n"
        "A reminder: you have a place on this session.\n\n"
        "Doing it together\n"
        "When:  Mon 5 July 2027, 10:00–11:00 BST (Europe/London time)\n"
        "Where: Hall, Museum of Science and Industry, Liverpool Road, Manchester M3 4FP\n"
        "Access: Step-free entrance on Lower Byrom Street.\n"
        "Room access: Hearing loop.\n"
        f"Details: {session_url}\n\n"
        "The session's calendar file is attached.\n\n"
        "Can't come after all? Cancel your place so it can go to someone else, "
        f"or stop these reminders, in one click: {stop}\n\n"
        "Your programme: http://127.0.0.1:8000/me/\n\n"
        "Not Another Co-production Festival\n"
    )
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    assert texts(HttpResponse(html), "td") == [
        "Mon 5 July 2027, 10:00–11:00 BST (Europe/London time)",
        "Hall, Museum of Science and Industry, Liverpool Road, Manchester M3 4FP",
        "Step-free entrance on Lower Byrom Street.",
        "Hearing loop.",
    ]
    assert f'<a href="{session_url}">' in html
    assert f'<a href="{stop}">' in html
    [(filename, content, mimetype)] = message.attachments
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert (filename, mimetype) == ("doing-it-together.ics", "text/calendar")
    assert (str(event["SUMMARY"]), event.decoded("DTSTART"), str(event["UID"])) == (
        "Doing it together",
        START,
        f"{setting.session.uid}@127.0.0.1",
    )
    parsed = message_from_bytes(message.message().as_bytes())
    assert [part.get_content_type() for part in parsed.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]


def test_a_drop_in_reminder_speaks_of_the_programme_not_of_a_place(clock):
    drop_in = make_setting(capacity=None)
    ana = person("ana@example.org", "last")
    book_place(user=ana, session=drop_in.session)
    mail.outbox.clear()
    clock.move_to(HOUR_BEFORE)

    scan_reminders()

    [message] = mail.outbox
    stop = f"http://127.0.0.1:8000/reminders/{stop_token(Reminder.objects.get())}/stop/"
    paragraphs = message.body.split("\n\n")
    assert (paragraphs[1], paragraphs[4]) == (
        "A reminder: this drop-in session is in your programme. No booking needed: just come "
        "along.",
        "Not coming after all? Take it out of your programme, or stop these reminders, in one "
        f"click: {stop}",
    )
    html = message.alternatives[0].content
    assert "waitlist" not in message.body + html
    assert "place" not in message.body.replace("your programme", "")
