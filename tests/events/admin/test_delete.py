"""Deleting sessions and events in the admin: refused while people are booked, naming the
booked sessions and saying to cancel them; cancelled bookings go with their session."""

from datetime import datetime

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from events.enums import AttendanceStatus
from events.models import Attendance, Event, ScheduleChange, Session
from tests.factories import LONDON, ScheduleChangeFactory, SessionFactory, UserFactory
from tests.html import texts

DASH = "\N{EN DASH}"
CANCEL_IT = (
    "Cancel it instead: set the status to Cancelled. A cancelled session stays in calendars, "
    "struck through, and the people booked are told."
)


def book(session: Session, status: str, count: int = 1) -> None:
    for position in range(1, count + 1):
        Attendance.objects.create(
            user=UserFactory(),
            session=session,
            status=status,
            position=position if status == AttendanceStatus.WAITLISTED else None,
        )


@pytest.fixture
def booked() -> Session:
    """ "Opening" (Mon 5 Jul 2027, 10:00-11:00), with two places taken and one on the waitlist,
    and one cancelled booking."""
    session = SessionFactory(
        title="Opening",
        start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 11, 0, tzinfo=LONDON),
    )
    book(session, AttendanceStatus.GOING, count=2)
    book(session, AttendanceStatus.WAITLISTED)
    book(session, AttendanceStatus.CANCELLED)
    return session


def opening_line(session: Session) -> str:
    return f"Opening (Mon 5 Jul 2027, 10:00{DASH}11:00 BST): 2 going, 1 on the waitlist"


@pytest.mark.django_db
def test_session_delete_page_names_the_booked_session_and_says_to_cancel_it(admin_client, booked):
    url = reverse("admin:events_session_delete", args=[booked.pk])

    shown = admin_client.get(url)
    confirmed = admin_client.post(url, {"post": "yes"})

    for response in (shown, confirmed):
        assert response.status_code == 200
        assert texts(response, "h1") == ["Cannot delete session"]
        assert texts(response, ".delete-refused") == [
            "The session “Opening” cannot be deleted: people have places on, or are on the "
            "waitlist for, this session:"
        ]
        assert texts(response, ".booked-sessions") == [opening_line(booked)]
        assert texts(response, ".delete-instead") == [CANCEL_IT]
        change_url = reverse("admin:events_session_change", args=[booked.pk])
        assert f'<a href="{change_url}">Opening</a>' in response.content.decode()
    assert (Session.objects.count(), Attendance.objects.count()) == (1, 4)


@pytest.mark.django_db
def test_event_delete_page_names_only_its_booked_sessions(admin_client, booked):
    SessionFactory(event=booked.event, title="Unbooked")
    url = reverse("admin:events_event_delete", args=[booked.event_id])

    confirmed = admin_client.post(url, {"post": "yes"})

    assert texts(confirmed, "h1") == ["Cannot delete event"]
    assert texts(confirmed, ".delete-refused") == [
        f"The event “{booked.event.title}” cannot be deleted: people have places on, or are on "
        "the waitlist for, this session:"
    ]
    assert texts(confirmed, ".booked-sessions") == [opening_line(booked)]
    assert (Event.objects.count(), Session.objects.count()) == (1, 2)


@pytest.mark.django_db
def test_delete_selected_sessions_is_refused_while_any_is_booked(admin_client, booked):
    other = SessionFactory(event=booked.event, title="Closing")
    book(other, AttendanceStatus.WAITLISTED)
    free = SessionFactory(event=booked.event, title="Unbooked")

    response = admin_client.post(
        reverse("admin:events_session_changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            helpers.ACTION_CHECKBOX_NAME: [booked.pk, other.pk, free.pk],
        },
    )

    assert texts(response, ".delete-refused") == [
        "The selected sessions cannot be deleted: people have places on, or are on the "
        "waitlist for, these sessions:"
    ]
    assert texts(response, ".booked-sessions") == [
        f"{opening_line(booked)} Closing (Mon 5 Jul 2027, 10:00{DASH}11:00 BST): 1 on the waitlist"
    ]
    assert texts(response, ".delete-instead") == [CANCEL_IT.replace("Cancel it", "Cancel them")]
    assert Session.objects.count() == 3


@pytest.mark.django_db
def test_session_with_only_cancelled_bookings_is_deleted_from_the_admin(admin_client):
    session = SessionFactory(title="Opening")
    book(session, AttendanceStatus.CANCELLED, count=2)
    change = ScheduleChangeFactory(session=session)
    url = reverse("admin:events_session_delete", args=[session.pk])

    shown = admin_client.get(url)
    deleted = admin_client.post(url, {"post": "yes"})

    assert texts(shown, "h1") == ["Delete"]
    assert texts(shown, ".delete-refused") == []
    assert (deleted.status_code, deleted.url) == (
        302,
        reverse("admin:events_session_changelist"),
    )
    assert (Session.objects.count(), Attendance.objects.count()) == (0, 0)
    assert list(ScheduleChange.objects.values_list("pk", "session", "session_title")) == [
        (change.pk, None, "Opening")
    ]
