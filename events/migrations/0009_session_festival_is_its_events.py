# Session.festival is a copy of Session.event.festival (so that the database can hold "one
# slug and one ref per festival"). These triggers make the database hold the copy equal to
# the original, whoever writes the row: Session.save copies it, the CSV import and the admin
# set it, and a raw UPDATE or bulk write that gets it wrong is refused.
#
# An event that has sessions cannot move to another festival: the triggers refuse it rather
# than move its sessions along. Refusing is one check and is correct; following would need a
# cascade of writes and would still be wrong, as the sessions' speakers, slugs, bookings'
# reminders and change log belong to the festival they were made in (the admin already
# disables an event's festival once it exists). An event with no sessions may still move.
#
# Both refusals raise django.db.IntegrityError: SQLSTATE 23514 (check_violation) on
# PostgreSQL, RAISE(ABORT) (SQLITE_CONSTRAINT) on SQLite.
#
# SQLite drops a table's triggers when Django remakes the table, which most of its AlterField
# and AddField operations do: a later migration that changes events_session or events_event
# must run `create_triggers` again (tests/events/models/test_session_guarantees.py fails if
# the triggers are gone).

from django.db import migrations
from django.db.models import OuterRef, Subquery

SESSION_MESSAGE = "A session's festival must be its event's festival."
EVENT_MESSAGE = (
    "An event with sessions cannot move to another festival: its sessions belong to this one."
)


def quoted(message: str) -> str:
    return message.replace("'", "''")


POSTGRESQL = [
    f"""
    CREATE FUNCTION events_session_festival_is_events() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        event_festival_id bigint;
    BEGIN
        -- FOR KEY SHARE: an UPDATE moving the event to another festival (which changes a
        -- column of its unique (festival, slug) key) waits for this transaction to end, then
        -- sees this session and is refused; an ordinary save of the event does not wait.
        SELECT festival_id INTO event_festival_id
        FROM events_event WHERE id = NEW.event_id FOR KEY SHARE;
        IF NEW.festival_id IS DISTINCT FROM event_festival_id THEN
            RAISE EXCEPTION '{quoted(SESSION_MESSAGE)}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    """
    CREATE TRIGGER events_session_festival_is_events
    BEFORE INSERT OR UPDATE OF festival_id, event_id ON events_session
    FOR EACH ROW EXECUTE FUNCTION events_session_festival_is_events()
    """,
    f"""
    CREATE FUNCTION events_event_keeps_its_sessions_festival() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM events_session WHERE event_id = NEW.id) THEN
            RAISE EXCEPTION '{quoted(EVENT_MESSAGE)}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    """
    CREATE TRIGGER events_event_keeps_its_sessions_festival
    BEFORE UPDATE OF festival_id ON events_event
    FOR EACH ROW WHEN (OLD.festival_id IS DISTINCT FROM NEW.festival_id)
    EXECUTE FUNCTION events_event_keeps_its_sessions_festival()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER events_event_keeps_its_sessions_festival ON events_event",
    "DROP FUNCTION events_event_keeps_its_sessions_festival()",
    "DROP TRIGGER events_session_festival_is_events ON events_session",
    "DROP FUNCTION events_session_festival_is_events()",
]

SQLITE_MISMATCH = (
    "NEW.festival_id IS NOT (SELECT festival_id FROM events_event WHERE id = NEW.event_id)"
)
SQLITE = [
    f"""
    CREATE TRIGGER events_session_festival_is_events_insert
    BEFORE INSERT ON events_session
    FOR EACH ROW WHEN {SQLITE_MISMATCH}
    BEGIN SELECT RAISE(ABORT, '{quoted(SESSION_MESSAGE)}'); END
    """,
    f"""
    CREATE TRIGGER events_session_festival_is_events_update
    BEFORE UPDATE OF festival_id, event_id ON events_session
    FOR EACH ROW WHEN {SQLITE_MISMATCH}
    BEGIN SELECT RAISE(ABORT, '{quoted(SESSION_MESSAGE)}'); END
    """,
    f"""
    CREATE TRIGGER events_event_keeps_its_sessions_festival
    BEFORE UPDATE OF festival_id ON events_event
    FOR EACH ROW WHEN OLD.festival_id IS NOT NEW.festival_id
        AND EXISTS (SELECT 1 FROM events_session WHERE event_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, '{quoted(EVENT_MESSAGE)}'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER events_event_keeps_its_sessions_festival",
    "DROP TRIGGER events_session_festival_is_events_update",
    "DROP TRIGGER events_session_festival_is_events_insert",
]

CREATE = {"postgresql": POSTGRESQL, "sqlite": SQLITE}
DROP = {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}


def run(schema_editor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise NotImplementedError(
            f"Convene runs on PostgreSQL or SQLite: write the session festival triggers for "
            f"{vendor} in {__name__}."
        )
    for statement in statements[vendor]:
        schema_editor.execute(statement, params=None)


def copy_festival_from_event(apps, schema_editor):
    """Rows written around Session.save (a raw UPDATE) follow their event, as the next save
    would make them; none should differ, and the triggers would refuse any left."""
    Session = apps.get_model("events", "Session")
    Event = apps.get_model("events", "Event")
    of_event = Event.objects.filter(pk=OuterRef("event_id")).values("festival_id")[:1]
    Session.objects.exclude(festival_id=Subquery(of_event)).update(
        festival_id=Subquery(of_event)
    )


def create_triggers(apps, schema_editor):
    run(schema_editor, CREATE)


def drop_triggers(apps, schema_editor):
    run(schema_editor, DROP)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0008_schedule_change_festival_required'),
    ]

    operations = [
        migrations.RunPython(copy_festival_from_event, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
