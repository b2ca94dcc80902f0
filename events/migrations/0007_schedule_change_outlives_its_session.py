# The change log outlives its session (ScheduleChange.session SET_NULL, with the festival and
# the title kept on the row); a session with places or waitlist spots cannot be deleted; no
# default orderings that join other tables.

import django.db.models.deletion
from django.db import migrations, models

import events.models.attendance


def copy_festival_and_title(apps, schema_editor):
    ScheduleChange = apps.get_model("events", "ScheduleChange")
    Session = apps.get_model("events", "Session")
    of_session = Session.objects.filter(pk=models.OuterRef("session_id"))
    ScheduleChange.objects.update(
        festival_id=models.Subquery(of_session.values("event__festival_id")[:1]),
        session_title=models.Subquery(of_session.values("title")[:1]),
    )


def delete_changes_of_deleted_sessions(apps, schema_editor):
    # Before this migration a change could not outlive its session.
    apps.get_model("events", "ScheduleChange").objects.filter(session=None).delete()
    if schema_editor.connection.vendor == "postgresql":
        # Check the deletion's foreign keys now: PostgreSQL alters no table with checks pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0006_reminders'),
        ('festival', '0003_programme_changed_at'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='attendance',
            options={},
        ),
        migrations.AlterModelOptions(
            name='session',
            options={},
        ),
        migrations.AlterField(
            model_name='attendance',
            name='session',
            field=models.ForeignKey(on_delete=events.models.attendance.protect_active_bookings, related_name='attendances', to='events.session'),
        ),
        migrations.AlterField(
            model_name='schedulechange',
            name='session',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='changes', to='events.session'),
        ),
        migrations.AddField(
            model_name='schedulechange',
            name='festival',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_changes', to='festival.festival'),
        ),
        migrations.AddField(
            model_name='schedulechange',
            name='session_title',
            field=models.CharField(default='', editable=False, max_length=200),
            preserve_default=False,
        ),
        # Every change so far has its session: ScheduleChange.session was CASCADE until now.
        migrations.RunPython(copy_festival_and_title, delete_changes_of_deleted_sessions),
    ]
