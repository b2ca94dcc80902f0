"""The import's optional `access` and `content_note` columns: round trip, bad codes, old
files, and the warnings where a move meets people's needs. (Tests parse.py, rows.py,
plan.py's `unmet_needs` and exports.py for these columns.)"""

import csv
import io

import pytest

from events.bookings.services import book_place
from events.importing import ImportRejected, import_programme, plan_import
from events.importing.exports import programme_csv
from events.models import Session
from festival.models import AccessProvision
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "ref,event,date,start,end,room,title,format,speakers,capacity,themes,status,description"


def with_access(*rows: tuple[str, str, str, str]) -> str:
    """A file with the optional columns: each row is (ref, room, access, content_note)."""
    lines = [HEADER + ",access,content_note"]
    for ref, room, access, note in rows:
        lines.append(
            f'{ref},main,2027-07-05,10:00,11:00,{room},Session {ref},talk,,,,,,"{access}","{note}"'
        )
    return "\n".join(lines) + "\n"


def without_access(*rows: tuple[str, str]) -> str:
    lines = [HEADER]
    for ref, room in rows:
        lines.append(f"{ref},main,2027-07-05,10:00,11:00,{room},Session {ref},talk,,,,,")
    return "\n".join(lines) + "\n"


def test_import_download_and_reimport_round_trip_access_and_content_note(import_setting):
    festival = import_setting.festival
    import_programme(
        festival=festival,
        content=with_access(
            ("S1", "Hall", "captions; BSL", "Flashing lights, loud music"),
            ("S2", "Studio", "", ""),
        ),
    )

    first = Session.objects.get(ref="S1")
    # Stored in one order (sorted), whatever order the file wrote them in.
    assert (first.access, first.content_note) == (
        ["bsl", "captions"],
        "Flashing lights, loud music",
    )
    downloaded = programme_csv(festival=festival)
    rows = list(csv.DictReader(io.StringIO(downloaded)))
    assert [(row["ref"], row["access"], row["content_note"]) for row in rows] == [
        ("S1", "bsl; captions", "Flashing lights, loud music"),
        ("S2", "", ""),
    ]

    again = import_programme(festival=festival, content=downloaded)

    assert (again.changed, again.unchanged) == (0, 2)
    first.refresh_from_db()
    assert (first.access, first.content_note, first.sequence) == (
        ["bsl", "captions"],
        "Flashing lights, loud music",
        0,
    )


def test_unknown_access_codes_are_line_numbered_errors_and_nothing_is_written(import_setting):
    content = with_access(
        ("S1", "Hall", "captions", ""),
        ("S2", "Studio", "lifts; captions; ramp", ""),
    )

    plan = plan_import(festival=import_setting.festival, content=content)

    assert [(problem.line, problem.message) for problem in plan.errors] == [
        (
            3,
            "unknown access codes “lifts”, “ramp”. The codes are: bsl, captions, hearing-loop, "
            "large-print, online, quiet-space, relaxed, seating, step-free, separated by "
            "semicolons.",
        )
    ]
    with pytest.raises(ImportRejected):
        import_programme(festival=import_setting.festival, content=content)
    assert Session.objects.count() == 0


def test_a_festivals_own_provision_is_a_known_code(import_setting):
    AccessProvision.objects.create(
        festival=import_setting.festival,
        code="audio-description",
        label="Audio description",
        explanation="Described aloud.",
    )

    import_programme(
        festival=import_setting.festival,
        content=with_access(("S1", "Hall", "audio-description", "")),
    )

    assert Session.objects.get().access == ["audio-description"]


def test_a_dropped_code_a_session_holds_still_reimports_but_is_new_to_no_one(import_setting):
    festival = import_setting.festival
    own = AccessProvision.objects.create(
        festival=festival, code="audio-description", label="AD", explanation="Described."
    )
    import_programme(
        festival=festival, content=with_access(("S1", "Hall", "audio-description", ""))
    )
    own.delete()

    # The session keeps its code through a re-import (the schedule editor publishes this way).
    import_programme(
        festival=festival, content=with_access(("S1", "Hall", "audio-description", ""))
    )
    # A session that never had it cannot take it up.
    plan = plan_import(
        festival=festival,
        content=with_access(
            ("S1", "Hall", "audio-description", ""), ("S2", "Studio", "audio-description", "")
        ),
    )

    assert Session.objects.get().access == ["audio-description"]
    assert [problem.line for problem in plan.errors] == [3]


def test_the_same_codes_in_another_order_are_no_change(import_setting):
    festival = import_setting.festival
    import_programme(festival=festival, content=with_access(("S1", "Hall", "captions; bsl", "")))

    again = import_programme(
        festival=festival, content=with_access(("S1", "Hall", "bsl; captions", ""))
    )

    assert (again.changed, again.unchanged) == (0, 1)


def test_an_old_file_without_the_columns_leaves_access_as_it_is(import_setting):
    festival = import_setting.festival
    import_programme(
        festival=festival, content=with_access(("S1", "Hall", "bsl", "Strobe lighting"))
    )

    result = import_programme(festival=festival, content=without_access(("S1", "Hall")))

    session = Session.objects.get()
    assert (result.changed, result.unchanged) == (0, 1)
    assert (session.access, session.content_note) == (["bsl"], "Strobe lighting")


def test_a_change_of_access_is_reported_as_a_change(import_setting):
    festival = import_setting.festival
    import_programme(festival=festival, content=with_access(("S1", "Hall", "bsl", "")))

    plan = plan_import(
        festival=festival, content=with_access(("S1", "Hall", "captions", "Loud music"))
    )

    assert plan.sessions[0].changes == ("access + captions, \N{MINUS SIGN} bsl", "content note")


def test_import_preview_warns_where_a_move_meets_needs_the_room_cannot_serve(
    import_setting,
):
    festival = import_setting.festival
    import_setting.hall.access = ["step-free"]
    import_setting.hall.save()
    import_programme(festival=festival, content=with_access(("S1", "Hall", "captions", "")))
    session = Session.objects.get()
    for needs in (["step-free"], ["step-free", "captions"], []):
        book_place(user=UserFactory(access_need_codes=needs), session=session)

    moved = plan_import(festival=festival, content=with_access(("S1", "Studio", "", "")))
    stayed = plan_import(festival=festival, content=with_access(("S1", "Hall", "captions", "")))

    assert moved.is_valid
    assert [(problem.line, problem.message) for problem in moved.warnings] == [
        (2, "Studio has no step-free access; 2 people booked need it."),
        (2, "“Session S1” has no live captions; 1 person booked needs it."),
    ]
    assert stayed.warnings == []


def test_import_preview_page_shows_the_access_warning(client, import_setting):
    from django.core.files.uploadedfile import SimpleUploadedFile  # only this test uploads

    festival = import_setting.festival
    import_setting.hall.access = ["step-free"]
    import_setting.hall.save()
    import_programme(festival=festival, content=with_access(("S1", "Hall", "", "")))
    book_place(user=UserFactory(access_need_codes=["step-free"]), session=Session.objects.get())
    client.force_login(import_setting.organiser)
    upload = SimpleUploadedFile(
        "programme.csv", with_access(("S1", "Garden", "", "")).encode(), content_type="text/csv"
    )

    response = client.post("/organise/nacpf/import/", {"file": upload})

    assert (
        "<strong>Line 2:</strong> Garden has no step-free access; 1 person booked needs it."
        in response.content.decode()
    )
    assert Session.objects.get().room == import_setting.hall
