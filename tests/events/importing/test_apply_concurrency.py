"""Two imports into one festival at the same moment, on PostgreSQL's real row locks."""

import threading
from datetime import datetime

import pytest
from django.db import connection

from events.importing import (
    ImportRejected,
    ProgrammeChangedSincePreview,
    apply_import,
    plan_import,
)
from events.models import Session
from tests.factories import LONDON

pytestmark = pytest.mark.django_db(transaction=True)


def programme_now(festival) -> list[tuple[str, str, str, datetime]]:
    return list(
        Session.objects.filter(festival=festival)
        .order_by("ref", "pk")
        .values_list("ref", "title", "room__name", "start")
    )


def at(hour: int) -> datetime:
    return datetime(2027, 7, 5, hour, 0, tzinfo=LONDON)


def test_two_imports_at_once_leave_exactly_one_of_the_two_programmes(
    postgresql_only, import_setting, programme_csv
):
    festival = import_setting.festival
    files = {
        "first": programme_csv(
            {"title": "First A"},
            {"title": "First B", "room": "Studio"},
        ),
        "second": programme_csv(
            {"title": "Second A", "room": "Garden", "start": "12:00", "end": "13:00"},
            {"title": "Second B", "room": "Hall", "start": "14:00", "end": "15:00"},
        ),
    }
    expected = {
        "first": [("S01", "First A", "Hall", at(10)), ("S02", "First B", "Studio", at(10))],
        "second": [("S01", "Second A", "Garden", at(12)), ("S02", "Second B", "Hall", at(14))],
    }
    # Both check their file against the empty programme before either writes.
    both_checked = threading.Barrier(2, timeout=10)
    outcomes: dict[str, str] = {}

    def import_file(name: str) -> None:
        try:
            plan = plan_import(festival=festival, content=files[name])
            both_checked.wait()
            apply_import(plan=plan)
            outcomes[name] = "imported"
        except (ProgrammeChangedSincePreview, ImportRejected) as refused:
            outcomes[name] = type(refused).__name__
        except Exception as error:  # reported by the assertion on the outcomes
            outcomes[name] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=import_file, args=(name,)) for name in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [thread.is_alive() for thread in threads] == [False, False]
    # The festival row lock queues the second import; it finds the first one's sessions, so
    # its plan no longer holds and it writes nothing.
    assert sorted(outcomes.values()) == ["ProgrammeChangedSincePreview", "imported"]
    [winner] = [name for name, outcome in outcomes.items() if outcome == "imported"]
    assert programme_now(festival) == expected[winner]
