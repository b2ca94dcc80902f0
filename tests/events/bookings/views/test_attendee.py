import re
from dataclasses import dataclass
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.bookings.services import book_place
from events.enums import AttendanceStatus, SessionStatus
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
)
from tests.html import texts
from tests.outbox import send_owed

BEFORE_THE_FESTIVAL = datetime(2027, 7, 1, 12, tzinfo=LONDON)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def before_the_festival():
    with time_machine.travel(BEFORE_THE_FESTIVAL, tick=False):
        yield


@dataclass(frozen=True)
class Setting:
    """Mon 5 July 2027 at the Museum: a talk of 3 places in the Hall at 10:00, a workshop of
    12 in the Studio at 10:30 (they overlap), a drop-in on Tuesday and a cancelled session."""

    festival: Festival
    talk: Session
    workshop: Session
    drop_in: Session
    cancelled: Session
    me: User


@pytest.fixture
def setting() -> Setting:
    festival = FestivalFactory(name="Not Another Co-production Festival", slug="nacpf")
    venue = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(festival=festival, venue=venue, start=at(5, 9), end=at(6, 18))
    hall = RoomFactory(venue=venue, name="Hall", position=1)
    studio = RoomFactory(venue=venue, name="Studio", position=2)
    return Setting(
        festival=festival,
        talk=SessionFactory(
            event=event,
            title="What is co-production?",
            slug="what-is-co-production",
            start=at(5, 10),
            end=at(5, 11),
            room=hall,
            capacity=3,
        ),
        workshop=SessionFactory(
            event=event,
            title="Making a zine",
            slug="making-a-zine",
            start=at(5, 10, 30),
            end=at(5, 11, 30),
            room=studio,
            capacity=12,
        ),
        drop_in=SessionFactory(
            event=event,
            title="Closing circle",
            slug="closing-circle",
            start=at(6, 16),
            end=at(6, 17),
            room=hall,
            capacity=None,
        ),
        cancelled=SessionFactory(
            event=event,
            title="Garden walk",
            slug="garden-walk",
            start=at(5, 14),
            end=at(5, 15),
            room=studio,
            status=SessionStatus.CANCELLED,
        ),
        me=UserFactory(email="me@example.org", name="Linda Jones"),
    )


@pytest.fixture
def signed_in(client, setting) -> Client:
    client.force_login(setting.me)
    return client


def book_url(session: Session) -> str:
    return reverse(
        "session-book", kwargs={"festival": session.festival.slug, "session": session.slug}
    )


def cancel_url(session: Session) -> str:
    return reverse(
        "session-cancel", kwargs={"festival": session.festival.slug, "session": session.slug}
    )


def panel(response) -> list[str]:
    return texts(response, ".booking-panel")


def buttons(response) -> list[str]:
    return texts(response, ".booking-button")


def shown_messages(response) -> list[str]:
    return texts(response, "p.message")


def standing(session: Session) -> list[tuple[str, str, int | None]]:
    """Everyone's booking on a session: (email, status, position), in booking order."""
    return list(
        Attendance.objects.filter(session=session)
        .order_by("pk")
        .values_list("user__email", "status", "position")
    )


def fill(session: Session, *, going: int = 0, waiting: int = 0) -> None:
    """Book `going` people and then `waiting` more (the session's capacity decides which)."""
    for number in range(going + waiting):
        book_place(user=UserFactory(email=f"other{number}@example.org"), session=session)


# The panel, for each state of the session and of the visitor


@pytest.mark.django_db
def test_panel_asks_anonymous_visitors_to_log_in_or_sign_up_and_come_back(client, setting):
    url = setting.talk.get_absolute_url()

    response = client.get(url)

    assert panel(response) == ["Booking Log in or sign up to book a place. Log in to book Sign up"]
    assert buttons(response) == []
    html = response.content.decode()
    assert f'href="{reverse("login")}?next={url}">Log in to book</a>' in html
    assert f'href="{reverse("signup")}?next={url}">Sign up</a>' in html


@pytest.mark.django_db
def test_panel_of_a_drop_in_tells_anonymous_visitors_there_is_no_need_to_book(client, setting):
    response = client.get(setting.drop_in.get_absolute_url())

    assert panel(response) == [
        "Booking A drop-in session: no need to book. Log in to add it to your programme. "
        "Log in to add it Sign up"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("going", "waiting", "text", "button"),
    [
        (0, 0, "3 of 3 places left.", "Book a place"),
        (2, 0, "1 of 3 places left.", "Book a place"),
        (3, 0, "This session is full. Nobody is on the waitlist yet.", "Join the waitlist"),
        (3, 1, "This session is full. 1 person is waiting.", "Join the waitlist"),
        (3, 2, "This session is full. 2 people are waiting.", "Join the waitlist"),
    ],
)
def test_panel_offers_a_place_while_there_are_places_then_the_waitlist(
    signed_in, setting, going, waiting, text, button
):
    fill(setting.talk, going=going, waiting=waiting)

    response = signed_in.get(setting.talk.get_absolute_url())

    assert panel(response) == [f"Booking {text} {button}"]
    assert buttons(response) == [button]
    html = response.content.decode()
    assert f'<form method="post" class="booking-form" action="{book_url(setting.talk)}">' in html


@pytest.mark.django_db
def test_panel_offers_to_add_a_drop_in_to_my_programme(signed_in, setting):
    response = signed_in.get(setting.drop_in.get_absolute_url())

    assert panel(response) == [
        "Booking A drop-in session: no place needed, just come along. Add to my programme"
    ]


@pytest.mark.django_db
def test_panel_says_you_have_a_place_and_offers_to_cancel_it(signed_in, setting):
    book_place(user=setting.me, session=setting.talk)

    response = signed_in.get(setting.talk.get_absolute_url())

    assert panel(response) == ["Booking You have a place. Cancel my place See all of my programme"]
    assert buttons(response) == ["Cancel my place"]
    html = response.content.decode()
    assert (
        f'<a class="button booking-button button-secondary" href="{cancel_url(setting.talk)}">'
        in html
    )
    assert '<a href="/me/">See all of my programme</a>' in html


@pytest.mark.django_db
def test_cancelling_a_place_asks_first_saying_it_goes_to_the_waitlist(signed_in, setting):
    book_place(user=setting.me, session=setting.talk)

    asked = signed_in.get(cancel_url(setting.talk))
    cancelled = signed_in.post(cancel_url(setting.talk), {"next": "/me/"})

    assert texts(asked, "h1") == [f"Cancel your place on “{setting.talk.title}”?"]
    assert texts(asked, ".confirm-consequence") == [
        "Your place goes straight to the next person on the waitlist, or back on offer. If you "
        "change your mind, the session may be full by then."
    ]
    assert texts(asked, "form.confirm-form") == ["Cancel my place No, keep it"]
    assert (cancelled.status_code, cancelled["Location"]) == (302, "/me/")
    assert Attendance.objects.get().status == Attendance.Status.CANCELLED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["attendee", "speaker", "other-festivals-organiser", "organiser", "staff"]
)
def test_the_cancel_page_asks_anyone_with_a_place_and_changes_nothing(client, setting, role):
    person = UserFactory(is_staff=role == "staff")
    if role == "organiser":
        setting.talk.festival.organisers.add(person)
    if role == "other-festivals-organiser":
        FestivalFactory(slug="other", organisers=[person])
    if role == "speaker":
        setting.talk.speakers.add(SpeakerFactory(festival=setting.talk.festival, user=person))
    book_place(user=person, session=setting.talk)
    client.force_login(person)

    asked = client.get(cancel_url(setting.talk))

    assert (asked.status_code, texts(asked, "h1")) == (
        200,
        [f"Cancel your place on “{setting.talk.title}”?"],
    )
    assert Attendance.objects.get(user=person).status == Attendance.Status.GOING


@pytest.mark.django_db
def test_the_cancel_page_changes_nothing_and_sends_back_who_holds_nothing(signed_in, setting):
    asked = signed_in.get(cancel_url(setting.talk) + "?next=https://evil.example/")

    assert (asked.status_code, asked["Location"]) == (302, setting.talk.get_absolute_url())
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_the_cancel_page_sends_anonymous_visitors_to_log_in(client, setting):
    asked = client.get(cancel_url(setting.talk))

    assert (asked.status_code, asked["Location"]) == (
        302,
        f"{reverse('login')}?next={cancel_url(setting.talk)}",
    )


@pytest.mark.django_db
def test_panel_says_a_drop_in_is_in_my_programme_and_offers_to_remove_it(signed_in, setting):
    book_place(user=setting.me, session=setting.drop_in)

    response = signed_in.get(setting.drop_in.get_absolute_url())

    assert panel(response) == [
        "Booking This drop-in session is in your programme. Remove from my programme "
        "See all of my programme"
    ]


@pytest.mark.django_db
def test_panel_gives_my_place_on_the_waitlist(signed_in, setting):
    fill(setting.talk, going=3, waiting=1)
    book_place(user=setting.me, session=setting.talk)

    response = signed_in.get(setting.talk.get_absolute_url())

    assert panel(response) == [
        "Booking You are number 2 on the waitlist. Leave the waitlist See all of my programme"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "signed in"])
def test_panel_of_a_cancelled_session_is_a_plain_notice(client, setting, who):
    if who == "signed in":
        client.force_login(setting.me)

    response = client.get(setting.cancelled.get_absolute_url())

    assert panel(response) == ["Booking This session has been cancelled, so it cannot be booked."]
    assert buttons(response) == []
    assert texts(response, "a.booking-link") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "booked", "text"),
    [
        (at(5, 10, 15), False, "This session has started, so it can no longer be booked."),
        (
            at(5, 10, 15),
            True,
            "You have a place. This session has started, so it can no longer be booked.",
        ),
    ],
)
def test_panel_of_a_session_under_way_offers_no_booking(signed_in, setting, now, booked, text):
    if booked:
        book_place(user=setting.me, session=setting.talk)

    with time_machine.travel(now, tick=False):
        response = signed_in.get(setting.talk.get_absolute_url())

    assert panel(response) == [f"Booking {text}"]
    assert buttons(response) == []


# Booking and cancelling


@pytest.mark.django_db
def test_booking_gives_a_place_and_says_a_confirmation_is_on_its_way(
    signed_in, setting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(book_url(setting.talk), follow=True)

    assert response.redirect_chain == [(setting.talk.get_absolute_url(), 302)]
    assert shown_messages(response) == [
        "Your place is booked. A confirmation is on its way to me@example.org."
    ]
    assert panel(response) == ["Booking You have a place. Cancel my place See all of my programme"]
    assert standing(setting.talk) == [("me@example.org", AttendanceStatus.GOING, None)]
    [sent] = mail.outbox
    assert (sent.to, sent.subject) == (
        ["me@example.org"],
        "Your place is booked: What is co-production?",
    )
    assert "When:  Mon 5 July 2027, 10:00–11:00 BST\n" in sent.body
    assert "Where: Hall, Museum of Science and Industry, Liverpool Road" in sent.body


@pytest.mark.django_db
def test_booking_a_full_session_joins_the_waitlist_and_gives_my_number(signed_in, setting):
    fill(setting.talk, going=3, waiting=2)

    response = signed_in.post(book_url(setting.talk), follow=True)

    assert shown_messages(response) == [
        "The session is full: you are number 3 on the waitlist. "
        "We will email you if a place comes up."
    ]
    assert standing(setting.talk)[-1] == ("me@example.org", AttendanceStatus.WAITLISTED, 3)
    assert panel(response) == [
        "Booking You are number 3 on the waitlist. Leave the waitlist See all of my programme"
    ]


@pytest.mark.django_db
def test_adding_a_drop_in_puts_it_in_my_programme(signed_in, setting):
    response = signed_in.post(book_url(setting.drop_in), follow=True)

    assert shown_messages(response) == [
        "“Closing circle” is in your programme: it is a drop-in, so no place is needed. "
        "A confirmation is on its way to me@example.org."
    ]
    assert standing(setting.drop_in) == [("me@example.org", AttendanceStatus.GOING, None)]


@pytest.mark.django_db
def test_cancelling_my_place_gives_it_up(signed_in, setting):
    book_place(user=setting.me, session=setting.talk)

    response = signed_in.post(cancel_url(setting.talk), follow=True)

    assert response.redirect_chain == [(setting.talk.get_absolute_url(), 302)]
    assert shown_messages(response) == [
        "Your place on “What is co-production?” is cancelled. "
        "Thank you for letting someone else have it."
    ]
    assert standing(setting.talk) == [("me@example.org", AttendanceStatus.CANCELLED, None)]
    assert panel(response) == ["Booking 3 of 3 places left. Book a place"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("session_name", "message"),
    [
        ("drop_in", "“Closing circle” is no longer in your programme."),
        ("talk", "You have left the waitlist for “What is co-production?”."),
    ],
)
def test_leaving_a_waitlist_or_a_drop_in_says_so(signed_in, setting, session_name, message):
    session = getattr(setting, session_name)
    if session.capacity:
        fill(session, going=3)
    book_place(user=setting.me, session=session)

    response = signed_in.post(cancel_url(session), follow=True)

    assert shown_messages(response) == [message]
    assert standing(session)[-1] == ("me@example.org", AttendanceStatus.CANCELLED, None)


@pytest.mark.django_db
def test_cancelling_a_place_gives_it_to_the_first_on_the_waitlist_by_email(
    client, setting, django_capture_on_commit_callbacks
):
    session = setting.talk
    Session.objects.filter(pk=session.pk).update(capacity=1)
    session.refresh_from_db()
    book_place(user=setting.me, session=session)
    book_place(user=UserFactory(email="first@example.org", name="Ada Byron"), session=session)
    book_place(user=UserFactory(email="second@example.org"), session=session)
    send_owed()
    client.force_login(setting.me)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(session))

    assert standing(session) == [
        ("me@example.org", AttendanceStatus.CANCELLED, None),
        ("first@example.org", AttendanceStatus.GOING, None),
        ("second@example.org", AttendanceStatus.WAITLISTED, 1),
    ]
    [sent] = mail.outbox
    assert (sent.to, sent.subject) == (
        ["first@example.org"],
        "A place has come up for you: What is co-production?",
    )
    assert sent.body.startswith("Hello Ada,\n\nGood news: a place has come up and it is yours.")
    assert "When:  Mon 5 July 2027, 10:00–11:00 BST\n" in sent.body
    assert "Where: Hall, Museum of Science and Industry, Liverpool Road" in sent.body


# Bad input: a clear message, and nothing written


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("session_name", "now", "message"),
    [
        (
            "cancelled",
            BEFORE_THE_FESTIVAL,
            "This session has been cancelled, so it cannot be booked.",
        ),
        (
            "talk",
            at(5, 10, 5),
            "This session has already started, so it can no longer be booked.",
        ),
        ("talk", at(6, 9), "This session has already started, so it can no longer be booked."),
    ],
)
def test_booking_a_cancelled_or_past_session_is_refused(
    signed_in, setting, django_capture_on_commit_callbacks, session_name, now, message
):
    session = getattr(setting, session_name)

    with (
        time_machine.travel(now, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = signed_in.post(book_url(session), follow=True)

    assert response.redirect_chain == [(session.get_absolute_url(), 302)]
    assert texts(response, "p.message-error") == [message]
    assert Attendance.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_booking_twice_is_refused_and_keeps_the_one_booking(
    signed_in, setting, django_capture_on_commit_callbacks
):
    book_place(user=setting.me, session=setting.talk)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(book_url(setting.talk), follow=True)

    assert texts(response, "p.message-error") == ["You already have a place on this session."]
    assert standing(setting.talk) == [("me@example.org", AttendanceStatus.GOING, None)]
    assert mail.outbox == []


@pytest.mark.django_db
def test_cancelling_what_i_do_not_hold_is_refused(signed_in, setting):
    fill(setting.talk, going=1)

    response = signed_in.post(cancel_url(setting.talk), follow=True)

    assert texts(response, "p.message-error") == [
        "You have no place or waitlist spot on this session to cancel."
    ]
    assert standing(setting.talk) == [("other0@example.org", AttendanceStatus.GOING, None)]


@pytest.mark.django_db
def test_booking_an_overlapping_session_warns_but_books(signed_in, setting):
    book_place(user=setting.me, session=setting.talk)

    response = signed_in.post(book_url(setting.workshop), follow=True)

    assert texts(response, "p.message-success") == [
        "Your place is booked. A confirmation is on its way to me@example.org."
    ]
    assert texts(response, "p.message-warning") == [
        "This overlaps with “What is co-production?” (Mon 10:00–11:00), which you have also booked."
    ]
    assert standing(setting.workshop) == [("me@example.org", AttendanceStatus.GOING, None)]


@pytest.mark.django_db
@pytest.mark.parametrize("action", [book_url, cancel_url])
def test_anonymous_posts_go_to_log_in_and_back_to_the_session(client, setting, action):
    response = client.post(action(setting.talk))

    next_page = setting.talk.get_absolute_url()
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('login')}?next={next_page}",
    )
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_booking_answers_get_with_405_and_changes_nothing(signed_in, setting):
    response = signed_in.get(book_url(setting.talk))

    assert (response.status_code, response["Allow"]) == (405, "POST")
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("action", [book_url, cancel_url])
def test_actions_on_a_session_of_another_festival_are_404(signed_in, setting, action):
    FestivalFactory(name="Other", slug="other")
    url = action(setting.talk).replace("/nacpf/", "/other/")

    response = signed_in.post(url)

    assert response.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_booking_a_session_of_an_unpublished_festival_is_404(signed_in, setting):
    Festival.objects.filter(pk=setting.festival.pk).update(is_published=False)

    response = signed_in.post(book_url(setting.talk))

    assert response.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_booking_without_a_csrf_token_is_forbidden(setting):
    client = Client(enforce_csrf_checks=True)
    client.force_login(setting.me)

    refused = client.post(book_url(setting.talk))
    page = client.get(setting.talk.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    booked = client.post(book_url(setting.talk), {"csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert booked.status_code == 302
    assert standing(setting.talk) == [("me@example.org", AttendanceStatus.GOING, None)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_page", "lands_on"),
    [
        ("/me/", "/me/"),
        ("https://evil.example/", None),
        ("//evil.example/me/", None),
        ("javascript:alert(1)", None),
    ],
)
def test_cancel_goes_back_only_to_a_page_of_this_site(signed_in, setting, next_page, lands_on):
    book_place(user=setting.me, session=setting.talk)

    response = signed_in.post(cancel_url(setting.talk), {"next": next_page})

    assert response["Location"] == (lands_on or setting.talk.get_absolute_url())
    assert standing(setting.talk) == [("me@example.org", AttendanceStatus.CANCELLED, None)]


# Query counts


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_session_page_queries_do_not_grow_with_its_attendees(
    signed_in, setting, django_assert_num_queries, count
):
    fill(setting.workshop, going=count)
    book_place(user=setting.me, session=setting.workshop)
    url = setting.workshop.get_absolute_url()

    # A first visit of this version of the page. The user (the login session comes from the
    # cache); the festival, with whether the visitor organises it; the session's own row and
    # the write-ups' stamp (the page's version); then the page: the session with its event,
    # room and venue; speakers; themes; changes; the festival's own access provisions; its
    # write-ups; and the visitor's booking panel: the counts and their own booking, in one.
    with django_assert_num_queries(11):
        response = signed_in.get(url)

    assert panel(response) == ["Booking You have a place. Cancel my place See all of my programme"]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_booking_queries_do_not_grow_with_its_attendees(
    signed_in, setting, django_assert_num_queries, count
):
    fill(setting.workshop, going=count)
    url = book_url(setting.workshop)

    # The festival; the session; the user (the login session comes from the cache); then
    # book_place's nine (its transaction a savepoint here): the reminders choice, the lock, the
    # counts and the visitor's own row in one, the row, its reminders, its outbox row, the
    # overlaps. The message is a cookie: the login session is not written.
    with django_assert_num_queries(12):
        response = signed_in.post(url)

    assert response["Location"] == setting.workshop.get_absolute_url()
    assert standing(setting.workshop)[-1] == ("me@example.org", AttendanceStatus.GOING, None)
