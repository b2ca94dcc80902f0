"""Migration 0012 keeps the access needs people wrote before there were tick boxes."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0011_writeup_notices_are_outbox_messages"), ("festival", "0006_outbox")]
AFTER = [("events", "0012_access_provisions_and_needs")]


@pytest.mark.django_db(transaction=True)
def test_written_needs_become_the_bookings_own_and_blank_ones_follow_the_person():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user_model = old.get_model("festival", "User")
    festival = old.get_model("festival", "Festival").objects.create(
        name="F", slug="f", start_date="2027-07-05", end_date="2027-07-06"
    )
    venue = old.get_model("festival", "Venue").objects.create(name="V", slug="v")
    room = old.get_model("festival", "Room").objects.create(venue=venue, name="R")
    event = old.get_model("events", "Event").objects.create(
        festival=festival,
        title="E",
        slug="e",
        venue=venue,
        start="2027-07-05T09:00Z",
        end="2027-07-05T18:00Z",
    )
    session = old.get_model("events", "Session").objects.create(
        festival=festival,
        event=event,
        title="S",
        slug="s",
        start="2027-07-05T10:00Z",
        end="2027-07-05T11:00Z",
        room=room,
        format="talk",
    )
    attendance = old.get_model("events", "Attendance")
    for email, text in (("a@example.org", "Step-free, please."), ("b@example.org", "")):
        attendance.objects.create(
            user=user_model.objects.create(email=email),
            session=session,
            status="going",
            access_needs=text,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = new.get_model("events", "Attendance").objects.order_by("user__email")

    assert list(rows.values_list("access_need_codes", "access_needs")) == [
        ([], "Step-free, please."),
        (None, ""),
    ]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
