from datetime import datetime

import pytest

from events.models import Session
from events.programme.rules import room_clashes
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
