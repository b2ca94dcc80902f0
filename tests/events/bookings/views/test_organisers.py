import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from events.bookings.services import book_place, cancel_booking, check_in
from events.enums import AttendanceStatus, SessionStatus
from events.models import Attendance, Session
from festival.models import Festival, Room, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
    VenueFactory,
)
from tests.html import texts

pytestmark = pytest.mark.django_db

BEFORE_THE_FESTIVAL = datetime(2027, 7, 1, 12, tzinfo=LONDON)
AT_THE_DOOR = datetime(2027, 7, 5, 9, 52, tzinfo=LONDON)

OVERVIEW = "/organise/nacpf/"
CHECK_IN = "/organise/nacpf/check-in/"
FESTIVAL_CSV = "/organise/nacpf/attendees.csv"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(BEFORE_THE_FESTIVAL, tick=False) as traveller:
        yield traveller


@dataclass(frozen=True)
class Setting:
    """A festival (Mon 5 and Tue 6 July 2027, London) at a venue with a Hall and a Studio, and
    its organiser."""

    festival: Festival
    organiser: User
    hall: Room
    studio: Room

    def session(self, title: str, *, day: int = 5, at: str = "10:00", **values) -> Session:
        hour, minute = (int(part) for part in at.split(":"))
        start = datetime(2027, 7, day, hour, minute, tzinfo=LONDON)
        return SessionFactory(
            event=self.festival.events.get(),
            title=title,
            start=start,
            end=start.replace(hour=hour + 1),
            room=values.pop("room", self.hall),
            **values,
        )


@pytest.fixture
def setting() -> Setting:
    organiser = UserFactory(email="organiser@example.org", name="Olu Organiser")
    festival = FestivalFactory(
        name="Not Another Co-production Festival", slug="nacpf", organisers=[organiser]
    )
    venue = VenueFactory(name="Museum of Science and Industry")
    EventFactory(
        festival=festival,
        venue=venue,
        slug="main",
        start=datetime(2027, 7, 5, 9, tzinfo=LONDON),
        end=datetime(2027, 7, 6, 18, tzinfo=LONDON),
    )
    return Setting(
        festival=festival,
        organiser=organiser,
        hall=RoomFactory(venue=venue, name="Hall", position=1),
        studio=RoomFactory(venue=venue, name="Studio", position=2),
    )


@pytest.fixture
def organiser(client, setting) -> Client:
    client.force_login(setting.organiser)
    return client


def person(name: str, email: str | None = None) -> User:
    return UserFactory(name=name, email=email or f"{name.lower().replace(' ', '.')}@example.org")


def book(session: Session, *people: User) -> list[Attendance]:
    return [book_place(user=someone, session=session).attendance for someone in people]


def note_access_needs(attendance: Attendance, needs: str) -> None:
    # No service writes access needs yet (the "my programme" page will): set them directly.
    Attendance.objects.filter(pk=attendance.pk).update(access_needs=needs)


def session_url(session: Session) -> str:
    return f"/organise/nacpf/sessions/{session.slug}/"


def standing(session: Session) -> list[tuple[str, str, int | None]]:
    return [
        (row.user.name, row.status, row.position)
        for row in Attendance.objects.filter(session=session)
        .select_related("user")
        .order_by("status", "position", "user__name")
    ]


class MeterReader(HTMLParser):
    """The (value, max) of each chart's <meter> bars, a list a <figure>."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[list[tuple[str | None, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "figure" and attributes.get("class") == "fill-chart":
            self.charts.append([])
        elif tag == "meter":
            self.charts[-1].append((attributes["value"], attributes["max"]))


def read_meters(response) -> list[list[tuple[str | None, str | None]]]:
    reader = MeterReader()
    reader.feed(response.content.decode())
    return reader.charts


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\N{BYTE ORDER MARK}")
    return list(csv.reader(io.StringIO(text[1:])))


def messages_on(response) -> list[str]:
    return texts(response, "p.message")


# The overview: every session's numbers, and the chart.


@pytest.fixture
def busy_festival(setting):
    """Mon: Opening circle (2 places: 2 going, 1 checked in, 1 waiting), Open space (drop-in,
    2 going), Zine making (cancelled after 1 booking, 10 places); Tue: Closing (4 places)."""
    linda, sam, ana = person("Linda Jones"), person("Sam Lee"), person("Ana Silva")
    opening = setting.session("Opening circle", capacity=2)
    first, _, _ = book(opening, linda, sam, ana)
    check_in(attendance=first)
    book(setting.session("Open space", at="11:00", capacity=None), linda, sam)
    zine = setting.session("Zine making", at="11:00", capacity=10, room=setting.studio)
    book(zine, ana)
    Session.objects.filter(pk=zine.pk).update(status=SessionStatus.CANCELLED)
    book(setting.session("Closing", day=6, at="16:00", capacity=4), ana)
    return setting


def test_organiser_home_lists_my_festivals_each_with_its_organiser_pages(organiser, setting):
    FestivalFactory(name="Someone else's", slug="else")
    FestivalFactory(
        name="Courage Day",
        slug="courage",
        start_date=date(2022, 7, 5),
        end_date=date(2022, 7, 5),
        is_published=False,
        organisers=[setting.organiser],
    )

    response = organiser.get("/organise/")

    assert texts(response, "h1") == ["Festivals you organise"]
    assert texts(response, ".organise-festival") == [
        "Not Another Co-production Festival 5–6 July 2027 "
        "Bookings Check-in Import programme Schedule editor",
        "Courage Day 5 July 2022 · not published yet "
        "Bookings Check-in Import programme Schedule editor",
    ]
    html = response.content.decode()
    for href in (
        "/organise/nacpf/",
        "/organise/nacpf/check-in/",
        "/organise/nacpf/import/",
        "/organise/nacpf/schedule/",
        "/organise/courage/schedule/",
    ):
        assert f'<a href="{href}">' in html
    assert "/organise/else/" not in html


def test_organiser_home_answers_each_role(client, setting):
    other_organiser = UserFactory()
    FestivalFactory(name="Elsewhere", slug="elsewhere", organisers=[other_organiser])
    speaker = UserFactory()
    SpeakerFactory(festival=setting.festival, user=speaker)
    staff = UserFactory(is_staff=True)
    superuser = UserFactory(is_staff=True, is_superuser=True)

    def festivals_for(user: User | None) -> tuple[int, list[str]]:
        visitor = Client()
        if user is not None:
            visitor.force_login(user)
        response = visitor.get("/organise/")
        return response.status_code, texts(response, "h2.card-title")

    assert festivals_for(None)[0] == 302
    assert Client().get("/organise/")["Location"] == "/accounts/login/?next=/organise/"
    assert festivals_for(UserFactory()) == (403, [])
    assert festivals_for(speaker) == (403, [])
    assert festivals_for(staff) == (403, [])
    assert festivals_for(other_organiser) == (200, ["Elsewhere"])
    assert festivals_for(setting.organiser) == (200, ["Not Another Co-production Festival"])
    assert festivals_for(superuser) == (
        200,
        ["Elsewhere", "Not Another Co-production Festival"],
    )


@pytest.mark.parametrize("count", [1, 3])
def test_organiser_home_query_count_does_not_grow_with_festivals(
    client, django_assert_num_queries, count
):
    organiser = UserFactory()
    for number in range(count):
        FestivalFactory(slug=f"festival-{number}", organisers=[organiser])
    client.force_login(organiser)

    # The user (the login session comes from the cache), the festivals.
    with django_assert_num_queries(2):
        response = client.get("/organise/")

    assert len(texts(response, ".organise-festival")) == count


def test_bookings_overview_gives_every_session_its_numbers_by_day(organiser, busy_festival):
    response = organiser.get(OVERVIEW)

    assert response.status_code == 200
    assert texts(response, "h1") == ["Bookings Not Another Co-production Festival"]
    assert texts(response, "p.zone-note") == [
        "Times are in Europe/London (BST). Choose a session to see who booked it and to change "
        "its places."
    ]
    assert texts(response, "ul.booking-totals") == [
        "4 sessions 6 going 1 on waitlists 1 checked in"
    ]
    assert texts(response, "h2") == ["Access needs", "Mon 5 July 2027", "Tue 6 July 2027"]
    assert texts(response, "tr.booking-row") == [
        "10:00–11:00 Opening circle Hall 2 2 1 1",
        "11:00–12:00 Open space Hall 2 Drop-in 0 0",
        "11:00–12:00 Zine making Cancelled Studio 1 10 0 0",
        "16:00–17:00 Closing Hall 1 4 0 0",
    ]
    assert texts(response, "tr.is-cancelled") == [
        "11:00–12:00 Zine making Cancelled Studio 1 10 0 0"
    ]


def test_bookings_overview_links_to_each_session_the_csv_check_in_and_import(
    organiser, busy_festival
):
    html = organiser.get(OVERVIEW).content.decode()

    for session in Session.objects.all():
        assert f'<a href="/organise/nacpf/sessions/{session.slug}/">{session.title}</a>' in html
    assert '<a href="/organise/nacpf/check-in/">Check people in at the door</a>' in html
    assert '<a href="/organise/nacpf/attendees.csv" download>Download all attendees' in html
    assert '<a href="/organise/nacpf/import/">Import the programme</a>' in html


def test_bookings_overview_draws_how_full_each_session_is_as_a_list_of_linked_titles(
    organiser, busy_festival
):
    response = organiser.get(OVERVIEW)

    assert texts(response, "figure.fill-chart") == [
        "How full each session is on Monday 5 July "
        "10:00 Opening circle 1 waiting 2 of 2 places taken "
        "11:00 Open space Drop-in, 2 going "
        "11:00 Zine making Cancelled",
        "How full each session is on Tuesday 6 July 16:00 Closing 1 of 4 places taken",
    ]
    # Opening circle is full, Closing a quarter full; drop-in and cancelled sessions have no
    # bar. The bar is drawn for the eye; its words are beside it.
    assert read_meters(response) == [[("2", "2")], [("1", "4")]]
    html = response.content.decode()
    assert (
        '<p class="fill-session"><span class="fill-time">10:00</span> '
        '<a href="/organise/nacpf/sessions/opening-circle/">Opening circle</a> '
        '<strong class="fill-note">1 waiting</strong></p>'
    ) in html
    assert '<figure class="fill-chart" aria-labelledby="fill-2027-07-05-title">' in html
    assert '<meter class="fill-meter" min="0" max="2" value="2" aria-hidden="true">' in html


def test_bookings_overview_of_a_festival_without_sessions_says_how_to_add_them(organiser, setting):
    response = organiser.get(OVERVIEW)

    assert texts(response, "p.empty") == [
        "This festival has no sessions yet. Import the programme to add them."
    ]
    assert read_meters(response) == []


@pytest.mark.parametrize("sessions", [1, 3])
def test_bookings_overview_query_count_does_not_grow_with_sessions(
    organiser, setting, sessions, django_assert_num_queries
):
    for number in range(sessions):
        session = setting.session(f"Session {number}", at=f"{10 + number}:00", capacity=5)
        book(session, person(f"Person {number}a"), person(f"Person {number}b"))

    # The user (its session from the cache), festival, sessions, days' chart, the emails not
    # gone out (three), the festival's own access provisions and the needs of everyone booked.
    with django_assert_num_queries(9):
        response = organiser.get(OVERVIEW)

    assert len(texts(response, "tr.booking-row")) == sessions


# A session's page: its people, and its capacity.


def test_session_page_lists_going_waitlist_and_cancelled_people_in_order(organiser, setting):
    session = setting.session("Opening circle", capacity=2)
    zoe, ben, cara, dev, eve = (
        person(name) for name in ["Zoe Adams", "Ben Hall", "Cara Diaz", "Dev Patel", "Eve Khan"]
    )
    zoe_booking, _, cara_booking, _, _ = book(session, zoe, ben, cara, dev, eve)
    note_access_needs(zoe_booking, "Step-free seat near the door")
    note_access_needs(cara_booking, "BSL interpreter")
    check_in(attendance=zoe_booking)
    cancel_booking(user=dev, session=session)  # Eve moves up to number 2

    response = organiser.get(session_url(session))

    assert response.status_code == 200
    assert texts(response, "h1") == [
        "Opening circle Mon 5 July 2027, 10:00–11:00 BST · Hall, Museum of Science and Industry"
    ]
    assert texts(response, "ul.session-counts") == [
        "2 going 2 places 2 on the waitlist 1 checked in"
    ]
    assert texts(response, "table.going-table") == [
        "Name Email Access needs Checked in "
        "Ben Hall ben.hall@example.org None given Not yet "
        "Zoe Adams zoe.adams@example.org Step-free seat near the door Thu 1 July 2027, 12:00 BST"
    ]
    assert texts(response, "table.waitlist-table") == [
        "Number Name Email Access needs "
        "1 Cara Diaz cara.diaz@example.org BSL interpreter "
        "2 Eve Khan eve.khan@example.org None given"
    ]
    assert texts(response, "table.cancelled-table") == [
        "Name Email Dev Patel dev.patel@example.org"
    ]
    html = response.content.decode()
    assert (
        '<a href="/organise/nacpf/sessions/opening-circle/attendees.csv" download>'
        "Download this session’s attendees (CSV)</a>"
    ) in html


def test_session_page_capacity_form_shows_the_current_places(organiser, setting):
    session = setting.session("Opening circle", capacity=12)

    response = organiser.get(session_url(session))

    html = response.content.decode()
    assert '<label for="id_capacity">Places:</label>' in html
    assert 'name="capacity" value="12"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_raising_the_capacity_promotes_from_the_waitlist_and_says_who(organiser, setting):
    session = setting.session("Opening circle", capacity=1)
    book(session, *(person(name) for name in ["Ann Ash", "Bo Birch", "Cy Cedar", "Di Dogwood"]))

    response = organiser.post(session_url(session), {"capacity": "3"})

    assert (response.status_code, response["Location"]) == (302, session_url(session))
    page = organiser.get(response["Location"])
    assert messages_on(page) == [
        "The session now has 3 places. Given a place from the waitlist: Bo Birch, Cy Cedar."
    ]
    assert standing(session) == [
        ("Ann Ash", AttendanceStatus.GOING, None),
        ("Bo Birch", AttendanceStatus.GOING, None),
        ("Cy Cedar", AttendanceStatus.GOING, None),
        ("Di Dogwood", AttendanceStatus.WAITLISTED, 1),
    ]
    assert Session.objects.get(pk=session.pk).capacity == 3


def test_raising_the_capacity_with_no_one_waiting_says_the_new_number(organiser, setting):
    session = setting.session("Opening circle", capacity=1)

    response = organiser.post(session_url(session), {"capacity": "1"}, follow=True)

    assert messages_on(response) == ["The session now has 1 place."]


def test_a_blank_capacity_makes_the_session_drop_in_and_lets_everyone_in(organiser, setting):
    session = setting.session("Opening circle", capacity=1)
    book(session, person("Ann Ash"), person("Bo Birch"))

    response = organiser.post(session_url(session), {"capacity": ""}, follow=True)

    assert messages_on(response) == [
        "The session is now drop-in: no booking needed. Given a place from the waitlist: Bo Birch."
    ]
    assert Session.objects.get(pk=session.pk).capacity is None
    assert texts(response, "ul.session-counts") == [
        "2 going Drop-in: no booking needed 0 on the waitlist 0 checked in"
    ]


def test_lowering_the_capacity_below_the_people_going_is_refused_and_changes_nothing(
    organiser, setting
):
    session = setting.session("Opening circle", capacity=5)
    book(session, person("Ann Ash"), person("Bo Birch"), person("Cy Cedar"))
    updated_at = Session.objects.get(pk=session.pk).updated_at

    response = organiser.post(session_url(session), {"capacity": "2"})

    assert response.status_code == 200
    assert texts(response, "ul.errorlist") == [
        "3 people already have places, so the capacity cannot be lower than 3."
    ]
    assert 'name="capacity" value="2"' in response.content.decode()
    assert messages_on(response) == []
    session.refresh_from_db()
    assert (session.capacity, session.updated_at) == (5, updated_at)
    assert [status for _, status, _ in standing(session)] == [AttendanceStatus.GOING] * 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("lots", "Give the number of places as a whole number, or leave it blank."),
        ("-1", "Give the number of places as a whole number, 0 or more."),
        ("2.5", "Give the number of places as a whole number, or leave it blank."),
        ("99999999999999999999", "That is more places than any venue has: give a smaller number."),
    ],
)
def test_capacity_that_is_not_a_whole_number_is_refused(organiser, setting, value, message):
    session = setting.session("Opening circle", capacity=5)

    response = organiser.post(session_url(session), {"capacity": value})

    assert texts(response, "ul.errorlist") == [message]
    assert texts(response, ".error-summary") == [f"There is a problem Places: {message}"]
    assert f'<a href="#id_capacity">Places: {message}</a>' in response.content.decode()
    assert Session.objects.get(pk=session.pk).capacity == 5


def test_session_page_of_another_festivals_session_is_not_found(organiser, setting):
    elsewhere = SessionFactory(title="Elsewhere", event=EventFactory())

    responses = [
        organiser.get(session_url(elsewhere)),
        organiser.post(session_url(elsewhere), {"capacity": "1"}),
        organiser.get(f"{session_url(elsewhere)}attendees.csv"),
        organiser.get("/organise/nacpf/sessions/no-such-session/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    assert Session.objects.get(pk=elsewhere.pk).capacity == 20


@pytest.mark.parametrize("people", [1, 3])
def test_session_page_query_count_does_not_grow_with_attendees(
    organiser, setting, people, django_assert_num_queries
):
    session = setting.session("Opening circle", capacity=2)
    book(session, *(person(f"Person {number}") for number in range(people)))

    # As before, and the festival's own access provisions and the needs of everyone booked.
    with django_assert_num_queries(7):
        response = organiser.get(session_url(session))

    going, waiting = min(people, 2), max(people - 2, 0)
    assert texts(response, "h2")[2:4] == [f"Going ({going})", f"Waitlist ({waiting})"]


# Attendee lists as CSV.

CSV_HEADER = [
    "Session",
    "Start (Europe/London)",
    "Room",
    "Session status",
    "Name",
    "Email",
    "Status",
    "Waitlist position",
    "Checked in at (Europe/London)",
    "Access needs",
]


@pytest.fixture
def csv_festival(setting, clock):
    """Two sessions with people going, waiting and cancelled; names and needs that a
    spreadsheet would run as formulas."""
    opening = setting.session("Opening circle", capacity=1)
    zine = setting.session("=Zine making", at="09:00", capacity=None, room=setting.studio)
    mallory = person('=HYPERLINK("http://evil.example","Click")', "mallory@example.org")
    linda, sam, ana = person("Linda Jones"), person("Sam Lee"), person("Ana Silva")
    linda_booking, sam_booking, _ = book(opening, linda, sam, ana)
    mallory_booking, *_ = book(opening, mallory)
    note_access_needs(linda_booking, "+44 7700 900123 (call on arrival)")
    note_access_needs(sam_booking, "@wheelchair user")
    note_access_needs(mallory_booking, "-1+2\nsecond line")
    cancel_booking(user=ana, session=opening)
    zine_linda, _ = book(zine, linda, person("Tab Person", "\tcalc@example.org"))
    note_access_needs(zine_linda, "\rcarriage")
    clock.move_to(datetime(2027, 7, 5, 8, 55, tzinfo=LONDON))
    check_in(attendance=zine_linda)
    return setting


def test_festival_attendee_csv_lists_everyone_by_session_status_and_position(
    organiser, csv_festival
):
    response = organiser.get(FESTIVAL_CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="nacpf-attendees.csv"'
    assert read_csv(response) == [
        CSV_HEADER,
        [
            "'=Zine making",
            "2027-07-05 09:00",
            "Studio",
            "Scheduled",
            "Linda Jones",
            "linda.jones@example.org",
            "Going",
            "",
            "2027-07-05 08:55",
            "'\rcarriage",
        ],
        [
            "'=Zine making",
            "2027-07-05 09:00",
            "Studio",
            "Scheduled",
            "Tab Person",
            "'\tcalc@example.org",
            "Going",
            "",
            "",
            "",
        ],
        [
            "Opening circle",
            "2027-07-05 10:00",
            "Hall",
            "Scheduled",
            "Linda Jones",
            "linda.jones@example.org",
            "Going",
            "",
            "",
            "'+44 7700 900123 (call on arrival)",
        ],
        [
            "Opening circle",
            "2027-07-05 10:00",
            "Hall",
            "Scheduled",
            "Sam Lee",
            "sam.lee@example.org",
            "On the waitlist",
            "1",
            "",
            "'@wheelchair user",
        ],
        [
            "Opening circle",
            "2027-07-05 10:00",
            "Hall",
            "Scheduled",
            '\'=HYPERLINK("http://evil.example","Click")',
            "mallory@example.org",
            "On the waitlist",
            "2",
            "",
            "'-1+2\nsecond line",
        ],
        [
            "Opening circle",
            "2027-07-05 10:00",
            "Hall",
            "Scheduled",
            "Ana Silva",
            "ana.silva@example.org",
            "Cancelled",
            "",
            "",
            "",
        ],
    ]


def test_session_attendee_csv_lists_that_session_only(organiser, csv_festival):
    zine = Session.objects.get(title="=Zine making")

    response = organiser.get(f"{session_url(zine)}attendees.csv")

    assert response["Content-Disposition"] == (
        'attachment; filename="nacpf-zine-making-attendees.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == CSV_HEADER
    assert [(row[0], row[4], row[6]) for row in rows[1:]] == [
        ("'=Zine making", "Linda Jones", "Going"),
        ("'=Zine making", "Tab Person", "Going"),
    ]


@pytest.mark.parametrize("people", [1, 3])
def test_festival_attendee_csv_query_count_does_not_grow_with_attendees(
    organiser, setting, people, django_assert_num_queries
):
    session = setting.session("Opening circle", capacity=2)
    book(session, *(person(f"Person {number}") for number in range(people)))

    # As before, and the festival's own access provisions.
    with django_assert_num_queries(5):
        response = organiser.get(FESTIVAL_CSV)

    assert len(read_csv(response)) == people + 1


# Check-in at the door.


@pytest.fixture
def door(setting, clock):
    """Linda Jones has places on Monday's Opening circle and Tuesday's Closing; Sam Lee is on
    Monday's waitlist; Lindiwe Moyo's booking was cancelled; it is Monday morning."""
    opening = setting.session("Opening circle", capacity=1)
    closing = setting.session("Closing", day=6, at="16:00", capacity=10, room=setting.studio)
    linda = person("Linda Jones", "l.jones@example.org")
    book(opening, linda, person("Sam Lee", "sam.lee@example.org"))
    book(closing, linda)
    lindiwe = person("Lindiwe Moyo", "moyo@example.org")
    book(closing, lindiwe)
    cancel_booking(user=lindiwe, session=closing)
    clock.move_to(AT_THE_DOOR)
    return setting


def search(client, **query):
    return client.get(CHECK_IN, query)


def test_check_in_page_has_a_labelled_search_and_today_as_its_day(organiser, door):
    response = search(organiser)

    html = response.content.decode()
    assert response.status_code == 200
    assert texts(response, "h1") == ["Check-in Not Another Co-production Festival"]
    assert '<label for="id_q">Name or email:</label>' in html
    assert '<input type="search" name="q"' in html
    assert texts(response, "select") == ["Mon 5 July (today) Tue 6 July All days"]
    assert '<option value="2027-07-05" selected>' in html
    assert texts(response, "p.check-in-help") == [
        "Type part of a person’s name or email to find their places on Mon 5 July 2027."
    ]


def test_check_in_search_finds_part_of_a_name_in_any_case_with_todays_places(organiser, door):
    response = search(organiser, q="  jOnEs ")

    assert texts(response, "p.result-count") == [
        "1 person with a place on Mon 5 July 2027. Times are in Europe/London (BST)."
    ]
    assert texts(response, "li.check-in-person") == [
        "Linda Jones l.jones@example.org "
        "Mon 10:00–11:00 Opening circle Hall "
        "Check in Linda Jones to Opening circle"
    ]


def test_check_in_search_finds_part_of_an_email_in_any_case(organiser, door):
    response = search(organiser, q="L.JONES@EX", day="all")

    assert texts(response, "h2.check-in-name") == ["Linda Jones"]
    assert texts(response, "p.check-in-session") == [
        "Mon 10:00–11:00 Opening circle Hall",
        "Tue 16:00–17:00 Closing Studio",
    ]


def test_check_in_search_shows_only_places_on_the_day_chosen(organiser, door):
    tuesday = search(organiser, q="lind", day="2027-07-06")

    # Lindiwe cancelled; Sam's waitlist spot on Monday is not a place.
    assert texts(tuesday, "h2.check-in-name") == ["Linda Jones"]
    assert texts(tuesday, "p.check-in-session") == ["Tue 16:00–17:00 Closing Studio"]
    assert texts(search(organiser, q="sam"), "p.result-count") == [
        "No one with a place on Mon 5 July 2027 matches “sam”. Check the spelling, try part of "
        "their email, or search all days."
    ]


def test_check_in_search_before_the_festival_looks_at_all_days(organiser, door, clock):
    clock.move_to(BEFORE_THE_FESTIVAL)

    response = search(organiser, q="linda")

    assert '<option value="all" selected>' in response.content.decode()
    assert len(texts(response, "li.check-in-booking")) == 2


def test_check_in_search_warns_in_words_of_each_place_that_is_not_today(organiser, door):
    response = search(organiser, q="linda", day="all")

    assert texts(response, "li.check-in-booking") == [
        "Mon 10:00–11:00 Opening circle Hall Check in Linda Jones to Opening circle",
        "Tue 16:00–17:00 Closing Studio "
        "Not today: this session is on Tuesday 6 July, tomorrow. "
        "Check in Linda Jones to Closing",
    ]
    closing = Attendance.objects.get(user__name="Linda Jones", session__title="Closing")
    assert (
        f'<button type="submit" class="button check-in-button" '
        f'aria-describedby="booking-{closing.pk}-not-today">Check in'
    ) in response.content.decode()


def test_check_in_search_weeks_before_or_after_the_festival_says_how_far_away(
    organiser, door, clock
):
    clock.move_to(datetime(2027, 6, 14, 12, tzinfo=LONDON))
    before = search(organiser, q="linda")
    clock.move_to(datetime(2027, 7, 26, 12, tzinfo=LONDON))
    organiser.force_login(door.organiser)  # the log-in of July has expired
    after = search(organiser, q="linda")

    assert texts(before, "p.check-in-warning") == [
        "Not today: this session is on Monday 5 July, in 3 weeks.",
        "Not today: this session is on Tuesday 6 July, in 3 weeks.",
    ]
    assert texts(after, "p.check-in-warning") == [
        "Not today: this session was on Monday 5 July, 3 weeks ago.",
        "Not today: this session was on Tuesday 6 July, 2 weeks ago.",
    ]


def test_check_in_weeks_before_the_session_is_made_and_says_it_is_not_today(organiser, door, clock):
    clock.move_to(datetime(2027, 6, 14, 12, tzinfo=LONDON))
    booking = linda_monday()

    response = organiser.post(check_in_url(booking), {"q": "jones", "day": "all"})

    booking.refresh_from_db()
    assert booking.checked_in_at == datetime(2027, 6, 14, 12, tzinfo=LONDON)
    page = organiser.get(response["Location"])
    assert messages_on(page) == [
        "Checked in: Linda Jones, Opening circle. "
        "Not today: this session is on Monday 5 July, in 3 weeks."
    ]
    assert '<p class="message message-warning">' in page.content.decode()


def test_check_in_search_leaves_out_other_festivals_and_cancelled_sessions(organiser, door):
    book(SessionFactory(title="Elsewhere", event=EventFactory()), person("Linda Elsewhere"))
    Session.objects.filter(title="Closing").update(status=SessionStatus.CANCELLED)

    response = search(organiser, q="linda", day="all")

    assert texts(response, "p.check-in-session") == ["Mon 10:00–11:00 Opening circle Hall"]


def test_check_in_search_with_a_day_outside_the_festival_says_so(organiser, door):
    response = search(organiser, q="linda", day="2027-08-01")

    assert texts(response, "ul.errorlist") == ["Choose one of the festival's days, or all days."]
    assert texts(response, "li.check-in-booking") == []


def test_check_in_search_with_too_many_matches_asks_to_refine_it(organiser, setting):
    session = setting.session("Big talk", capacity=None)
    book(session, *(person(f"Member {number:02d}") for number in range(51)))

    response = search(organiser, q="member")

    assert len(texts(response, "li.check-in-booking")) == 50
    assert texts(response, "p.check-in-refine") == [
        "Showing the first 50 places only: type more of the name or email to find the person "
        "you want."
    ]


@pytest.mark.parametrize("matches", [1, 3])
def test_check_in_search_query_count_does_not_grow_with_matches(
    organiser, setting, matches, django_assert_num_queries
):
    for number in range(matches):
        session = setting.session(f"Session {number}", at=f"{10 + number}:00", capacity=5)
        book(session, person(f"Match {number}"), person(f"Other {number}"))

    # As before, and the festival's own access provisions.
    with django_assert_num_queries(5):
        response = search(organiser, q="match")

    assert len(texts(response, "li.check-in-booking")) == matches


def check_in_url(attendance: Attendance) -> str:
    return f"/organise/nacpf/check-in/{attendance.pk}/"


def linda_monday() -> Attendance:
    return Attendance.objects.get(user__name="Linda Jones", session__title="Opening circle")


def test_check_in_marks_the_person_arrived_and_returns_to_the_search(organiser, door):
    booking = linda_monday()

    response = organiser.post(check_in_url(booking), {"q": "jones", "day": "2027-07-05"})

    assert (response.status_code, response["Location"]) == (
        302,
        f"/organise/nacpf/check-in/?q=jones&day=2027-07-05#booking-{booking.pk}",
    )
    booking.refresh_from_db()
    assert booking.checked_in_at == AT_THE_DOOR
    page = organiser.get(response["Location"])
    assert messages_on(page) == ["Checked in: Linda Jones, Opening circle"]
    assert texts(page, "li.is-checked-in") == [
        "Mon 10:00–11:00 Opening circle Hall Checked in at 09:52 "
        "Undo the check-in of Linda Jones to Opening circle"
    ]


def test_undo_check_in_takes_the_check_in_back(organiser, door):
    booking = check_in(attendance=linda_monday())

    response = organiser.post(f"{check_in_url(booking)}undo/", {"q": "linda", "day": "all"})

    assert response["Location"] == f"/organise/nacpf/check-in/?q=linda&day=all#booking-{booking.pk}"
    booking.refresh_from_db()
    assert booking.checked_in_at is None
    page = organiser.get(response["Location"])
    assert messages_on(page) == ["Check-in undone: Linda Jones, Opening circle"]
    assert texts(page, "li.is-checked-in") == []


def test_check_in_of_someone_on_the_waitlist_is_refused_and_changes_nothing(organiser, door):
    waiting = Attendance.objects.get(user__name="Sam Lee")

    response = organiser.post(check_in_url(waiting), {"q": "sam"}, follow=True)

    assert messages_on(response) == [
        "Not checked in: Sam Lee has no place on this session to check in."
    ]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.position, waiting.checked_in_at) == (
        AttendanceStatus.WAITLISTED,
        1,
        None,
    )


def test_check_in_with_a_bad_search_returns_to_the_default_search(organiser, door):
    booking = linda_monday()

    response = organiser.post(check_in_url(booking), {"q": "linda", "day": "someday"})

    assert (
        response["Location"] == f"/organise/nacpf/check-in/?q=&day=2027-07-05#booking-{booking.pk}"
    )


def test_check_in_of_an_unknown_or_another_festivals_booking_is_not_found(organiser, door):
    elsewhere, *_ = book(SessionFactory(title="Elsewhere", event=EventFactory()), person("Al"))

    responses = [
        organiser.post(check_in_url(elsewhere)),
        organiser.post(f"{check_in_url(elsewhere)}undo/"),
        organiser.post("/organise/nacpf/check-in/999999/"),
        organiser.post("/organise/nacpf/check-in/999999/undo/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    assert Attendance.objects.get(pk=elsewhere.pk).checked_in_at is None


def test_check_in_actions_take_post_only(organiser, door):
    booking = linda_monday()

    responses = [
        organiser.get(check_in_url(booking)),
        organiser.get(f"{check_in_url(booking)}undo/"),
    ]

    assert [response.status_code for response in responses] == [405, 405]
    assert Attendance.objects.get(pk=booking.pk).checked_in_at is None


# Who reaches these pages.


@pytest.fixture
def requests_to_every_page(door):
    """(method, URL, data) of every organiser page and action, and the booking they touch."""
    booking = linda_monday()
    opening = booking.session
    return booking, [
        ("get", OVERVIEW, {}),
        ("get", session_url(opening), {}),
        ("post", session_url(opening), {"capacity": "5"}),
        ("get", f"{session_url(opening)}attendees.csv", {}),
        ("get", FESTIVAL_CSV, {}),
        ("get", CHECK_IN, {"q": "linda"}),
        ("post", check_in_url(booking), {"q": "linda"}),
        ("post", f"{check_in_url(booking)}undo/", {"q": "linda"}),
    ]


def send(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, data)


def nothing_written(booking: Attendance) -> bool:
    booking.refresh_from_db()
    session = Session.objects.get(pk=booking.session_id)
    return (booking.checked_in_at, session.capacity) == (None, 1)


def test_organiser_pages_send_anonymous_visitors_to_log_in(client, requests_to_every_page):
    booking, requests = requests_to_every_page
    login = resolve_url(settings.LOGIN_URL)

    responses = [send(client, *request) for request in requests]

    assert [(response.status_code, response["Location"]) for response in responses] == [
        (302, f"{login}?next={url}{'%3Fq%3Dlinda' if method == 'get' and data else ''}")
        for method, url, data in requests
    ]
    assert nothing_written(booking)


@pytest.mark.parametrize("who", ["stranger", "organiser of another festival", "staff"])
def test_organiser_pages_are_forbidden_to_everyone_but_the_festivals_organisers(
    client, requests_to_every_page, who
):
    booking, requests = requests_to_every_page
    user = UserFactory(is_staff=who == "staff")
    if who == "organiser of another festival":
        FestivalFactory(name="Another festival", organisers=[user])
    client.force_login(user)

    responses = [send(client, *request) for request in requests]

    assert [response.status_code for response in responses] == [403] * len(requests)
    assert nothing_written(booking)


@pytest.mark.parametrize("who", ["organiser", "superuser"])
def test_organiser_pages_are_open_to_the_festivals_organisers_and_superusers(
    client, requests_to_every_page, who, setting
):
    booking, requests = requests_to_every_page
    user = setting.organiser if who == "organiser" else UserFactory(is_superuser=True)
    client.force_login(user)

    responses = [send(client, *request) for request in requests]

    assert [response.status_code for response in responses] == [
        200,
        200,
        302,
        200,
        200,
        200,
        302,
        302,
    ]
    booking.refresh_from_db()
    assert (booking.checked_in_at, Session.objects.get(pk=booking.session_id).capacity) == (
        None,  # checked in, then undone
        5,
    )


def test_organiser_forms_refuse_a_post_without_the_csrf_token(setting, door):
    client = Client(enforce_csrf_checks=True)
    client.force_login(setting.organiser)
    booking = linda_monday()

    responses = [
        client.post(check_in_url(booking), {"q": "linda"}),
        client.post(f"{check_in_url(booking)}undo/", {"q": "linda"}),
        client.post(session_url(booking.session), {"capacity": "5"}),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert nothing_written(booking)


def test_check_in_page_forms_carry_the_csrf_token(organiser, door):
    response = search(organiser, q="linda")

    html = response.content.decode()
    assert re.search(
        r'class="check-in-action">\s*<input type="hidden" name="csrfmiddlewaretoken"', html
    )
    assert '<input type="hidden" name="q" value="linda"><input type="hidden" name="day" ' in html
