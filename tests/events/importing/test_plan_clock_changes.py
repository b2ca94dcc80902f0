"""The import on the two Sundays a year when the clocks change in Europe/London (2027)."""

from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.importing import plan_import
from events.models import Session
from tests.factories import LONDON, EventFactory, FestivalFactory, RoomFactory, VenueFactory

pytestmark = pytest.mark.django_db

SPRING_FORWARD = "2027-03-28"  # 01:00 GMT -> 02:00 BST: 01:00 to 01:59 never happen.
FALL_BACK = "2027-10-31"  # 02:00 BST -> 01:00 GMT: 01:00 to 01:59 happen twice.


@pytest.fixture
def festival():
    festival = FestivalFactory(
        name="Clock Festival",
        slug="clocks",
        start_date=date(2027, 3, 27),
        end_date=date(2027, 11, 1),
    )
    venue = VenueFactory(name="Town Hall")
    RoomFactory(venue=venue, name="Hall", position=1)
    EventFactory(
        festival=festival,
        venue=venue,
        title="Night programme",
        slug="main",
        start=datetime(2027, 3, 27, 20, 0, tzinfo=LONDON),
        end=datetime(2027, 11, 1, 6, 0, tzinfo=LONDON),
    )
    return festival


def utc(day: int, hour: int, minute: int) -> datetime:
    return datetime(2027, 10, day, hour, minute, tzinfo=UTC)


def run(*args: str) -> str:
    stdout = StringIO()
    call_command("import_programme", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "programme.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_plan_import_rejects_times_the_clocks_skip(festival, programme_csv):
    text = programme_csv(
        {"date": SPRING_FORWARD, "start": "01:30", "end": "02:15"},
        {"date": SPRING_FORWARD, "start": "00:30", "end": "01:15"},
        {"date": SPRING_FORWARD, "start": "01:15", "end": "01:45"},
    )

    plan = plan_import(festival=festival, content=text)

    skipped = "does not exist on Sun 28 Mar 2027 in Europe/London: the clocks go forward from "
    assert [str(error) for error in plan.errors] == [
        f"Line 2: 01:30 {skipped}01:00 to 02:00.",
        f"Line 3: 01:15 {skipped}01:00 to 02:00.",
        f"Line 4: 01:15 {skipped}01:00 to 02:00.",
        f"Line 4: 01:45 {skipped}01:00 to 02:00.",
    ]
    assert plan.sessions == []


def test_plan_import_places_times_either_side_of_the_skipped_hour(festival, programme_csv):
    # 02:00 BST is the instant the clocks leave 00:59 GMT: the first session lasts 45 minutes.
    text = programme_csv(
        {"date": SPRING_FORWARD, "start": "00:15", "end": "02:00"},
        {"date": SPRING_FORWARD, "start": "02:00", "end": "02:45"},
    )

    plan = plan_import(festival=festival, content=text)

    assert (plan.errors, plan.warnings) == ([], [])
    assert [(row.start, row.end) for row in plan.sessions] == [
        (datetime(2027, 3, 28, 0, 15, tzinfo=UTC), datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),
        (datetime(2027, 3, 28, 1, 0, tzinfo=UTC), datetime(2027, 3, 28, 1, 45, tzinfo=UTC)),
    ]


def test_command_rejects_a_skipped_time_and_writes_nothing(festival, programme_csv, tmp_path):
    path = write(
        tmp_path, programme_csv({"date": SPRING_FORWARD, "start": "01:30", "end": "02:15"})
    )

    with pytest.raises(CommandError) as dry_run:
        run("clocks", path, "--dry-run")
    with pytest.raises(CommandError) as real:
        run("clocks", path)

    message = (
        f"Nothing was imported: {path} has 1 problem.\n"
        "Line 2: 01:30 does not exist on Sun 28 Mar 2027 in Europe/London: the clocks go forward "
        "from 01:00 to 02:00."
    )
    assert (str(dry_run.value), str(real.value)) == (message, message)
    assert Session.objects.count() == 0


def test_plan_import_takes_a_repeated_time_as_the_first_and_warns(festival, programme_csv):
    text = programme_csv(
        {"date": FALL_BACK, "start": "01:30", "end": "02:00"},
        {"date": FALL_BACK, "start": "00:30", "end": "01:00", "room": "Hall", "ref": "EARLY"},
    )

    plan = plan_import(festival=festival, content=text)

    assert plan.errors == []
    assert [str(warning) for warning in plan.warnings] == [
        "Line 2: 01:30 happens twice on Sun 31 Oct 2027 in Europe/London; taken as the first, "
        "01:30 BST.",
        "Line 3: 01:00 happens twice on Sun 31 Oct 2027 in Europe/London; taken as the first, "
        "01:00 BST.",
    ]
    assert [(row.ref, row.start, row.end) for row in plan.sessions] == [
        ("S01", utc(31, 0, 30), utc(31, 2, 0)),
        ("EARLY", utc(30, 23, 30), utc(31, 0, 0)),
    ]


def test_command_imports_a_repeated_time_and_says_which_it_took(festival, programme_csv, tmp_path):
    path = write(tmp_path, programme_csv({"date": FALL_BACK, "start": "01:30", "end": "02:00"}))

    stdout = run("clocks", path)

    assert stdout == (
        "Programme import for Clock Festival (times in Europe/London).\n"
        "1 row: 1 added, 0 changed, 0 unchanged; 0 to cancel; 0 missing from the file "
        "(left alone).\n"
        "\n"
        "Added (1):\n"
        "  line 2, S01 “Session 1”, Sun 31 Oct 01:30 BST–02:00 GMT, Hall\n"
        "\n"
        "Warnings (1):\n"
        "  Line 2: 01:30 happens twice on Sun 31 Oct 2027 in Europe/London; taken as the first, "
        "01:30 BST.\n"
        "Imported: 1 added, 0 changed, 0 unchanged; 0 schedule changes recorded.\n"
    )
    assert list(Session.objects.values_list("start", "end")) == [
        (datetime(2027, 10, 31, 0, 30, tzinfo=UTC), datetime(2027, 10, 31, 2, 0, tzinfo=UTC))
    ]
