from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.enums import ChangeKind, SessionStatus
from events.models import ScheduleChange, Session
from festival.models import Speaker, Tag
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_programme", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def write_file(tmp_path: Path):
    def write(text: str, name: str = "programme.csv") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_command_imports_the_file_and_reports_what_it_added(
    import_setting, programme_csv, write_file
):
    path = write_file(
        programme_csv(
            {"title": "Opening circle", "speakers": "Mel Parks <mel@example.org>"},
            {"title": "Zine making", "room": "Studio", "themes": "Making"},
        )
    )

    stdout, stderr = run("nacpf", path)

    assert stdout == (
        "Programme import for Not Another Co-production Festival (times in Europe/London).\n"
        "2 rows: 2 added, 0 changed, 0 unchanged; 0 to cancel; 0 missing from the file "
        "(left alone).\n"
        "\n"
        "Added (2):\n"
        "  line 2, S01 “Opening circle”, Mon 5 Jul 10:00–11:00, Hall\n"
        "  line 3, S02 “Zine making”, Mon 5 Jul 10:00–11:00, Studio\n"
        "\n"
        "New speakers (1):\n"
        "  Mel Parks <mel@example.org>\n"
        "\n"
        "New themes (1):\n"
        "  Making\n"
        "Imported: 2 added, 0 changed, 0 unchanged; 0 schedule changes recorded.\n"
    )
    assert stderr == ""
    assert sorted(Session.objects.values_list("ref", "title")) == [
        ("S01", "Opening circle"),
        ("S02", "Zine making"),
    ]


def test_command_reports_what_a_reimport_changes(import_setting, programme_csv, write_file):
    rows = [{"title": "Opening circle"}, {"title": "Zine making", "room": "Studio"}]
    rows.append({"room": "Garden"})
    run("nacpf", write_file(programme_csv(*rows)))
    rows[0] = {"title": "Opening circle", "start": "11:30", "end": "12:30"}
    rows[1] = {"title": "Zine making", "room": "Garden"}
    # Cancelled, S03 frees the Garden for S02.
    rows[2] = {"room": "Garden", "status": "cancelled"}

    stdout, _stderr = run("nacpf", write_file(programme_csv(*rows)))

    assert stdout == (
        "Programme import for Not Another Co-production Festival (times in Europe/London).\n"
        "3 rows: 0 added, 3 changed, 0 unchanged; 1 to cancel; 0 missing from the file "
        "(left alone).\n"
        "\n"
        "Changed (3):\n"
        "  line 2, S01 “Opening circle”: moved 10:00–11:00 → 11:30–12:30\n"
        "  line 3, S02 “Zine making”: room Studio → Garden\n"
        "  line 4, S03 “Session 3”: cancelled\n"
        "\n"
        "To cancel (1):\n"
        "  line 4, S03 “Session 3”, Mon 5 Jul 10:00–11:00, Garden\n"
        "Imported: 0 added, 3 changed, 0 unchanged; 3 schedule changes recorded.\n"
    )
    assert sorted(ScheduleChange.objects.values_list("session__ref", "kind")) == [
        ("S01", ChangeKind.MOVED),
        ("S02", ChangeKind.ROOM),
        ("S03", ChangeKind.CANCELLED),
    ]


def test_command_dry_run_reports_and_writes_nothing(import_setting, programme_csv, write_file):
    SessionFactory(event=import_setting.event, room=import_setting.garden, ref="OLD", title="Old")
    path = write_file(programme_csv({"speakers": "Mel Parks <mel@example.org>", "themes": "X"}))

    stdout, _stderr = run("nacpf", path, "--dry-run", "--cancel-missing")

    assert stdout == (
        "Programme import for Not Another Co-production Festival (times in Europe/London).\n"
        "1 row: 1 added, 0 changed, 0 unchanged; 1 to cancel; 1 missing from the file "
        "(to cancel).\n"
        "\n"
        "Added (1):\n"
        "  line 2, S01 “Session 1”, Mon 5 Jul 10:00–11:00, Hall\n"
        "\n"
        "To cancel (1):\n"
        "  OLD “Old”, Mon 5 Jul 10:00–11:00, Garden (not in the file)\n"
        "\n"
        "New speakers (1):\n"
        "  Mel Parks <mel@example.org>\n"
        "\n"
        "New themes (1):\n"
        "  X\n"
        "\n"
        "Dry run: nothing was written.\n"
    )
    assert list(Session.objects.values_list("ref", "status")) == [("OLD", "scheduled")]
    assert (Speaker.objects.count(), Tag.objects.count(), ScheduleChange.objects.count()) == (
        0,
        0,
        0,
    )


def test_command_lists_missing_sessions_and_leaves_them_alone(
    import_setting, programme_csv, write_file
):
    SessionFactory(event=import_setting.event, room=import_setting.garden, ref="OLD", title="Old")

    stdout, _stderr = run("nacpf", write_file(programme_csv({})))

    assert (
        "Missing from the file, left alone (--cancel-missing cancels them) (1):\n"
        "  OLD “Old”, Mon 5 Jul 10:00–11:00\n"
    ) in stdout
    assert Session.objects.get(ref="OLD").status == SessionStatus.SCHEDULED


def test_command_cancel_missing_cancels_sessions_the_file_leaves_out(
    import_setting, programme_csv, write_file
):
    SessionFactory(event=import_setting.event, room=import_setting.garden, ref="OLD")

    run("nacpf", write_file(programme_csv({})), "--cancel-missing")

    old = Session.objects.get(ref="OLD")
    assert (old.status, old.sequence) == (SessionStatus.CANCELLED, 1)


def test_command_exits_with_status_1_listing_every_bad_row(
    import_setting, programme_csv, write_file
):
    path = write_file(
        programme_csv(
            {"speakers": "Mel Parks <mel@example.org>"},
            {"room": "Attic"},
            {"room": "Studio", "end": "09:00"},
        )
    )
    stdout = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_programme", "nacpf", path, stdout=stdout)

    assert error.value.returncode == 1
    assert str(error.value) == (
        f"Nothing was imported: {path} has 2 problems.\n"
        "Line 3: no room “Attic” at Museum of Science and Industry, where Main programme is "
        "held. Rooms there: Hall, Studio, Garden.\n"
        "Line 4: the session ends at 09:00, which is not after its start at 10:00. The file "
        "has one date column, so a session must end on the day it starts: split one that runs "
        "past midnight into a row per day."
    )
    assert stdout.getvalue() == (
        "Programme import for Not Another Co-production Festival (times in Europe/London).\n"
        "2 problems found; nothing was imported.\n"
    )
    assert (Session.objects.count(), Speaker.objects.count()) == (0, 0)


def test_command_dry_run_of_a_bad_file_also_exits_with_status_1(
    import_setting, programme_csv, write_file
):
    with pytest.raises(CommandError) as error:
        run("nacpf", write_file(programme_csv({"format": "lecture"})), "--dry-run")

    assert error.value.returncode == 1
    assert "Line 2: format “lecture” is not one of:" in str(error.value)


def test_command_rejects_a_file_that_is_not_utf8(import_setting, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("ref,event\nS1,Café\n".encode("latin-1"))

    with pytest.raises(CommandError) as error:
        run("nacpf", str(path))

    assert str(error.value) == (
        f"Nothing was imported: {path} has 1 problem.\n"
        "Line 2: the file is not UTF-8 text (byte 0xE9 cannot be read). "
        "Save it from your spreadsheet as “CSV UTF-8” and try again."
    )


def test_command_names_the_festivals_when_the_slug_is_unknown(import_setting, write_file):
    with pytest.raises(CommandError) as error:
        run("no-such-festival", write_file("ref\n"))

    assert str(error.value) == "No festival “no-such-festival”. Festivals: nacpf."


def test_command_says_when_the_file_cannot_be_read(import_setting, tmp_path):
    with pytest.raises(CommandError) as error:
        run("nacpf", str(tmp_path / "nowhere.csv"))

    assert str(error.value) == f"Cannot read {tmp_path / 'nowhere.csv'}: No such file or directory."


def test_command_rejects_a_quote_that_is_never_closed(import_setting, programme_csv, write_file):
    text = programme_csv({}, {"room": "Studio", "title": "TITLE"}, {"room": "Garden"})
    path = write_file(text.replace("TITLE", '"Walk'))

    with pytest.raises(CommandError) as error:
        run("nacpf", path)

    assert str(error.value) == (
        f"Nothing was imported: {path} has 1 problem.\n"
        "Line 3: a quote opened in this row is never closed, so every line after it would be "
        'read into one cell. Close the quote, or write a quote inside a cell as two ("").'
    )
    assert Session.objects.count() == 0


def test_command_rejects_a_nul_character_and_writes_nothing(
    import_setting, programme_csv, write_file
):
    path = write_file(programme_csv({}, {"room": "Studio", "description": "Bring\x00pens"}))

    with pytest.raises(CommandError) as error:
        run("nacpf", path)

    assert str(error.value) == (
        f"Nothing was imported: {path} has 1 problem.\n"
        "Line 3: the file holds a NUL character (byte 0x00), which is never in CSV text. "
        "Save it from your spreadsheet as “CSV UTF-8” and try again."
    )
    assert Session.objects.count() == 0
