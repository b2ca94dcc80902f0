from datetime import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.enums import ChangeKind, SessionFormat, SessionStatus
from events.importing import (
    Cancellation,
    ImportRejected,
    ProgrammeChangedSincePreview,
    apply_import,
    import_programme,
    plan_import,
)
from events.models import ScheduleChange, Session
from festival.models import Speaker, Tag
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TagFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


def programme_of(festival) -> list[tuple]:
    sessions = (
        Session.objects.filter(festival=festival)
        .select_related("room", "event")
        .prefetch_related("speakers", "themes")
        .order_by("ref")
    )
    return [
        (
            session.ref,
            session.title,
            session.slug,
            session.event.slug,
            session.start,
            session.end,
            session.room.name,
            session.format,
            session.capacity,
            session.status,
            sorted((speaker.name, speaker.email) for speaker in session.speakers.all()),
            sorted(tag.slug for tag in session.themes.all()),
            session.description,
        )
        for session in sessions
    ]


def counts() -> tuple[int, int, int, int]:
    return (
        Session.objects.count(),
        Speaker.objects.count(),
        Tag.objects.count(),
        ScheduleChange.objects.count(),
    )


def test_import_programme_creates_the_sessions_of_a_good_file(import_setting, programme_csv):
    text = programme_csv(
        {
            "title": "Opening circle",
            "format": "conversation",
            "speakers": "Mel Parks <mel@example.org>; Ade Okoro <ade@example.org>",
            "themes": "Co-production; Mutual aid",
            "description": "Who is here, and why.",
        },
        {
            "title": "Zine making",
            "room": "Studio",
            "start": "10:30",
            "end": "12:00",
            "format": "workshop",
            "speakers": "Ade Okoro <ade@example.org>",
            "capacity": "15",
            "themes": "mutual aid",
        },
        {
            "title": "Opening circle",
            "date": "2027-07-06",
            "start": "09:00",
            "end": "09:30",
            "status": "cancelled",
        },
    )

    result = import_programme(festival=import_setting.festival, content=text)

    assert programme_of(import_setting.festival) == [
        (
            "S01",
            "Opening circle",
            "opening-circle",
            "main",
            at(5, 10),
            at(5, 11),
            "Hall",
            "conversation",
            None,
            "scheduled",
            [("Ade Okoro", "ade@example.org"), ("Mel Parks", "mel@example.org")],
            ["co-production", "mutual-aid"],
            "Who is here, and why.",
        ),
        (
            "S02",
            "Zine making",
            "zine-making",
            "main",
            at(5, 10, 30),
            at(5, 12),
            "Studio",
            "workshop",
            15,
            "scheduled",
            [("Ade Okoro", "ade@example.org")],
            ["mutual-aid"],
            "",
        ),
        (
            "S03",
            "Opening circle",
            "opening-circle-2",
            "main",
            at(6, 9),
            at(6, 9, 30),
            "Hall",
            "talk",
            None,
            "cancelled",
            [],
            [],
            "",
        ),
    ]
    assert (result.added, result.changed, result.unchanged, result.schedule_changes) == (3, 0, 0, 0)
    assert sorted(Speaker.objects.values_list("festival__slug", "slug")) == [
        ("nacpf", "ade-okoro"),
        ("nacpf", "mel-parks"),
    ]
    assert sorted(Tag.objects.values_list("name", "slug")) == [
        ("Co-production", "co-production"),
        ("Mutual aid", "mutual-aid"),
    ]
    # A first import is the programme, not a change to it.
    assert ScheduleChange.objects.count() == 0


def test_plan_import_accepts_labels_any_case_a_byte_order_mark_and_crlf(import_setting):
    text = (
        "Ref,Event,Date,Start,End,Room,Title,Format,Speakers,Capacity,Themes,Status,Description\r\n"
        'A1,Main Programme,2027-07-05,9:30,10:00:00,hall,Tea,BREAK,,,,CANCELLED,"Two\r\nlines"\r\n'
    )

    plan = plan_import(festival=import_setting.festival, content=("\ufeff" + text).encode())

    assert plan.errors == []
    [row] = plan.sessions
    assert (row.event, row.room, row.start, row.end, row.format, row.status, row.description) == (
        import_setting.event,
        import_setting.hall,
        at(5, 9, 30),
        at(5, 10),
        SessionFormat.BREAK,
        SessionStatus.CANCELLED,
        "Two\nlines",
    )


def test_plan_import_reports_every_bad_row_with_its_line_number(import_setting, programme_csv):
    garden = {"room": "Garden"}
    text = programme_csv(
        {"title": "Good one"},
        {"event": "Closing party"},
        {"room": "Ballroom"},
        {**garden, "format": "lecture"},
        {"date": "5/7/2027"},
        {"start": "9.30"},
        {"start": "12:00", "end": "11:00"},
        {"date": "2027-07-06", "start": "17:30", "end": "18:30", "room": "Studio"},
        {"start": "10:30", "end": "11:30"},
        {**garden, "start": "11:00", "end": "12:00", "speakers": "Jo Bloggs <jo@example>"},
        {**garden, "start": "12:00", "end": "13:00", "speakers": "Jo Bloggs, jo@example.org"},
        {"ref": "S01", "room": "Studio"},
        {**garden, "start": "14:00", "end": "15:00", "capacity": "-5"},
        {**garden, "start": "15:00", "end": "16:00", "status": "postponed"},
        {**garden, "start": "16:00", "end": "17:00", "title": ""},
    )

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 3: no event “Closing party” in Not Another Co-production Festival. "
        "Use an event's slug or title: main.",
        "Line 4: no room “Ballroom” at Museum of Science and Industry, where Main programme is "
        "held. Rooms there: Hall, Studio, Garden.",
        "Line 5: format “lecture” is not one of: talk, workshop, conversation, happening, "
        "performance, break.",
        "Line 6: date “5/7/2027” is not a date in the form YYYY-MM-DD, e.g. 2027-07-05.",
        "Line 7: start time “9.30” is not a time in the form HH:MM (24-hour clock), e.g. 14:30.",
        "Line 8: the session ends at 11:00, which is not after its start at 12:00. The file "
        "has one date column, so a session must end on the day it starts: split one that runs "
        "past midnight into a row per day.",
        "Line 9: Tue 6 Jul 17:30–18:30 is outside Main programme, which runs "
        "Mon 5 Jul 09:00 – Tue 6 Jul 18:00.",
        "Line 10: Hall is double-booked on Mon 5 Jul: “Session 9” (10:30–11:30) overlaps "
        "“Good one” (10:00–11:00, line 2).",
        "Line 11: speaker Jo Bloggs has a bad email address “jo@example”.",
        "Line 12: speaker “Jo Bloggs, jo@example.org” is not written as Name <email>. "
        "Separate speakers with “;”.",
        "Line 13: ref “S01” is also used on line 2. Each row needs its own ref.",
        "Line 14: capacity “-5” is not a whole number of places (0 or more). "
        "Leave it blank for a drop-in session.",
        "Line 15: status “postponed” should be blank or “cancelled”.",
        "Line 16: title is empty.",
    ]


def test_plan_import_counts_physical_lines_past_multiline_cells(import_setting, programme_csv):
    text = programme_csv(
        {"description": "First line\nsecond line\nthird line"},
        {"start": "11:00", "end": "12:00", "capacity": "many"},
    )

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 5: capacity “many” is not a whole number of places (0 or more). "
        "Leave it blank for a drop-in session."
    ]


def test_plan_import_reports_unknown_and_missing_columns(import_setting, programme_csv):
    text = programme_csv({}).replace("ref,event", "ref,event name").replace(",description", "")

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 1: unknown column “event name”. The columns are: ref, event, date, start, end, "
        "room, title, format, speakers, capacity, themes, status, description (and optionally "
        "access, content_note).",
        "Line 1: missing columns “event”, “description”. Every column must be in the header, "
        "even when its cells are blank.",
    ]


def test_plan_import_rejects_a_file_that_is_not_utf8(import_setting, programme_csv):
    data = programme_csv({"title": "Welcome"}, {"title": "Café", "start": "11:00"})

    plan = plan_import(festival=import_setting.festival, content=data.encode("cp1252"))

    assert [str(error) for error in plan.errors] == [
        "Line 3: the file is not UTF-8 text (byte 0xE9 cannot be read). "
        "Save it from your spreadsheet as “CSV UTF-8” and try again."
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"",
            "Line 1: the file is empty. Its first line must name the columns: ref, event, date, "
            "start, end, room, title, format, speakers, capacity, themes, status, description "
            "(and optionally access, content_note).",
        ),
        (
            b"ref,event,date,start,end,room,title,format,speakers,capacity,themes,status,"
            b"description\r\n,,,,,,,,,,,,\r\n",
            "Line 1: the file has a header but no sessions.",
        ),
    ],
)
def test_plan_import_rejects_a_file_without_sessions(import_setting, content, message):
    plan = plan_import(festival=import_setting.festival, content=content)

    assert [str(error) for error in plan.errors] == [message]


def test_plan_import_finds_a_clash_with_a_session_the_file_leaves_alone(
    import_setting, programme_csv
):
    SessionFactory(event=import_setting.event, room=import_setting.hall, title="Welcome", ref="W1")
    text = programme_csv({"title": "Late arrival", "start": "10:30", "end": "11:30"})

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 2: Hall is double-booked on Mon 5 Jul: “Late arrival” (10:30–11:30) overlaps "
        "“Welcome” (10:00–11:00, ref W1), which is in the programme and not in this file."
    ]


def test_plan_import_frees_rooms_the_file_moves_away_from_or_cancels(import_setting, programme_csv):
    SessionFactory(event=import_setting.event, room=import_setting.hall, ref="MOVING")
    SessionFactory(event=import_setting.event, room=import_setting.studio, ref="DROPPED")
    SessionFactory(
        event=import_setting.event,
        room=import_setting.garden,
        ref="GONE",
        status=SessionStatus.CANCELLED,
    )
    text = programme_csv(
        {"ref": "MOVING", "start": "12:00", "end": "13:00"},
        {"ref": "NEW-HALL"},
        {"ref": "NEW-GARDEN", "room": "Garden"},
        {"ref": "DROPPED", "room": "Studio", "status": "cancelled"},
        {"ref": "NEW-STUDIO", "room": "Studio"},
    )

    plan = plan_import(festival=import_setting.festival, content=text)

    assert plan.errors == []


def test_plan_import_frees_rooms_of_missing_sessions_when_cancelling_them(
    import_setting, programme_csv
):
    SessionFactory(event=import_setting.event, room=import_setting.hall, ref="OLD")
    text = programme_csv({"ref": "NEW"})

    left_alone = plan_import(festival=import_setting.festival, content=text)
    cancelling = plan_import(festival=import_setting.festival, content=text, cancel_missing=True)

    assert len(left_alone.errors) == 1
    assert cancelling.errors == []


def test_import_programme_writes_nothing_when_one_row_is_bad(import_setting, programme_csv):
    session = SessionFactory(event=import_setting.event, room=import_setting.hall, ref="S01")
    before = counts()
    text = programme_csv(
        {"start": "12:00", "end": "13:00", "speakers": "New Person <new@example.org>"},
        {"title": "Fine", "room": "Studio", "themes": "brand new theme"},
        {"title": "Broken", "room": "Garden", "date": "tomorrow"},
    )

    with pytest.raises(ImportRejected) as rejected:
        import_programme(festival=import_setting.festival, content=text, cancel_missing=True)

    assert [str(error) for error in rejected.value.plan.errors] == [
        "Line 4: date “tomorrow” is not a date in the form YYYY-MM-DD, e.g. 2027-07-05."
    ]
    assert counts() == before
    session.refresh_from_db()
    assert (session.start, session.sequence, session.status) == (at(5, 10), 0, "scheduled")


def test_reimport_that_moves_one_session_keeps_its_uid_and_records_the_change(
    import_setting, programme_csv
):
    rows = [
        {"title": "Opening circle"},
        {"title": "Zine making", "room": "Studio"},
        {"title": "Walk", "room": "Garden"},
    ]
    import_programme(festival=import_setting.festival, content=programme_csv(*rows))
    before = {session.ref: session for session in Session.objects.all()}
    rows[1] = {"title": "Zine making", "room": "Hall", "start": "11:30", "end": "12:30"}

    plan = plan_import(festival=import_setting.festival, content=programme_csv(*rows))
    result = apply_import(plan=plan)

    assert [(row.ref, row.changes) for row in plan.changed] == [
        ("S02", ("moved 10:00–11:00 → 11:30–12:30", "room Studio → Hall"))
    ]
    after = {session.ref: session for session in Session.objects.all()}
    assert {ref: (s.uid, s.slug, s.sequence) for ref, s in after.items()} == {
        "S01": (before["S01"].uid, "opening-circle", 0),
        "S02": (before["S02"].uid, "zine-making", 1),
        "S03": (before["S03"].uid, "walk", 0),
    }
    assert [
        (
            change.session.ref,
            change.kind,
            change.old_start,
            change.old_end,
            change.old_room,
            change.new_start,
            change.new_end,
            change.new_room,
        )
        for change in ScheduleChange.objects.all()
    ] == [
        (
            "S02",
            ChangeKind.MOVED,
            at(5, 10),
            at(5, 11),
            import_setting.studio,
            at(5, 11, 30),
            at(5, 12, 30),
            import_setting.hall,
        )
    ]
    assert (result.added, result.changed, result.unchanged, result.schedule_changes) == (0, 1, 2, 1)
    assert {ref: s.updated_at for ref, s in after.items() if ref != "S02"} == {
        ref: s.updated_at for ref, s in before.items() if ref != "S02"
    }


def test_reimport_without_changes_changes_nothing(import_setting, programme_csv):
    text = programme_csv(
        {"speakers": "Mel Parks <mel@example.org>", "themes": "Care", "capacity": "12"},
        {"room": "Studio", "description": "Bring\npens", "status": "cancelled"},
    )
    import_programme(festival=import_setting.festival, content=text)
    before = programme_of(import_setting.festival)
    stamps = list(Session.objects.order_by("ref").values_list("updated_at", "sequence"))

    plan = plan_import(festival=import_setting.festival, content=text)
    result = apply_import(plan=plan)

    assert [row.action for row in plan.sessions] == ["unchanged", "unchanged"]
    assert (result.added, result.changed, result.unchanged) == (0, 0, 2)
    assert programme_of(import_setting.festival) == before
    assert list(Session.objects.order_by("ref").values_list("updated_at", "sequence")) == stamps
    assert ScheduleChange.objects.count() == 0


def test_reimport_sets_details_exactly_without_bumping_the_sequence(import_setting, programme_csv):
    first = programme_csv(
        {
            "speakers": "Mel Parks <mel@example.org>; Ade Okoro <ade@example.org>",
            "themes": "Care; Food",
            "capacity": "12",
        }
    )
    import_programme(festival=import_setting.festival, content=first)
    second = programme_csv(
        {
            "title": "Care and food",
            "format": "Workshop",
            "speakers": "Mel Parks <MEL@example.org>; Sam Lee <sam@example.org>",
            "themes": "Food; Growing",
            "description": "Now with soup.",
        }
    )

    plan = plan_import(festival=import_setting.festival, content=second)
    apply_import(plan=plan)

    assert [row.changes for row in plan.changed] == [
        (
            "title “Session 1” → “Care and food”",
            "format Talk → Workshop",
            "capacity 12 → drop-in",
            "speakers + Sam Lee, − Ade Okoro",
            "themes + Growing, − Care",
            "description",
        )
    ]
    [row] = programme_of(import_setting.festival)
    assert row[1] == "Care and food"
    assert row[7:] == (
        "workshop",
        None,
        "scheduled",
        [("Mel Parks", "mel@example.org"), ("Sam Lee", "sam@example.org")],
        ["food", "growing"],
        "Now with soup.",
    )
    assert Session.objects.get().sequence == 0
    assert ScheduleChange.objects.count() == 0
    # The speaker left out keeps their profile; only the link to this session goes.
    assert Speaker.objects.filter(email="ade@example.org").count() == 1


def test_reimport_lists_missing_sessions_and_leaves_them_alone(import_setting, programme_csv):
    import_programme(
        festival=import_setting.festival,
        content=programme_csv({"title": "Stays"}, {"title": "Dropped", "room": "Studio"}),
    )

    plan = plan_import(festival=import_setting.festival, content=programme_csv({"title": "Stays"}))
    apply_import(plan=plan)

    assert [(session.ref, session.title) for session in plan.missing] == [("S02", "Dropped")]
    assert Session.objects.get(ref="S02").status == SessionStatus.SCHEDULED
    assert ScheduleChange.objects.count() == 0


def test_reimport_with_cancel_missing_cancels_the_missing_sessions(import_setting, programme_csv):
    import_programme(
        festival=import_setting.festival,
        content=programme_csv({"title": "Stays"}, {"title": "Dropped", "room": "Studio"}),
    )

    result = import_programme(
        festival=import_setting.festival,
        content=programme_csv({"title": "Stays"}),
        cancel_missing=True,
    )

    dropped = Session.objects.get(ref="S02")
    assert (dropped.status, dropped.sequence) == (SessionStatus.CANCELLED, 1)
    assert list(ScheduleChange.objects.values_list("session__ref", "kind")) == [
        ("S02", ChangeKind.CANCELLED)
    ]
    assert (result.unchanged, result.cancelled, result.schedule_changes) == (1, 1, 1)


def test_reimport_cancelling_and_restoring_a_row_records_both(import_setting, programme_csv):
    import_programme(festival=import_setting.festival, content=programme_csv({}))

    import_programme(
        festival=import_setting.festival, content=programme_csv({"status": "cancelled"})
    )
    import_programme(festival=import_setting.festival, content=programme_csv({}))

    assert Session.objects.get().sequence == 2
    assert list(ScheduleChange.objects.order_by("pk").values_list("kind", flat=True)) == [
        ChangeKind.CANCELLED,
        ChangeKind.RESTORED,
    ]


def test_session_new_in_a_reimport_is_logged_as_added(import_setting, programme_csv):
    import_programme(festival=import_setting.festival, content=programme_csv({}))

    import_programme(
        festival=import_setting.festival,
        content=programme_csv({}, {"title": "Added late", "room": "Garden"}),
    )

    assert list(ScheduleChange.objects.values_list("session__title", "kind", "new_room")) == [
        ("Added late", ChangeKind.ADDED, import_setting.garden.pk)
    ]


def test_speaker_in_two_places_at_once_is_a_warning_and_the_import_goes_ahead(
    import_setting, programme_csv
):
    text = programme_csv(
        {"title": "Talk", "speakers": "Mel Parks <mel@example.org>"},
        {
            "title": "Panel",
            "room": "Studio",
            "start": "10:30",
            "end": "11:30",
            "speakers": "Ade Okoro <ade@example.org>; Mel Parks <mel@example.org>",
        },
    )

    plan = plan_import(festival=import_setting.festival, content=text)
    apply_import(plan=plan)

    assert [str(warning) for warning in plan.warnings] == [
        "Line 3: Mel Parks is booked in two places at once on Mon 5 Jul: “Panel” (Studio, "
        "10:30–11:30) and “Talk” (Hall, 10:00–11:00, line 2)."
    ]
    assert Session.objects.count() == 2


def test_speakers_are_matched_by_email_and_renamed(import_setting, programme_csv):
    festival = import_setting.festival
    known = SpeakerFactory(festival=festival, name="Mel Parks", email="Mel@Example.org")
    SpeakerFactory(festival=festival, name="Jo Bloggs", slug="jo-bloggs", email="jo@old.org")
    SpeakerFactory(festival=FestivalFactory(), name="Sam Lee", email="sam@example.org")
    text = programme_csv(
        {"speakers": "Melanie Parks <mel@example.org>; Jo Bloggs <jo@new.org>"},
        {"room": "Studio", "speakers": "Sam Lee <sam@example.org>"},
    )

    plan = plan_import(festival=festival, content=text)
    apply_import(plan=plan)

    assert [(s.name, s.email, s.slug) for s in plan.new_speakers] == [
        ("Jo Bloggs", "jo@new.org", "jo-bloggs-2"),
        ("Sam Lee", "sam@example.org", "sam-lee"),
    ]
    known.refresh_from_db()
    assert known.name == "Melanie Parks"
    assert sorted(festival.speakers.values_list("name", "email")) == [
        ("Jo Bloggs", "jo@new.org"),
        ("Jo Bloggs", "jo@old.org"),
        ("Melanie Parks", "Mel@Example.org"),
        ("Sam Lee", "sam@example.org"),
    ]


def test_new_session_slugs_are_unique_in_the_festival_and_kept(import_setting, programme_csv):
    SessionFactory(
        event=import_setting.event,
        room=import_setting.hall,
        title="Welcome",
        slug="welcome",
        ref="",
        start=at(6, 9),
        end=at(6, 10),
    )
    other_festival_event = EventFactory(festival=FestivalFactory())
    SessionFactory(event=other_festival_event, slug="opening")
    rows = [
        {"title": "Welcome"},
        {"title": "Welcome!", "room": "Studio"},
        {"title": "Opening", "room": "Garden"},
    ]
    import_programme(festival=import_setting.festival, content=programme_csv(*rows))

    rows[0] = {"title": "A new name"}
    import_programme(festival=import_setting.festival, content=programme_csv(*rows))

    assert list(
        Session.objects.filter(festival=import_setting.festival)
        .order_by("ref")
        .values_list("ref", "title", "slug")
    ) == [
        ("", "Welcome", "welcome"),
        ("S01", "A new name", "welcome-2"),
        ("S02", "Welcome!", "welcome-3"),
        ("S03", "Opening", "opening"),
    ]


def test_themes_are_shared_tags_found_by_slug(import_setting, programme_csv):
    existing = TagFactory(name="Mutual Aid")

    import_programme(
        festival=import_setting.festival, content=programme_csv({"themes": "mutual aid; Care"})
    )

    session = Session.objects.get()
    assert sorted(session.themes.values_list("pk", "name")) == [
        (existing.pk, "Mutual Aid"),
        (Tag.objects.get(slug="care").pk, "Care"),
    ]


def test_apply_import_refuses_when_the_programme_changed_since_the_plan(
    import_setting, programme_csv
):
    plan = plan_import(festival=import_setting.festival, content=programme_csv({}))
    SessionFactory(event=import_setting.event, room=import_setting.garden, ref="S01")

    with pytest.raises(ProgrammeChangedSincePreview) as changed:
        apply_import(plan=plan)

    assert [row.action for row in changed.value.plan.sessions] == ["changed"]
    assert Session.objects.get().room == import_setting.garden


def test_apply_import_checks_the_file_again_inside_the_transaction(import_setting, programme_csv):
    plan = plan_import(festival=import_setting.festival, content=programme_csv({"ref": "NEW"}))
    SessionFactory(event=import_setting.event, room=import_setting.hall, title="Squatter")

    with pytest.raises(ImportRejected) as rejected:
        apply_import(plan=plan)

    assert [error.line for error in rejected.value.plan.errors] == [2]
    assert Session.objects.count() == 1


def programme_of_rows(programme_csv, rows: int) -> str:
    return programme_csv(
        *(
            {
                "room": ["Hall", "Studio", "Garden"][number % 3],
                "date": "2027-07-05" if number < 25 else "2027-07-06",
                "start": f"{9 + number % 25 // 3:02d}:00",
                "end": f"{9 + number % 25 // 3:02d}:30",
                "speakers": f"Speaker {number} <speaker{number}@example.org>",
                "themes": f"theme {number % 4}; theme {number % 7}",
            }
            for number in range(rows)
        )
    )


@pytest.mark.parametrize("rows", [10, 50])
def test_import_query_count_does_not_grow_with_rows(
    import_setting, programme_csv, django_assert_max_num_queries, rows
):
    text = programme_of_rows(programme_csv, rows)

    with django_assert_max_num_queries(26):
        import_programme(festival=import_setting.festival, content=text)

    assert Session.objects.count() == rows


@pytest.mark.parametrize("rows", [10, 50])
def test_reimport_query_count_does_not_grow_with_unchanged_rows(
    import_setting, programme_csv, django_assert_max_num_queries, rows
):
    text = programme_of_rows(programme_csv, rows)
    import_programme(festival=import_setting.festival, content=text)

    with django_assert_max_num_queries(19):
        result = import_programme(festival=import_setting.festival, content=text)

    assert result.unchanged == rows


def test_import_plan_reads_a_fixed_number_of_queries(import_setting, programme_csv):
    SessionFactory.create_batch(3, event=import_setting.event, room=import_setting.garden)
    text = programme_csv({"themes": "Care"}, {"room": "Studio"})

    with CaptureQueriesContext(connection) as queries:
        plan_import(festival=import_setting.festival, content=text)

    # events, sessions, rooms, speaker links, theme links, speakers, tags, and other
    # festivals' sessions in the rooms the file books.
    assert len(queries) == 8


def test_example_programme_file_imports_into_the_festival_it_describes():
    festival = FestivalFactory(
        name="Not Another Co-production Festival", slug="not-another-co-production-festival"
    )
    venue = VenueFactory(name="Museum of Science and Industry")
    for position, name in enumerate(["Great Hall", "Warehouse", "Garden Room", "Upper Yard"]):
        RoomFactory(venue=venue, name=name, position=position)
    EventFactory(
        festival=festival,
        venue=venue,
        title="Day one: making it together",
        slug="day-one",
        start=at(5, 9),
        end=at(5, 18),
    )
    EventFactory(
        festival=festival,
        venue=venue,
        title="Day two: what we learned",
        slug="day-two",
        start=at(6, 9),
        end=at(6, 17),
    )
    content = (Path(__file__).resolve().parents[3] / "examples" / "programme.csv").read_bytes()

    plan = plan_import(festival=festival, content=content)

    assert (plan.errors, plan.warnings) == ([], [])
    assert len(plan.added) == 10


def test_plan_import_gives_a_file_the_same_fingerprint_whatever_its_line_ends(
    import_setting, programme_csv
):
    text = programme_csv({"description": "Two\nlines"}, {"room": "Studio"})

    plans = [
        plan_import(festival=import_setting.festival, content=content)
        for content in (text, text.replace("\n", "\r\n"), text.replace("\n", "\r"))
    ]

    assert [plan.content for plan in plans] == [text, text, text]
    assert len({plan.fingerprint for plan in plans}) == 1


def test_plan_import_rejects_a_quote_that_is_never_closed(import_setting, programme_csv):
    text = programme_csv({}, {"room": "Studio", "title": '"Open quote'}, {"room": "Garden"})
    # The csv writer quoted the title; take off its closing quote, as a hand edit might.
    text = text.replace('"""Open quote"', '"Open quote')

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 3: a quote opened in this row is never closed, so every line after it would be "
        'read into one cell. Close the quote, or write a quote inside a cell as two ("").'
    ]
    assert plan.sessions == []


def test_plan_import_rejects_text_after_a_closing_quote(import_setting, programme_csv):
    text = programme_csv({}, {"room": "Studio", "title": "TITLE"})
    text = text.replace("TITLE", '"Walk" and talk')

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 3: a cell has text after its closing quote. Put the quotes around the whole cell, "
        'and write a quote inside it as two ("").'
    ]


def test_plan_import_finds_a_clash_with_another_festival_in_a_shared_room(
    import_setting, programme_csv
):
    other = EventFactory(
        festival=FestivalFactory(name="Science Week"),
        venue=import_setting.hall.venue,
        start=at(5, 9),
        end=at(6, 18),
    )
    SessionFactory(event=other, room=import_setting.hall, title="Gig", start=at(5, 10))
    SessionFactory(event=other, room=import_setting.studio, title="Elsewhere", start=at(5, 10))
    SessionFactory(
        event=other,
        room=import_setting.garden,
        title="Called off",
        start=at(5, 10),
        status=SessionStatus.CANCELLED,
    )
    text = programme_csv(
        {"start": "10:30", "end": "11:30"},
        {"room": "Garden"},
        {"room": "Studio", "start": "11:00", "end": "12:00"},
    )

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 2: Hall is double-booked on Mon 5 Jul: “Session 1” (10:30–11:30) overlaps "
        "“Gig” (10:00–11:00) of Science Week, which shares the room."
    ]


def test_plan_import_rejects_a_nul_character_with_its_line(import_setting, programme_csv):
    text = programme_csv({}, {"room": "Studio", "description": "Bring\x00pens"})

    from_text = plan_import(festival=import_setting.festival, content=text)
    from_bytes = plan_import(festival=import_setting.festival, content=text.encode())

    message = (
        "Line 3: the file holds a NUL character (byte 0x00), which is never in CSV text. "
        "Save it from your spreadsheet as “CSV UTF-8” and try again."
    )
    assert [str(error) for error in from_text.errors] == [message]
    assert [str(error) for error in from_bytes.errors] == [message]


def test_import_programme_writes_nothing_for_a_file_with_a_nul_character(
    import_setting, programme_csv
):
    with pytest.raises(ImportRejected):
        import_programme(festival=import_setting.festival, content=programme_csv({"title": "\x00"}))

    assert Session.objects.count() == 0


def test_plan_import_reads_a_file_with_semicolons_between_cells(import_setting):
    # As Excel saves "CSV UTF-8" where the decimal separator is a comma.
    text = (
        "ref;event;date;start;end;room;title;format;speakers;capacity;themes;status;description\n"
        'S1;main;2027-07-05;10:00;11:00;Hall;Walk, talk;talk;"Mel <mel@example.org>; '
        'Ade <ade@example.org>";12;Care;;"Meet; greet"\n'
    )

    plan = plan_import(festival=import_setting.festival, content=text)

    assert plan.errors == []
    [row] = plan.sessions
    assert (row.title, row.speaker_names, row.capacity, row.description) == (
        "Walk, talk",
        "Mel, Ade",
        12,
        "Meet; greet",
    )


def test_plan_import_says_which_row_has_a_cell_too_long_to_read(import_setting, programme_csv):
    text = programme_csv({}, {"room": "Studio", "description": "x" * 200_000})

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [str(error) for error in plan.errors] == [
        "Line 3: a cell in this row is longer than 128 KB."
    ]


def test_plan_import_lists_every_session_it_cancels(import_setting, programme_csv):
    hall, studio = import_setting.hall, import_setting.studio
    SessionFactory(event=import_setting.event, room=hall, ref="S01", title="Talk")
    SessionFactory(
        event=import_setting.event,
        room=studio,
        ref="S02",
        title="Off already",
        status=SessionStatus.CANCELLED,
    )
    SessionFactory(
        event=import_setting.event,
        room=studio,
        ref="OLD",
        title="Old",
        start=at(6, 9),
        end=at(6, 10),
    )
    text = programme_csv(
        {"title": "Talk", "status": "cancelled", "start": "11:00", "end": "12:00"},
        {"title": "Off already", "room": "Studio", "status": "cancelled"},
        {"title": "Born cancelled", "room": "Garden", "status": "cancelled"},
    )

    left_alone = plan_import(festival=import_setting.festival, content=text)
    cancelling = plan_import(festival=import_setting.festival, content=text, cancel_missing=True)

    by_status = Cancellation("S01", "Talk", at(5, 11), at(5, 12), hall, 2)
    assert left_alone.cancellations == [by_status]
    assert cancelling.cancellations == [
        by_status,
        Cancellation("OLD", "Old", at(6, 9), at(6, 10), studio, None),
    ]


def test_import_takes_one_quote_off_a_formula_like_cell_written_by_hand(
    import_setting, programme_csv
):
    text = programme_csv({"title": "'-20% off", "description": "'=SUM(A1)"})

    plan = plan_import(festival=import_setting.festival, content=text)

    assert [(row.title, row.description) for row in plan.sessions] == [("-20% off", "=SUM(A1)")]
