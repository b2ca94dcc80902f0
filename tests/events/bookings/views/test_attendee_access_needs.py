"""Access needs as a person saves them once on /me/, and as each booking uses them."""

from datetime import datetime

import pytest
import time_machine

from events.bookings.services import book_place
from events.models import Attendance
from tests.factories import LONDON, SessionFactory, UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db

MY_NEEDS = "/me/access-needs/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime(2027, 7, 1, 12, tzinfo=LONDON), tick=False):
        yield


def test_my_needs_are_tick_boxes_and_words_saved_once_and_used_by_every_booking(client):
    me = UserFactory()
    client.force_login(me)
    talk, walk = SessionFactory(title="Talk"), SessionFactory(title="Walk")
    book_place(user=me, session=talk)

    response = client.post(
        MY_NEEDS,
        {"my-needs-codes": ["step-free", "captions"], "my-needs-note": "I bring a dog."},
        follow=True,
    )
    book_place(user=me, session=walk)

    assert response.redirect_chain == [("/me/#access-needs", 302)]
    assert texts(response, "p.message-success") == [
        "Access needs saved. Every booking uses them unless you change them for one; only the "
        "organisers of the festivals you book see them."
    ]
    me.refresh_from_db()
    assert (me.access_need_codes, me.access_needs_note) == (
        ["step-free", "captions"],
        "I bring a dog.",
    )
    bookings = Attendance.objects.select_related("user").order_by("session__title")
    assert [booking.needs for booking in bookings] == [
        (["step-free", "captions"], "I bring a dog."),
        (["step-free", "captions"], "I bring a dog."),
    ]
    page = client.get("/me/").content.decode()
    assert 'id="id_my-needs-codes_0" checked' in page
    assert '<label for="id_my-needs-codes_0">' in page


def test_needs_changed_for_one_booking_stay_its_own_until_it_follows_mine_again(client):
    me = UserFactory(access_need_codes=["step-free"])
    client.force_login(me)
    booking = book_place(user=me, session=SessionFactory(title="Talk")).attendance
    url = f"/me/bookings/{booking.pk}/access-needs/"
    prefix = f"booking-{booking.pk}"

    client.post(url, {f"{prefix}-codes": ["bsl"], f"{prefix}-note": ""})
    client.post(MY_NEEDS, {"my-needs-codes": ["quiet-space"], "my-needs-note": ""})
    booking.refresh_from_db()
    own = booking.needs
    response = client.post(url, {"action": "follow"}, follow=True)
    booking.refresh_from_db()

    assert own == (["bsl"], "")
    assert texts(response, "p.message-success")[-1:] == [
        "“Talk” now uses the access needs you saved for everything."
    ]
    assert (booking.access_need_codes, booking.needs) == (None, (["quiet-space"], ""))


def test_an_unknown_need_is_refused_and_nothing_saved(client):
    me = UserFactory()
    client.force_login(me)

    response = client.post(MY_NEEDS, {"my-needs-codes": ["teleport"], "my-needs-note": ""})

    assert response.status_code == 200
    assert texts(response, "p.message-error") == ["Your access needs were not saved: see below."]
    me.refresh_from_db()
    assert me.access_need_codes == []


def test_saving_my_needs_takes_a_login_and_a_post(client):
    anonymous = client.post(MY_NEEDS, {"my-needs-codes": ["bsl"]})
    client.force_login(UserFactory())

    assert (anonymous.status_code, anonymous["Location"]) == (302, "/accounts/login/?next=/me/")
    assert client.get(MY_NEEDS).status_code == 405


def test_a_booking_whose_session_is_over_takes_no_new_needs(client):
    me = UserFactory()
    client.force_login(me)
    booking = book_place(user=me, session=SessionFactory(title="Talk")).attendance
    prefix = f"booking-{booking.pk}"

    with time_machine.travel(booking.session.end, tick=False):
        client.force_login(me)
        response = client.post(
            f"/me/bookings/{booking.pk}/access-needs/",
            {f"{prefix}-codes": ["bogus"], f"{prefix}-note": "late"},
            follow=True,
        )

    booking.refresh_from_db()
    assert response.redirect_chain == [("/me/", 302)]
    assert texts(response, "p.message-error") == [
        "“Talk” is over, so its access needs can no longer change."
    ]
    assert (booking.access_need_codes, booking.access_needs) == (None, "")
