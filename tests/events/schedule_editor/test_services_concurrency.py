"""Organisers moving sessions at the same moment: real threads, real PostgreSQL, real row
locks. Never two sessions in one room at one time, never a move lost silently."""

import pytest

from events.importing import import_programme
from events.models import Session
from events.schedule_editor.selectors import published_row
from events.schedule_editor.services import (
    EditConflict,
    EditRefused,
    moved,
    save_session_edit,
    version_of,
)
from tests.concurrency import run_at_once


def move_to_the_garden_at_two(setting, ref: str):
    session = Session.objects.select_related("festival", "event", "room").get(ref=ref)
    row = published_row(session)

    def act():
        save_session_edit(
            festival=setting.festival,
            session=session,
            row=moved(row, room="Garden", date="2027-07-05", start="14:00", end="15:00"),
            started_from=version_of(session, None),
            by=setting.organiser,
            publish=True,
        )

    return act


@pytest.mark.django_db(transaction=True)
def test_six_sessions_moved_into_one_slot_at_once_only_one_gets_it(
    postgresql_only, import_setting, programme_csv
):
    rows = [{"start": f"{9 + number}:00", "end": f"{9 + number}:45"} for number in range(6)]
    import_programme(festival=import_setting.festival, content=programme_csv(*rows))

    failures = run_at_once(
        [move_to_the_garden_at_two(import_setting, f"S{number:02d}") for number in range(1, 7)]
    )

    in_the_garden = list(Session.objects.filter(room__name="Garden").values_list("ref", "sequence"))
    assert len(in_the_garden) == 1
    assert in_the_garden[0][1] == 1
    assert len(failures) == 5
    assert {type(failure) for failure in failures} == {EditRefused}
    assert all("Garden is double-booked" in failure.problems[0] for failure in failures)


@pytest.mark.django_db(transaction=True)
def test_two_organisers_moving_one_session_at_once_one_is_told_it_changed(
    postgresql_only, import_setting, programme_csv
):
    import_programme(festival=import_setting.festival, content=programme_csv({}))
    session = Session.objects.select_related("festival", "event", "room").get(ref="S01")
    row = published_row(session)

    def move_to(room):
        def act():
            save_session_edit(
                festival=import_setting.festival,
                session=session,
                row=row | {"room": room},
                started_from=version_of(session, None),
                by=import_setting.organiser,
                publish=True,
            )

        return act

    failures = run_at_once([move_to("Garden"), move_to("Studio")])

    assert [type(failure) for failure in failures] == [EditConflict]
    session.refresh_from_db()
    assert session.sequence == 1
    assert session.room.name in {"Garden", "Studio"}
