"""The /me/ page and its access needs form (events/bookings/views/attendee.py)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from events.bookings.services import book_place, cancel_booking
from events.enums import AttendanceStatus, SessionStatus, WriteUpStatus
from events.models import Attendance, Session
from festival.models import Festival, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
    VenueFactory,
    WriteUpFactory,
)
from tests.html import texts

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 7, 1, 12, tzinfo=LONDON)
DAY, HOUR = timedelta(days=1), timedelta(hours=1)
MY_PROGRAMME = "/me/"


def at(day: int, hour: int, minute: int = 0, zone=LONDON) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=zone)


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass(frozen=True)
class Programme:
    """My bookings at two festivals: in Manchester (London time) and in Berlin."""

    me: User
    talk: Session
    workshop: Session
    drop_in: Session
    berlin: Session
    yesterday: Session
    left: Session
    someone_elses: Session


def session_at(event, room, title: str, start: datetime, end: datetime, **values) -> Session:
    return SessionFactory(event=event, room=room, title=title, start=start, end=end, **values)


@pytest.fixture
def programme() -> Programme:
    me = UserFactory(email="me@example.org")
    festival = FestivalFactory(name="Not Another Co-production Festival", slug="nacpf")
    museum = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(festival=festival, venue=museum, start=at(5, 9), end=at(6, 18))
    hall = RoomFactory(venue=museum, name="Hall")
    studio = RoomFactory(venue=museum, name="Studio")
    berlin_festival = FestivalFactory(name="Festival am Fluss", timezone="Europe/Berlin")
    werk = VenueFactory(name="Alte Werkstatt")
    berlin_event = EventFactory(festival=berlin_festival, venue=werk)
    talk = session_at(event, hall, "What is co-production?", at(5, 10), at(5, 11))
    workshop = session_at(event, studio, "Making a zine", at(5, 12), at(5, 13), capacity=1)
    drop_in = session_at(event, hall, "Closing circle", at(6, 16), at(6, 17), capacity=None)
    berlin = session_at(
        berlin_event,
        RoomFactory(venue=werk, name="Saal"),
        "Stadt gemeinsam machen",
        at(5, 10, zone=BERLIN),
        at(5, 11, zone=BERLIN),
    )
    yesterday = session_at(event, hall, "Warm-up walk", at(1, 9, 0), at(1, 10, 0))
    left = session_at(event, hall, "A talk I left", at(6, 10), at(6, 11))
    someone_elses = session_at(event, studio, "Not mine", at(6, 12), at(6, 13))

    with time_machine.travel(at(1, 8), tick=False):
        book_place(user=me, session=yesterday)
    for session in (talk, drop_in, berlin, left):
        book_place(user=me, session=session)
    book_place(user=UserFactory(), session=workshop)
    book_place(user=UserFactory(), session=workshop)
    book_place(user=me, session=workshop)
    cancel_booking(user=me, session=left)
    book_place(user=UserFactory(), session=someone_elses)
    return Programme(
        me=me,
        talk=talk,
        workshop=workshop,
        drop_in=drop_in,
        berlin=berlin,
        yesterday=yesterday,
        left=left,
        someone_elses=someone_elses,
    )


def attendance_of(user: User, session: Session) -> Attendance:
    return Attendance.objects.get(user=user, session=session)


def access_needs_url(attendance: Attendance) -> str:
    return reverse("my-access-needs", kwargs={"attendance": attendance.pk})


def field_name(attendance: Attendance) -> str:
    return f"booking-{attendance.pk}-note"


@pytest.mark.django_db
def test_my_programme_groups_my_sessions_across_festivals(client, programme):
    client.force_login(programme.me)

    response = client.get(MY_PROGRAMME)

    assert texts(response, "h1") == ["My programme"]
    assert texts(response, "h2") == [
        "Places booked",
        "On the waitlist",
        "Drop-ins in my programme",
        "My access needs",
        "My programme in my calendar",
        "Email reminders",
        "Past sessions",
    ]
    assert texts(response, "h3") == [
        "Stadt gemeinsam machen",
        "What is co-production?",
        "Making a zine",
        "Closing circle",
        "Warm-up walk",
    ]
    assert texts(response, ".my-session-when") == [
        "Mon 5 July 2027, 10:00–11:00 CEST",
        "Mon 5 July 2027, 10:00–11:00 BST",
        "Mon 5 July 2027, 12:00–13:00 BST",
        "Tue 6 July 2027, 16:00–17:00 BST",
        "Thu 1 July 2027, 09:00–10:00 BST",
    ]
    assert texts(response, ".my-session-where") == [
        "Saal, Alte Werkstatt",
        "Hall, Museum of Science and Industry",
        "Studio, Museum of Science and Industry",
        "Hall, Museum of Science and Industry",
        "Hall, Museum of Science and Industry",
    ]
    assert texts(response, ".my-session-festival") == [
        "Festival am Fluss",
        *["Not Another Co-production Festival"] * 4,
    ]
    assert texts(response, ".my-session-position") == ["You are number 2 on the waitlist."]
    assert texts(response, ".my-cancel-button") == [
        "Cancel my place",
        "Cancel my place",
        "Leave the waitlist",
        "Remove from my programme",
    ]
    assert texts(response, ".my-programme-empty") == []


@pytest.mark.django_db
def test_my_programme_cancels_back_to_itself_after_asking(client, programme):
    client.force_login(programme.me)
    page = client.get(MY_PROGRAMME).content.decode()
    cancel = reverse("session-cancel", kwargs={"festival": "nacpf", "session": "making-a-zine"})
    assert f'href="{cancel}?next=/me/"' in page

    asked = client.get(f"{cancel}?next=/me/")
    response = client.post(cancel, {"next": MY_PROGRAMME}, follow=True)

    assert texts(asked, "h1") == ["Leave the waitlist for “Making a zine”?"]
    assert texts(asked, ".confirm-consequence") == [
        "You are number 2 on the waitlist. If you leave, you lose that number: joining again "
        "puts you at the back."
    ]
    assert texts(asked, "form.confirm-form") == ["Leave the waitlist No, keep it"]
    assert '<input type="hidden" name="next" value="/me/">' in asked.content.decode()
    assert response.redirect_chain == [(MY_PROGRAMME, 302)]
    assert texts(response, "p.message-success") == [
        "You have left the waitlist for “Making a zine”."
    ]
    assert texts(response, "h2") == [
        "Places booked",
        "Drop-ins in my programme",
        "My access needs",
        "My programme in my calendar",
        "Email reminders",
        "Past sessions",
    ]
    assert attendance_of(programme.me, programme.workshop).status == AttendanceStatus.CANCELLED


@pytest.mark.django_db
def test_my_programme_removes_a_drop_in_without_asking(client, programme):
    client.force_login(programme.me)
    page = client.get(MY_PROGRAMME).content.decode()
    cancel = reverse("session-cancel", kwargs={"festival": "nacpf", "session": "closing-circle"})

    assert f'<form method="post" action="{cancel}" class="my-session-cancel">' in page


@pytest.mark.django_db
def test_my_programme_marks_a_cancelled_session_and_offers_to_remove_it(client, programme):
    Session.objects.filter(pk=programme.talk.pk).update(status=SessionStatus.CANCELLED)
    client.force_login(programme.me)

    response = client.get(MY_PROGRAMME)

    assert texts(response, ".my-session-cancelled") == [
        "Cancelled. This session will not take place."
    ]
    assert texts(response, ".my-cancel-button")[1] == "Remove from my programme"


@pytest.mark.django_db
def test_my_programme_shows_a_session_on_now_without_a_cancel_button(client, programme):
    client.force_login(programme.me)

    with time_machine.travel(at(5, 10, 30), tick=False):
        response = client.get(MY_PROGRAMME)

    assert texts(response, "h3") == [
        "What is co-production?",
        "Making a zine",
        "Closing circle",
        "Stadt gemeinsam machen",
        "Warm-up walk",
    ]
    assert texts(response, ".my-cancel-button") == [
        "Leave the waitlist",
        "Remove from my programme",
    ]


@pytest.mark.django_db
def test_my_programme_with_nothing_coming_up_points_to_the_hub(client):
    client.force_login(UserFactory())

    response = client.get(MY_PROGRAMME)

    assert texts(response, ".my-programme-empty") == [
        "Nothing coming up in your programme. Find a festival on the Hub to book a place, "
        "join a waitlist or add a drop-in session."
    ]
    assert texts(response, "h2") == [
        "My access needs",
        "My programme in my calendar",
        "Email reminders",
    ]
    assert f'<a href="{reverse("hub-home")}">Hub</a>' in response.content.decode()


@pytest.mark.django_db
def test_my_programme_asks_anonymous_visitors_to_log_in(client):
    response = client.get(MY_PROGRAMME)

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('login')}?next=/me/",
    )


# Access needs


@pytest.mark.django_db
def test_access_needs_are_saved_on_my_booking(client, programme):
    booking = attendance_of(programme.me, programme.talk)
    client.force_login(programme.me)

    response = client.post(
        access_needs_url(booking),
        {field_name(booking): "Step-free access, please.\r\nI use a wheelchair."},
        follow=True,
    )

    assert response.redirect_chain == [(f"/me/#booking-{booking.pk}", 302)]
    assert texts(response, "p.message-success") == [
        "Access needs saved for “What is co-production?”. Only the festival's organisers see them."
    ]
    booking.refresh_from_db()
    assert (booking.access_needs, booking.status) == (
        "Step-free access, please.\nI use a wheelchair.",
        AttendanceStatus.GOING,
    )
    # The booking's own needs now; the person's saved needs (last) are untouched.
    assert booking.access_need_codes == []
    assert texts(response, "textarea") == [
        "",
        "Step-free access, please. I use a wheelchair.",
        "",
        "",
        "",
    ]


@pytest.mark.django_db
def test_access_needs_of_a_thousand_characters_fit(client, programme):
    booking = attendance_of(programme.me, programme.drop_in)
    client.force_login(programme.me)

    client.post(access_needs_url(booking), {field_name(booking): "x" * 998 + "\r\ny"})

    booking.refresh_from_db()
    assert booking.access_needs == "x" * 998 + "\ny"


@pytest.mark.django_db
def test_access_needs_too_long_are_refused_and_kept_in_the_form(client, programme):
    booking = attendance_of(programme.me, programme.talk)
    client.force_login(programme.me)
    text = "I need " + "a" * 1197

    response = client.post(access_needs_url(booking), {field_name(booking): text})

    assert response.status_code == 200
    assert texts(response, "p.message-error") == [
        "Your access needs for “What is co-production?” were not saved: see below."
    ]
    assert texts(response, "ul.errorlist") == [
        "This can be at most 1,000 characters; it has 1,204. Please shorten it: the "
        "organisers can always ask you for more."
    ]
    assert text in texts(response, "textarea")
    booking.refresh_from_db()
    assert booking.access_needs == ""


@pytest.mark.django_db
def test_access_needs_of_someone_elses_booking_are_404(client, programme):
    theirs = Attendance.objects.get(session=programme.someone_elses)
    client.force_login(programme.me)

    response = client.post(access_needs_url(theirs), {field_name(theirs): "Mine now"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.access_needs == ""


@pytest.mark.django_db
def test_access_needs_of_a_booking_i_cancelled_are_refused(client, programme):
    booking = attendance_of(programme.me, programme.left)
    client.force_login(programme.me)

    response = client.post(access_needs_url(booking), {field_name(booking): "Hello"}, follow=True)

    assert texts(response, "p.message-error") == [
        "You no longer have a booking for “A talk I left”, so nothing was saved."
    ]
    booking.refresh_from_db()
    assert booking.access_needs == ""


@pytest.mark.django_db
def test_access_needs_need_a_login_and_a_post(client, programme):
    booking = attendance_of(programme.me, programme.talk)

    anonymous = client.post(access_needs_url(booking), {field_name(booking): "Hello"})
    client.force_login(programme.me)
    fetched = client.get(access_needs_url(booking))

    assert (anonymous.status_code, anonymous["Location"]) == (302, "/accounts/login/?next=/me/")
    assert fetched.status_code == 405
    booking.refresh_from_db()
    assert booking.access_needs == ""


# Query counts


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_my_programme_queries_do_not_grow_with_my_bookings(
    client, django_assert_num_queries, count
):
    me = UserFactory()
    for number in range(count):
        event = EventFactory(festival=FestivalFactory(name=f"Festival {number}"))
        for capacity in (None, 0, 10):
            session = SessionFactory(event=event, capacity=capacity, title=f"S{number}-{capacity}")
            book_place(user=me, session=session)
    client.force_login(me)

    # The user (the login session comes from the cache); every booking with its session,
    # festival, room and venue; the calendar link and reminder settings; speaker profiles
    # (none); the festivals' own access provisions.
    with django_assert_num_queries(5):
        response = client.get(MY_PROGRAMME)

    assert len(texts(response, "li.my-session")) == 3 * count


# A speaker's section


@dataclass(frozen=True)
class Speaking:
    me: User
    festival: Festival
    to_write: Session
    drafted: Session
    published: Session
    coming: Session


@pytest.fixture
def speaking() -> Speaking:
    """A speaker at a festival: three past sessions (one not written up, one with a draft,
    one published) and one to come."""
    me = UserFactory(email="mel@example.org", name="Mel Parks")
    festival = FestivalFactory(name="Courage Day", slug="courage")
    museum = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(festival=festival, venue=museum, start=at(1, 9, 0) - DAY * 10)
    hall = RoomFactory(venue=museum, name="Hall")
    mel = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks", user=me)

    def spoken(title: str, start: datetime) -> Session:
        return session_at(event, hall, title, start, start + HOUR, speakers=[mel])

    to_write = spoken("Listening first", at(1, 9) - DAY * 3)
    drafted = spoken("Paying people", at(1, 9) - DAY * 2)
    published = spoken("Sharing power", at(1, 9) - DAY)
    coming = spoken("What comes next", at(5, 14))
    WriteUpFactory(session=drafted, author=me, title="Paying people: a draft", slug="paying")
    WriteUpFactory(
        session=published,
        author=me,
        title="Sharing power, honestly",
        slug="sharing",
        status=WriteUpStatus.PUBLISHED,
    )
    # Someone else's write-up of my session is not mine to finish.
    WriteUpFactory(session=to_write, title="Another view")
    return Speaking(me, festival, to_write, drafted, published, coming)


@pytest.mark.django_db
def test_my_programme_gives_a_speaker_their_sessions_and_write_ups_to_do(client, speaking):
    client.force_login(speaking.me)

    response = client.get(MY_PROGRAMME)

    assert texts(response, "h3.my-speaking-subheading") == [
        "Coming up",
        "Past sessions and their write-ups",
    ]
    assert texts(response, ".my-speaking-session") == [
        "What comes next Mon 5 July 2027, 14:00–15:00 BST Hall, Museum of Science and Industry",
        "Sharing power Wed 30 June 2027, 09:00–10:00 BST Write-up: Published Edit your write-up",
        "Paying people Tue 29 June 2027, 09:00–10:00 BST Write-up: Draft Finish your draft",
        "Listening first Mon 28 June 2027, 09:00–10:00 BST Write-up: To write Write it up",
    ]
    assert texts(response, ".my-speaker-pages") == [
        "Your speaker page at Courage Day · Your sessions in your calendar app (.ics file)"
    ]
    # Not "Nothing coming up": the speaker has a session coming up, and no places booked.
    assert texts(response, ".my-programme-empty") == [
        "No places booked at any session. Find a festival on the Hub to book a place, join a "
        "waitlist or add a drop-in session."
    ]
    html = response.content.decode()
    for href in (
        "/write-ups/sharing/edit/",
        "/write-ups/paying/edit/",
        "/festivals/courage/sessions/listening-first/write-up/",
        "/festivals/courage/speakers/mel-parks/",
        "webcal://testserver/festivals/courage/speakers/mel-parks/calendar.ics",
    ):
        assert f'href="{href}"' in html


@pytest.mark.django_db
def test_the_write_up_link_on_my_programme_opens_the_form_in_one_tap(client, speaking):
    client.force_login(speaking.me)

    form = client.get("/festivals/courage/sessions/listening-first/write-up/")

    assert form.status_code == 200
    assert texts(form, "h1")[0].startswith("Write up")


@pytest.mark.django_db
def test_my_programme_shows_no_speaker_section_to_attendees_or_speakers_of_hidden_festivals(
    client, speaking
):
    Festival.objects.filter(pk=speaking.festival.pk).update(is_published=False)
    attendee = UserFactory()

    for person in (attendee, speaking.me):
        client.force_login(person)
        assert texts(client.get(MY_PROGRAMME), ".my-speaking") == []


@pytest.mark.django_db
def test_my_programme_marks_a_speakers_cancelled_past_session_with_nothing_to_write(
    client, speaking
):
    Session.objects.filter(pk=speaking.to_write.pk).update(status=SessionStatus.CANCELLED)
    client.force_login(speaking.me)

    response = client.get(MY_PROGRAMME)

    assert texts(response, ".writeup-cancelled") == [
        "Listening first Mon 28 June 2027, 09:00–10:00 BST Write-up: Cancelled: nothing to write up"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_my_programme_queries_do_not_grow_with_a_speakers_sessions(
    client, django_assert_num_queries, count
):
    me = UserFactory()
    for number in range(count):
        festival = FestivalFactory(name=f"Festival {number}")
        speaker = SpeakerFactory(festival=festival, user=me)
        event = EventFactory(festival=festival, start=at(1, 9) - DAY * 10)
        past = [
            SessionFactory(
                event=event,
                title=f"S{number}-{state}",
                start=at(1, 9) - DAY * (index + 1),
                end=at(1, 10) - DAY * (index + 1),
                speakers=[speaker],
            )
            for index, state in enumerate(("to-write", "draft", "published"))
        ]
        WriteUpFactory(session=past[1], author=me)
        WriteUpFactory(session=past[2], author=me, status=WriteUpStatus.PUBLISHED)
        SessionFactory(event=event, title=f"S{number}-coming", speakers=[speaker])
    client.force_login(me)

    # The user (the login session comes from the cache); bookings; the calendar link and
    # reminder settings; speaker profiles with their festivals; their sessions; my write-ups.
    with django_assert_num_queries(6):
        response = client.get(MY_PROGRAMME)

    assert len(texts(response, "li.my-speaking-session")) == 4 * count
    assert len(texts(response, ".writeup-draft")) == count
