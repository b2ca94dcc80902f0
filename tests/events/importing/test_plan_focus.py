"""A plan focused on its rows (events/importing/plan.py, `focus_on_rows`): what an edit of a
few sessions is checked against. It must find every clash a full plan finds, and load less."""

import pytest

from events.importing import import_programme, plan_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(import_setting, programme_csv):
    """Mon 5 July: S01 Hall 10-11, S02 Studio 10-11 (Mel), S03 Garden 12-13; Tue 6 July: S04
    Hall 10-11 titled "Closing circle"."""
    import_programme(
        festival=import_setting.festival,
        content=programme_csv(
            {},
            {"room": "Studio", "speakers": "Mel Parks <mel@example.org>"},
            {"room": "Garden", "start": "12:00", "end": "13:00"},
            {"date": "2027-07-06", "title": "Closing circle"},
        ),
    )
    return import_setting


def test_a_focused_plan_finds_the_room_clash_and_the_speaker_warning_a_full_plan_finds(
    programme, programme_csv
):
    row = {
        "ref": "S03",
        "room": "Hall",
        "start": "10:30",
        "end": "11:30",
        "speakers": "Mel Parks <mel@example.org>",
    }
    focused = plan_import(
        festival=programme.festival, content=programme_csv(row), focus_on_rows=True
    )
    full = plan_import(festival=programme.festival, content=programme_csv(row))

    assert [str(problem) for problem in focused.errors] == [str(problem) for problem in full.errors]
    assert [str(problem) for problem in focused.warnings] == [
        str(problem) for problem in full.warnings
    ]
    assert len(focused.errors) == 1 and "Hall is double-booked" in focused.errors[0].message
    assert len(focused.warnings) == 1 and "Mel Parks" in focused.warnings[0].message
    assert sorted(session.ref for session in focused.state.sessions) == ["S01", "S02", "S03"]


def test_a_focused_plan_leaves_other_days_unloaded_but_keeps_their_slugs(programme, programme_csv):
    row = {"ref": "NEW", "date": "2027-07-05", "start": "15:00", "end": "16:00",
           "title": "Closing circle"}  # fmt: skip

    plan = plan_import(festival=programme.festival, content=programme_csv(row), focus_on_rows=True)

    assert plan.errors == []
    assert sorted(session.ref for session in plan.state.sessions) == ["S01"]
    assert [session_plan.slug for session_plan in plan.sessions] == ["closing-circle-2"]
    assert plan.had_sessions
