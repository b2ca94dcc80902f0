import csv
import io

import pytest
from django.test import Client

from events.models import Attendance
from festival.models import AccessProvision
from tests.factories import FestivalFactory, SpeakerFactory, UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db

GLOSSARY = "/access/"
FESTIVAL_ACCESS = "/festivals/access-fest/access/"
NEEDS_CSV = "/organise/access-fest/sessions/zine-workshop/access-needs.csv"
PEOPLE = "/organise/access-fest/sessions/zine-workshop/"
BOOKINGS = "/organise/access-fest/"


def test_glossary_lists_every_standard_provision_with_its_code_and_meaning(client):
    response = client.get(GLOSSARY)

    assert response.status_code == 200
    assert texts(response, "h1") == ["Access provisions: what they mean"]
    assert texts(response, "dt")[:3] == [
        "Step-free access",
        "Hearing loop",
        "British Sign Language interpretation",
    ]
    assert texts(response, "dd")[0] == (
        "You can get in and around without steps: level or ramped routes and lifts. "
        "Filter code: step-free"
    )


def test_festival_access_page_shows_the_guides_sanitised_and_the_festivals_own_provisions(
    client, access_setting
):
    festival = access_setting.festival
    festival.access_guide = "## Getting here\n\nBus 33.<script>alert(1)</script>"
    festival.save()
    venue = access_setting.hall.venue
    venue.access_guide = "Toilets on every floor. [Contact](javascript:alert(1))"
    venue.save()
    AccessProvision.objects.create(
        festival=festival, code="audio-description", label="Audio description", explanation="X"
    )

    response = client.get(FESTIVAL_ACCESS)

    html = response.content.decode()
    assert texts(response, "h1") == ["Access at Access Fest"]
    assert texts(response, "h2") == [
        "Access guide",
        "Old Mill",
        "What the programme’s access words mean",
    ]
    assert texts(response, "h3") == ["Getting here"]
    assert "<script>" not in html and "javascript:" not in html
    assert "Toilets on every floor." in texts(response, ".prose")[1]
    assert texts(response, "dt")[-1] == "Audio description"


def test_festival_access_page_of_an_unpublished_festival_is_404(client):
    FestivalFactory(slug="hidden", is_published=False)

    assert client.get("/festivals/hidden/access/").status_code == 404


def test_needs_csv_lists_each_person_booked_with_their_needs_formula_safe(client, access_setting):
    cai_booking = Attendance.objects.get(user=access_setting.cai)
    cai_booking.access_need_codes = []
    cai_booking.access_needs = "=HYPERLINK(1)"
    cai_booking.save()
    client.force_login(access_setting.organiser)

    response = client.get(NEEDS_CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="access-fest-zine-workshop-access-needs.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows == [
        ["Name", "Email", "Status", "Waitlist position", "Access needs", "In their words"],
        ["Ana", "ana@example.org", "Going", "", "Step-free access", ""],
        [
            "Ben",
            "ben@example.org",
            "Going",
            "",
            "Step-free access; Live captions",
            "A seat near the front.",
        ],
        ["Cai", "cai@example.org", "Going", "", "", "'=HYPERLINK(1)"],
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("attendee", 403),
        ("speaker", 403),
        ("other festival's organiser", 403),
        ("staff", 403),
        ("organiser", 200),
        ("superuser", 200),
    ],
)
def test_needs_are_seen_only_by_the_festivals_organisers(access_setting, who, expected):
    """The people page, the bookings page and the needs CSV: every role."""
    client = Client()
    if who == "attendee":
        client.force_login(access_setting.ana)
    elif who == "speaker":
        speaker_user = UserFactory()
        speaker = SpeakerFactory(festival=access_setting.festival, user=speaker_user)
        access_setting.workshop.speakers.add(speaker)
        client.force_login(speaker_user)
    elif who == "other festival's organiser":
        FestivalFactory(slug="elsewhere", organisers=[other := UserFactory()])
        client.force_login(other)
    elif who == "staff":
        client.force_login(UserFactory(is_staff=True))
    elif who == "organiser":
        client.force_login(access_setting.organiser)
    elif who == "superuser":
        client.force_login(UserFactory(is_staff=True, is_superuser=True))

    pages = {
        PEOPLE: "A seat near the front.",
        BOOKINGS: "2 people booked need step-free access",
        NEEDS_CSV: "A seat near the front.",
    }
    responses = {url: client.get(url) for url in pages}

    assert [response.status_code for response in responses.values()] == [expected] * 3
    for url, response in responses.items():
        assert (pages[url] in response.content.decode()) == (expected == 200)
    # The public pages never show anyone's needs.
    public = [
        client.get(url).content.decode()
        for url in (access_setting.workshop.get_absolute_url(), FESTIVAL_ACCESS)
    ]
    assert not any("A seat near the front." in page for page in public)
