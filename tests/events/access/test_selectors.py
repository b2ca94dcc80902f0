import pytest

from events.access.selectors import (
    STANDARD_VOCABULARY,
    ProvisionShown,
    needs_of_sessions,
    provides_all,
    provision_labels,
    provisions_shown,
    vocabulary_of,
)
from events.models import Attendance, Session
from festival.models import STANDARD_PROVISIONS, AccessProvision
from tests.factories import FestivalFactory, RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_standard_vocabulary_has_the_nine_codes_in_order():
    assert [provision.code for provision in STANDARD_PROVISIONS] == [
        "step-free",
        "hearing-loop",
        "bsl",
        "captions",
        "quiet-space",
        "relaxed",
        "seating",
        "large-print",
        "online",
    ]


def test_vocabulary_of_a_festival_adds_its_own_after_the_standard_ones(
    django_assert_num_queries,
):
    festival = FestivalFactory()
    AccessProvision.objects.create(
        festival=festival, code="audio-description", label="Audio description", explanation="X"
    )
    AccessProvision.objects.create(
        festival=FestivalFactory(), code="other", label="Another festival's", explanation="Y"
    )

    with django_assert_num_queries(1):
        vocabulary = vocabulary_of(festival=festival)

    assert [provision.code for provision in vocabulary.provisions][-2:] == [
        "online",
        "audio-description",
    ]
    assert vocabulary.label("audio-description") == "Audio description"
    assert vocabulary.label("gone") == "gone"


def test_provisions_shown_say_which_come_from_the_room_each_once():
    assert provisions_shown(
        vocabulary=STANDARD_VOCABULARY,
        session_codes=["captions", "step-free"],
        room_codes=["hearing-loop", "step-free"],
    ) == [
        ProvisionShown("step-free", "Step-free access", True),
        ProvisionShown("hearing-loop", "Hearing loop", True),
        ProvisionShown("captions", "Live captions", False),
    ]
    assert provision_labels(
        vocabulary=STANDARD_VOCABULARY, session_codes=["bsl"], room_codes=["step-free"]
    ) == ("Step-free access (room)", "British Sign Language interpretation")


def test_provides_all_needs_every_code_from_the_session_or_its_room(access_setting):
    sessions = Session.objects.filter(festival=access_setting.festival)

    def titles(*codes):
        return sorted(provides_all(sessions, codes).values_list("title", flat=True))

    assert titles() == ["Opening talk", "Zine workshop"]
    assert titles("step-free") == ["Opening talk"]
    assert titles("step-free", "captions") == ["Opening talk"]
    assert titles("step-free", "bsl") == []
    assert titles("hearing") == []  # a part of a code is not a code


def test_provides_all_never_matches_a_code_inside_a_longer_one():
    room = RoomFactory(access=[])
    SessionFactory(room=room, event__venue=room.venue, access=["bsl-tours"], title="Tours")

    assert list(provides_all(Session.objects.all(), ["bsl"])) == []


def test_needs_of_sessions_count_people_from_their_own_or_their_bookings_needs(
    access_setting, django_assert_num_queries
):
    ben_booking = Attendance.objects.get(user=access_setting.ben)
    ben_booking.access_need_codes = ["bsl"]
    ben_booking.access_needs = ""
    ben_booking.save()

    with django_assert_num_queries(1):
        needs = needs_of_sessions(sessions=[access_setting.workshop, access_setting.talk])

    assert dict(needs[access_setting.workshop.pk].counts) == {"step-free": 1, "bsl": 1}
    assert needs[access_setting.workshop.pk].notes == 0
    assert dict(needs[access_setting.talk.pk].counts) == {}


def test_needs_of_sessions_leave_out_cancelled_bookings(access_setting):
    Attendance.objects.filter(user=access_setting.ana).update(status=Attendance.Status.CANCELLED)

    needs = needs_of_sessions(sessions=[access_setting.workshop])

    assert dict(needs[access_setting.workshop.pk].counts) == {"step-free": 1, "captions": 1}
    assert needs[access_setting.workshop.pk].notes == 1
