"""The programme rules (events/programme/rules.py): taken identifiers and room clashes."""

from datetime import datetime

import pytest

from events.models import Session
from events.programme.rules import room_clashes, taken_identifiers
from tests.factories import LONDON, SessionFactory

DASH = "\N{EN DASH}"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 7, 5, hour, minute, tzinfo=LONDON)


@pytest.mark.django_db
def test_room_clashes_are_told_in_programme_order():
    late = SessionFactory(title="Late lunch", start=at(12), end=at(13))
    room, event = late.room, late.event
    SessionFactory(event=event, room=room, title="Coffee", start=at(10), end=at(11))
    SessionFactory(event=event, room=room, title="Brunch", start=at(11), end=at(12))
    all_morning = Session(title="All morning", start=at(9), end=at(14), room=room, event=event)

    problems = room_clashes(festival=late.festival, sessions=[all_morning], changed=[all_morning])

    assert problems == [
        ("room", f"{room} is already booked for “{title}” (Mon 5 Jul 2027, {span} BST).")
        for title, span in (
            ("Coffee", f"10:00{DASH}11:00"),
            ("Brunch", f"11:00{DASH}12:00"),
            ("Late lunch", f"12:00{DASH}13:00"),
        )
    ]


@pytest.mark.django_db
def test_taken_identifiers_look_at_one_festival_and_let_refs_be_blank(session):
    SessionFactory(event=session.event, slug="lunch", ref="")
    SessionFactory(slug="elsewhere", ref="X1")  # another festival's
    lunch_again = Session(title="Lunch again", slug="lunch", ref="X1")
    blank = Session(title="Blank ref", slug="blank-ref", ref="")

    problems = taken_identifiers(
        festival=session.festival, sessions=[lunch_again, blank], changed=[lunch_again, blank]
    )

    assert problems == [("slug", "Another session at this festival has the slug “lunch”.")]


@pytest.mark.django_db
def test_room_clashes_leave_out_cancelled_sessions(session):
    SessionFactory(
        event=session.event,
        room=session.room,
        title="Called off",
        start=datetime(2027, 7, 5, 10, 30, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 11, 30, tzinfo=LONDON),
        status=Session.Status.CANCELLED,
    )
    SessionFactory(
        event=session.event,
        room=session.room,
        title="Lunch",
        start=datetime(2027, 7, 5, 11, 30, tzinfo=LONDON),
        end=datetime(2027, 7, 5, 12, 30, tzinfo=LONDON),
    )
    session.end = datetime(2027, 7, 5, 12, 0, tzinfo=LONDON)

    problems = room_clashes(festival=session.festival, sessions=[session], changed=[session])

    assert problems == [
        (
            "room",
            f"{session.room} is already booked for “Lunch” (Mon 5 Jul 2027, 11:30{DASH}12:30 BST).",
        )
    ]
