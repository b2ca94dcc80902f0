"""The booking admin (events/admin/bookings.py): bookings listed in programme order, read-only."""

from datetime import datetime

import pytest
from django.urls import reverse

from events.enums import AttendanceStatus
from events.models import Attendance
from festival.models import AccessProvision
from tests.events.admin.test_programme import book
from tests.factories import LONDON, EventFactory, RoomFactory, SessionFactory, UserFactory
from tests.html import texts


@pytest.mark.django_db
def test_attendance_changelist_lists_bookings_in_programme_order(admin_client):
    event = EventFactory()
    hall = RoomFactory(venue=event.venue, position=1)
    studio = RoomFactory(venue=event.venue, position=2)
    ten = datetime(2027, 7, 5, 10, 0, tzinfo=LONDON)
    eleven = datetime(2027, 7, 5, 11, 0, tzinfo=LONDON)
    later = SessionFactory(event=event, title="Later", start=eleven, end=eleven.replace(hour=12))
    studio_talk = SessionFactory(event=event, title="Studio", start=ten, end=eleven, room=studio)
    hall_talk = SessionFactory(event=event, title="Hall", start=ten, end=eleven, room=hall)
    # Made in neither the order listed nor its reverse: the changelist sorts them.
    for session in (later, hall_talk, studio_talk):
        for status, position in (
            (AttendanceStatus.WAITLISTED, 2),
            (AttendanceStatus.GOING, None),
            (AttendanceStatus.WAITLISTED, 1),
        ):
            Attendance.objects.create(
                user=UserFactory(), session=session, status=status, position=position
            )

    response = admin_client.get(reverse("admin:events_attendance_changelist"))

    listed = [
        (attendance.session.title, attendance.status, attendance.position)
        for attendance in response.context["cl"].result_list
    ]
    assert listed == [
        (title, status, position)
        for title in ("Hall", "Studio", "Later")
        for status, position in (
            (AttendanceStatus.GOING, None),
            (AttendanceStatus.WAITLISTED, 1),
            (AttendanceStatus.WAITLISTED, 2),
        )
    ]


@pytest.mark.django_db
def test_bookings_are_read_only_in_the_admin(admin_client, session):
    (outcome,) = book(session, 1)

    listing = admin_client.get(reverse("admin:events_attendance_changelist"))
    add = admin_client.get(reverse("admin:events_attendance_add"))

    assert texts(listing, "td.field-status") == ["Going"]
    assert add.status_code == 403
    assert outcome.attendance.status == AttendanceStatus.GOING


@pytest.mark.django_db
def test_attendance_changelist_shows_times_on_the_24_hour_clock(admin_client):
    session = SessionFactory()
    booked = Attendance.objects.create(
        user=UserFactory(), session=session, status=AttendanceStatus.GOING
    )
    Attendance.objects.filter(pk=booked.pk).update(
        created_at=datetime(2027, 7, 5, 18, 10, tzinfo=LONDON)
    )

    response = admin_client.get(reverse("admin:events_attendance_changelist"))

    assert texts(response, "td.field-created_at") == ["5 Jul 2027, 18:10"]


@pytest.mark.django_db
def test_a_bookings_page_in_the_admin_shows_the_needs_it_uses_in_words(admin_client, session):
    AccessProvision.objects.create(
        festival=session.festival, code="audio-description", label="Audio description",
        explanation="Described aloud.",
    )  # fmt: skip
    (outcome,) = book(session, 1)
    person = outcome.attendance.user
    person.access_need_codes = ["step-free", "bsl", "audio-description"]
    person.access_needs_note = "Near the door."
    person.save()

    page = admin_client.get(reverse("admin:events_attendance_change", args=[outcome.attendance.pk]))

    assert texts(page, "div.readonly")[4] == (
        "Step-free access; British Sign Language interpretation; Audio description. In their "
        "words: Near the door."
    )
