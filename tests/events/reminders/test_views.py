"""The reminder settings on /me/ and the one-click stop link (events/reminders/views.py)."""

import pytest
from django.test import Client

from events.bookings.services import book_place
from events.enums import AttendanceStatus
from events.models import Attendance, Reminder, ReminderSettings
from events.reminders.stop_links import stop_token
from tests.events.reminders.test_services import DAY_BEFORE, HOUR_BEFORE, person, rows
from tests.html import texts

pytestmark = pytest.mark.django_db


def test_saving_only_the_last_reminder_on_my_programme_cancels_the_others(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    client = Client()
    client.force_login(ana)

    page = client.get("/me/")
    saved = client.post("/me/reminders/", {"reminders": "last", "change_notices": "on"})

    assert texts(page, "legend") == [
        "What do you need to take part?",
        "What do you need to take part?",
        "Email reminders before my sessions:",
    ]
    assert texts(page, "label")[-4:] == [
        "All reminders",
        "Only the last reminder before a session",
        "No reminders",
        "Email me when a session I booked moves or is cancelled",
    ]
    assert (saved.status_code, saved["Location"]) == (302, "/me/#reminders")
    assert ReminderSettings.objects.filter(user=ana).values_list(
        "reminders", "change_notices"
    ).get() == ("last", True)
    assert rows(setting.session) == [
        ("ana@example.org", "before:1440", DAY_BEFORE, False, True),
        ("ana@example.org", "before:60", HOUR_BEFORE, False, False),
    ]


def test_the_stop_link_asks_first_and_a_get_changes_nothing(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")

    page = Client().get(f"/reminders/{stop_token(reminder)}/stop/")

    assert page.status_code == 200
    assert texts(page, "button") == [
        "Cancel my place on this session",
        "Stop all reminders before sessions",
    ]
    assert Attendance.objects.get(user=ana).status == AttendanceStatus.GOING
    assert ReminderSettings.objects.filter(user=ana).exists() is False


def test_the_stop_link_cancels_the_booking_with_no_login(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")

    visitor = Client()
    url = f"/reminders/{stop_token(reminder)}/stop/"

    posted = visitor.post(url, {"action": "cancel-booking"})
    page = visitor.get(posted["Location"])
    reloaded = visitor.get(url)

    assert (posted.status_code, posted["Location"]) == (302, url)
    assert texts(page, "p.reminder-stop-done") == [
        "Your booking for “Doing it together” is cancelled. "
        "Thank you for letting someone else have it."
    ]
    assert texts(page, "form.reminder-stop-form") == []
    assert texts(reloaded, "p.reminder-stop-done") == []
    assert Attendance.objects.filter(user=ana).count() == 1
    assert Attendance.objects.get(user=ana).status == AttendanceStatus.CANCELLED
    assert [cancelled for *_rest, cancelled in rows(setting.session)] == [True, True]


def test_the_stop_link_stops_reminders(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")

    Client().post(f"/reminders/{stop_token(reminder)}/stop/", {"action": "stop-reminders"})

    assert ReminderSettings.objects.get(user=ana).reminders == "none"
    assert Attendance.objects.get(user=ana).status == AttendanceStatus.GOING
    assert [cancelled for *_rest, cancelled in rows(setting.session)] == [True, True]


def test_an_altered_stop_link_is_refused(setting):
    ana = person("ana@example.org")
    book_place(user=ana, session=setting.session)
    reminder = Reminder.objects.get(user=ana, kind="before:60")
    token = stop_token(reminder)

    page = Client().post(f"/reminders/{token[:-2]}xx/stop/", {"action": "stop-reminders"})

    assert page.status_code == 404
    assert ReminderSettings.objects.filter(user=ana).exists() is False
