import pytest

from events.access.presenters import (
    festival_needs,
    need_sums,
    needs_in_words,
    warnings_for,
)
from events.access.selectors import STANDARD_VOCABULARY, needs_of_sessions
from events.bookings.services import book_place
from events.models import Attendance
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_need_sums_say_how_many_people_need_each_provision(access_setting):
    needs = needs_of_sessions(sessions=[access_setting.workshop])[access_setting.workshop.pk]

    assert [item.text for item in need_sums(needs, vocabulary=STANDARD_VOCABULARY)] == [
        "2 people booked need step-free access",
        "1 person booked needs live captions",
        "1 person booked has written other needs",
    ]


def test_warnings_name_the_room_for_what_a_building_gives_and_the_session_otherwise(
    access_setting,
):
    needs = needs_of_sessions(sessions=[access_setting.workshop])[access_setting.workshop.pk]

    assert [item.text for item in warnings_for(needs, vocabulary=STANDARD_VOCABULARY)] == [
        "Workshop Room has no step-free access; 2 people booked need it",
        "“Zine workshop” has no live captions; 1 person booked needs it",
    ]


def test_no_warning_where_the_room_and_session_provide_every_need(access_setting):
    for person in (access_setting.ana, access_setting.ben):
        book_place(user=person, session=access_setting.talk)

    needs = needs_of_sessions(sessions=[access_setting.talk])[access_setting.talk.pk]

    assert warnings_for(needs, vocabulary=STANDARD_VOCABULARY) == []
    assert [item.text for item in need_sums(needs, vocabulary=STANDARD_VOCABULARY)][:2] == [
        "2 people booked need step-free access",
        "1 person booked needs live captions",
    ]


def test_festival_needs_count_each_person_once_across_sessions(access_setting):
    book_place(user=access_setting.ana, session=access_setting.talk)
    needs = needs_of_sessions(sessions=[access_setting.talk, access_setting.workshop])

    summary = festival_needs(needs, vocabulary=STANDARD_VOCABULARY)

    assert [item.text for item in summary.sums] == [
        "2 people booked need step-free access",
        "1 person booked needs live captions",
        "1 person booked has written other needs",
    ]
    assert [(item.session.title, len(item.warnings)) for item in summary.warnings] == [
        ("Zine workshop", 2)
    ]


def test_needs_in_words_use_the_booking_or_the_person(access_setting):
    ben_booking = Attendance.objects.select_related("user").get(user=access_setting.ben)
    cai_booking = Attendance.objects.select_related("user").get(user=access_setting.cai)

    assert needs_in_words(ben_booking, vocabulary=STANDARD_VOCABULARY) == (
        "Step-free access; Live captions. In their words: A seat near the front."
    )
    assert needs_in_words(cai_booking, vocabulary=STANDARD_VOCABULARY) == ""

    cai_booking.access_need_codes = []
    cai_booking.access_needs = "Written before tick boxes."
    assert needs_in_words(cai_booking, vocabulary=STANDARD_VOCABULARY) == (
        "Written before tick boxes."
    )
    assert UserFactory().access_need_codes == []
