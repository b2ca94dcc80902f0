import csv
import io
from datetime import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.enums import SessionFormat, SessionStatus
from events.exports import programme_csv
from events.importing import import_programme
from events.models import ScheduleChange
from festival.models import Festival
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival_with_programme():
    festival = FestivalFactory(name="Round Trip", slug="round-trip")
    event = EventFactory(festival=festival, slug="main")
    hall = RoomFactory(venue=event.venue, name="Hall", position=0)
    garden = RoomFactory(venue=event.venue, name="Garden", position=1)
    mel = SpeakerFactory(festival=festival, name="Mel Parks", email="mel@example.org")
    linda = SpeakerFactory(festival=festival, name="Linda", email="linda@example.org")
    SessionFactory(
        event=event, ref="B", title="Walk, talk", room=garden, format=SessionFormat.HAPPENING,
        start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 11, 30, tzinfo=LONDON),
        capacity=None, speakers=[mel, linda], description='Meet "by the gate".',
        themes=[TagFactory(name="Mutual aid"), TagFactory(name="Care")],
    )  # fmt: skip
    SessionFactory(
        event=event, ref="A", title="Opening", room=hall, format=SessionFormat.TALK,
        start=datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 10, 45, tzinfo=LONDON),
        capacity=40, status=SessionStatus.CANCELLED,
    )  # fmt: skip
    return festival


def test_programme_csv_writes_each_session_in_the_import_columns(festival_with_programme):
    rows = list(csv.reader(io.StringIO(programme_csv(festival=festival_with_programme))))

    assert rows == [
        ["ref", "event", "date", "start", "end", "room", "title", "format", "speakers",
         "capacity", "themes", "status", "description"],
        ["A", "main", "2027-07-05", "10:00", "10:45", "Hall", "Opening", "talk", "", "40", "",
         "cancelled", "A conversation about doing things *with* people."],
        ["B", "main", "2027-07-05", "10:00", "11:30", "Garden", "Walk, talk", "happening",
         "Linda <linda@example.org>; Mel Parks <mel@example.org>", "", "Care; Mutual aid", "",
         'Meet "by the gate".'],
    ]  # fmt: skip


def test_programme_csv_imports_back_with_nothing_changed(festival_with_programme):
    result = import_programme(
        festival=festival_with_programme, content=programme_csv(festival=festival_with_programme)
    )

    assert (result.added, result.changed, result.unchanged, result.schedule_changes) == (
        0,
        0,
        2,
        0,
    )
    assert ScheduleChange.objects.count() == 0


def test_programme_csv_download_is_for_organisers_only(client, festival_with_programme):
    url = reverse("organise-programme-csv", kwargs={"festival": "round-trip"})
    organiser = UserFactory()
    festival_with_programme.organisers.add(organiser)

    anonymous = client.get(url)
    client.force_login(UserFactory())
    stranger = client.get(url)
    client.force_login(organiser)
    response = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/admin/login/?next={url}"
    assert stranger.status_code == 403
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="round-trip-programme.csv"'
    assert response.content.decode() == programme_csv(festival=festival_with_programme)


def test_programme_csv_download_reads_a_fixed_number_of_queries(
    client, festival_with_programme, django_assert_num_queries
):
    organiser = UserFactory()
    festival_with_programme.organisers.add(organiser)
    client.force_login(organiser)
    url = reverse("organise-programme-csv", kwargs={"festival": "round-trip"})
    client.get(url)

    # session, user, festival, organiser check, sessions, speakers, themes
    with django_assert_num_queries(7):
        client.get(url)
    SessionFactory.create_batch(3, event=festival_with_programme.events.get())
    with django_assert_num_queries(7):
        client.get(url)


def test_demo_programme_round_trips_through_its_csv():
    call_command("load_demo", stdout=io.StringIO())
    festival = Festival.objects.get(slug="not-another-co-production-festival")

    result = import_programme(festival=festival, content=programme_csv(festival=festival))

    assert (result.added, result.changed, result.schedule_changes) == (0, 0, 0)
    assert result.unchanged == festival.sessions.count() >= 24
