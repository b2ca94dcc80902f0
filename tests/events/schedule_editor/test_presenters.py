"""What the schedule editor shows: events/schedule_editor/presenters.py."""

import pytest

from events.models import PendingChange
from events.schedule_editor.presenters import change_label, draft_kind, end_keeping_length

BASE = {"date": "2027-07-05", "start": "10:00", "end": "11:00", "room": "Hall", "status": "",
        "title": "Opening circle"}  # fmt: skip


@pytest.mark.parametrize(
    ("row", "base", "label", "kind"),
    [
        (BASE, None, "Added", "new"),
        (BASE | {"status": "cancelled"}, BASE, "Cancelled", "cancelled"),
        (BASE, BASE | {"status": "cancelled"}, "Back on", "restored"),
        (BASE | {"start": "12:00", "end": "13:00"}, BASE, "Moved", "moved"),
        (BASE | {"room": "Garden"}, BASE, "Room changed", "moved"),
        (BASE | {"title": "Welcome circle"}, BASE, "Edited", "edited"),
    ],
)
def test_a_draft_says_what_it_will_do(row, base, label, kind):
    draft = PendingChange(row=row, base_row=base)
    assert (change_label(draft), draft_kind(draft)) == (label, kind)


def test_a_move_without_an_end_keeps_the_length():
    assert end_keeping_length(BASE | {"end": "11:45"}, start="14:30") == "16:15"
