"""Drafts, publishing, moves and deletions: events/schedule_editor/services.py."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail

from events.change_notices.scan import send_due_change_notices
from events.enums import AttendanceStatus, PendingChangeState, SessionStatus
from events.importing import import_programme
from events.models import (
    Attendance,
    ChangeNotice,
    PendingChange,
    Reminder,
    ScheduleChange,
    Session,
)
from events.reminders.services import plan_attendance_reminders
from events.schedule_editor.selectors import drafts_of, published_row
from events.schedule_editor.services import (
    EditConflict,
    EditRefused,
    delete_session,
    discard_drafts,
    moved,
    publish_drafts,
    save_session_edit,
    version_of,
    with_status,
)
from tests.factories import LONDON, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(import_setting, programme_csv):
    """Two sessions in the Hall on Mon 5 July: S01 10:00-11:00 (10 places), S02 11:30-12:30."""
    import_programme(
        festival=import_setting.festival,
        content=programme_csv(
            {"capacity": "10"},
            {"start": "11:30", "end": "12:30", "title": "Session 2"},
        ),
    )
    return import_setting


def session(ref: str) -> Session:
    return Session.objects.select_related("festival", "event", "room").get(ref=ref)


def edit(setting, ref, publish=False, by=None, **cells):
    chosen = session(ref)
    row = published_row(chosen) | cells
    return save_session_edit(
        festival=setting.festival,
        session=chosen,
        row=row,
        started_from=version_of(chosen, None),
        by=by or setting.organiser,
        publish=publish,
    )


def test_a_draft_move_changes_nothing_published_until_it_is_published(programme):
    saved = edit(programme, "S01", start="14:00", end="15:00", room="Studio")

    assert (saved.ref, saved.published, saved.changed) == ("S01", False, True)
    assert (session("S01").start, session("S01").room.name, session("S01").sequence) == (
        datetime(2027, 7, 5, 10, 0, tzinfo=LONDON),
        "Hall",
        0,
    )
    assert ScheduleChange.objects.count() == 0
    [draft] = drafts_of(festival=programme.festival)
    assert (draft.row["start"], draft.row["room"], draft.base_row["start"]) == (
        "14:00",
        "Studio",
        "10:00",
    )


def test_publishing_applies_every_draft_once_with_the_note_and_the_organiser(programme):
    attendee = UserFactory(email="sam@example.org")
    Attendance.objects.create(user=attendee, session=session("S01"), status=AttendanceStatus.GOING)
    edit(programme, "S01", start="14:00", end="15:00")
    edit(programme, "S02", status="cancelled")

    published = publish_drafts(
        festival=programme.festival, by=programme.organiser, note="The Hall is flooded."
    )

    assert published.count == 2
    assert [
        (s.ref, s.start.hour, s.status, s.sequence) for s in Session.objects.order_by("ref")
    ] == [
        ("S01", 13, SessionStatus.SCHEDULED, 1),  # 14:00 BST
        ("S02", 10, SessionStatus.CANCELLED, 1),
    ]
    changes = ScheduleChange.objects.order_by("session__ref")
    assert [(c.session.ref, c.kind, c.note, c.changed_by) for c in changes] == [
        ("S01", "moved", "The Hall is flooded.", programme.organiser),
        ("S02", "cancelled", "The Hall is flooded.", programme.organiser),
    ]
    assert ChangeNotice.objects.filter(user=attendee).count() == 1
    assert drafts_of(festival=programme.festival) == []
    assert list(PendingChange.objects.values_list("ref", "state", "published_by")) == [
        ("S01", PendingChangeState.PUBLISHED, programme.organiser.pk),
        ("S02", PendingChangeState.PUBLISHED, programme.organiser.pk),
    ]


def test_save_and_publish_applies_at_once_and_keeps_the_history(programme):
    saved = edit(programme, "S01", publish=True, room="Garden")

    assert (saved.published, session("S01").room.name, session("S01").sequence) == (
        True,
        "Garden",
        1,
    )
    [history] = PendingChange.objects.filter(state=PendingChangeState.PUBLISHED)
    assert (history.session, history.base_row["room"], history.row["room"]) == (
        session("S01"),
        "Hall",
        "Garden",
    )


def test_a_festival_that_publishes_each_change_at_once_makes_no_draft(programme):
    programme.festival.publish_changes_at_once = True
    programme.festival.save()

    saved = edit(programme, "S01", room="Garden")

    assert (saved.published, session("S01").room.name) == (True, "Garden")
    assert drafts_of(festival=programme.festival) == []


def test_a_draft_moved_back_is_no_change_left_to_publish(programme):
    edit(programme, "S01", start="14:00", end="15:00")
    draft = drafts_of(festival=programme.festival)[0]
    save_session_edit(
        festival=programme.festival,
        session=session("S01"),
        row=draft.row | {"start": "10:00", "end": "11:00"},
        started_from=version_of(session("S01"), draft),
        by=programme.organiser,
        publish=False,
    )

    assert drafts_of(festival=programme.festival) == []


def test_a_save_started_from_an_older_version_is_refused_naming_who_changed_it(programme):
    first = UserFactory(email="ade@example.org", name="Ade Okoro")
    chosen = session("S01")
    opened = version_of(chosen, None)
    edit(programme, "S01", by=first, title="Welcome circle")

    with pytest.raises(EditConflict) as refused:
        save_session_edit(
            festival=programme.festival,
            session=chosen,
            row=published_row(chosen) | {"room": "Garden"},
            started_from=opened,
            by=programme.organiser,
            publish=False,
        )

    assert refused.value.by == "Ade Okoro"
    assert refused.value.theirs["title"] == "Welcome circle"
    assert str(refused.value).startswith("This session was changed by Ade Okoro at ")
    assert drafts_of(festival=programme.festival)[0].row["room"] == "Hall"


def test_a_draft_that_clashes_with_another_draft_is_refused(programme):
    edit(programme, "S01", start="14:00", end="15:00")

    with pytest.raises(EditRefused) as refused:
        edit(programme, "S02", start="14:30", end="15:30")

    assert refused.value.problems == [
        "Hall is double-booked on Mon 5 Jul: “Session 2” (14:30–15:30) overlaps “Session 1” "
        "(14:00–15:00, an unpublished change)."
    ]
    assert [draft.ref for draft in drafts_of(festival=programme.festival)] == ["S01"]


def test_a_new_session_is_a_draft_until_published(programme):
    saved = save_session_edit(
        festival=programme.festival,
        session=None,
        row={
            "event": "main",
            "date": "2027-07-06",
            "start": "09:30",
            "end": "10:00",
            "room": "Garden",
            "title": "Pop-up conversation",
            "format": "conversation",
        },
        started_from="new",
        by=programme.organiser,
        publish=False,
    )

    assert saved.ref.startswith("web-")
    assert Session.objects.count() == 2
    publish_drafts(festival=programme.festival, by=programme.organiser)
    added = session(saved.ref)
    assert (added.title, added.room.name, added.slug) == (
        "Pop-up conversation",
        "Garden",
        "pop-up-conversation",
    )
    assert ScheduleChange.objects.get(session=added).kind == "added"


def test_publishing_with_nothing_to_publish_is_refused(programme):
    with pytest.raises(EditRefused) as refused:
        publish_drafts(festival=programme.festival, by=programme.organiser)
    assert refused.value.problems == ["There are no unpublished changes to publish."]


def test_discarding_leaves_the_published_programme_as_it_was(programme):
    edit(programme, "S01", room="Garden")

    assert discard_drafts(festival=programme.festival) == 1
    assert drafts_of(festival=programme.festival) == []
    assert session("S01").room.name == "Hall"


def test_a_booked_session_cannot_be_deleted_and_an_unbooked_one_can(programme):
    Attendance.objects.create(
        user=UserFactory(), session=session("S01"), status=AttendanceStatus.GOING
    )

    with pytest.raises(EditRefused) as refused:
        delete_session(festival=programme.festival, session=session("S01"))
    delete_session(festival=programme.festival, session=session("S02"))

    assert refused.value.problems == [
        "1 person has a place on “Session 1” or wait for one: cancel the session instead, so "
        "that they hear of it."
    ]
    assert list(Session.objects.values_list("ref", flat=True)) == ["S01"]


def test_cancel_and_restore_are_edits_of_the_status(programme):
    row = published_row(session("S01"))
    assert with_status(row, SessionStatus.CANCELLED)["status"] == "cancelled"
    assert with_status(row, SessionStatus.SCHEDULED)["status"] == ""
    assert moved(row, room="Garden", date="2027-07-06", start="09:00", end="09:45") == row | {
        "room": "Garden",
        "date": "2027-07-06",
        "start": "09:00",
        "end": "09:45",
    }


@time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=LONDON), tick=False)
def test_publishing_sends_one_notice_per_person_after_the_window(programme):
    attendee = UserFactory(email="sam@example.org")
    Attendance.objects.create(user=attendee, session=session("S01"), status=AttendanceStatus.GOING)
    Attendance.objects.create(user=attendee, session=session("S02"), status=AttendanceStatus.GOING)
    edit(programme, "S01", start="14:00", end="15:00")
    edit(programme, "S02", room="Garden")
    publish_drafts(festival=programme.festival, by=programme.organiser)
    send_due_change_notices(now=datetime(2027, 6, 1, 12, tzinfo=LONDON))
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]


def test_reminders_follow_only_the_published_programme(programme):
    attendee = UserFactory()
    attendance = Attendance.objects.create(
        user=attendee, session=session("S01"), status=AttendanceStatus.GOING
    )
    plan_attendance_reminders(attendance=attendance, now=datetime(2027, 6, 1, tzinfo=LONDON))
    before = sorted(Reminder.objects.values_list("kind", "due_at"))

    edit(programme, "S01", start="14:00", end="15:00")
    drafted = sorted(Reminder.objects.values_list("kind", "due_at"))
    publish_drafts(festival=programme.festival, by=programme.organiser)

    assert drafted == before
    assert sorted(Reminder.objects.values_list("kind", "due_at")) == [
        ("before:1440", datetime(2027, 7, 4, 14, 0, tzinfo=LONDON)),
        ("before:60", datetime(2027, 7, 5, 13, 0, tzinfo=LONDON)),
    ]


def test_a_draft_overtaken_by_an_import_is_not_published_until_saved_again(
    programme, programme_csv
):
    edit(programme, "S01", room="Garden")
    import_programme(
        festival=programme.festival,
        content=programme_csv(
            {"capacity": "10", "title": "Opening circle, renamed"},
            {"start": "11:30", "end": "12:30", "title": "Session 2"},
        ),
    )

    with pytest.raises(EditRefused) as refused:
        publish_drafts(festival=programme.festival, by=programme.organiser)
    assert refused.value.problems == [
        "“Session 1” was changed (by an import or in the admin) after this draft was made: "
        "open it and save it again to keep your version, or discard it."
    ]
    assert session("S01").room.name == "Hall"

    draft = drafts_of(festival=programme.festival)[0]
    save_session_edit(
        festival=programme.festival,
        session=session("S01"),
        row=draft.row | {"title": "Opening circle, renamed"},
        started_from=version_of(session("S01"), draft),
        by=programme.organiser,
        publish=False,
    )
    publish_drafts(festival=programme.festival, by=programme.organiser)
    assert (session("S01").room.name, session("S01").title) == ("Garden", "Opening circle, renamed")


def test_a_new_session_without_a_place_waits_in_the_tray_until_placed(programme):
    saved = save_session_edit(
        festival=programme.festival,
        session=None,
        row={"event": "main", "title": "Pop-up: open mic", "format": "happening"},
        started_from="new",
        by=programme.organiser,
        publish=False,
    )
    edit(programme, "S01", room="Garden")

    published = publish_drafts(festival=programme.festival, by=programme.organiser)

    assert published.count == 1
    [waiting] = drafts_of(festival=programme.festival)
    assert (waiting.ref, waiting.is_placed, waiting.row["title"]) == (
        saved.ref,
        False,
        "Pop-up: open mic",
    )
    save_session_edit(
        festival=programme.festival,
        session=None,
        change=lambda row: moved(row, room="Studio", date="2027-07-06", start="10:00", end="10:30"),
        started_from=version_of(None, waiting),
        by=programme.organiser,
        publish=True,
        draft_ref=saved.ref,
    )
    placed = session(saved.ref)
    assert (placed.title, placed.room.name, placed.start) == (
        "Pop-up: open mic",
        "Studio",
        datetime(2027, 7, 6, 10, 0, tzinfo=LONDON),
    )
    assert drafts_of(festival=programme.festival) == []


def test_a_tray_session_needs_a_title(programme):
    with pytest.raises(EditRefused) as refused:
        save_session_edit(
            festival=programme.festival,
            session=None,
            row={"event": "main", "title": ""},
            started_from="new",
            by=programme.organiser,
            publish=False,
        )
    assert refused.value.problems == ["Title is empty."]
    assert PendingChange.objects.count() == 0
