# Write-up emails are outbox messages now (festival.OutboxMessage, one per person, keyed
# "writeup-notice:<write-up>:<user>"). The record of those already sent moves there first, so
# nobody who was told is ever owed the same email again.

from django.db import migrations


def move_notices_to_outbox(apps, schema_editor):
    WriteUpNotice = apps.get_model("events", "WriteUpNotice")
    OutboxMessage = apps.get_model("festival", "OutboxMessage")
    notices = WriteUpNotice.objects.select_related("user", "writeup__session")
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                kind="writeup-notice",
                dedupe_key=f"writeup-notice:{notice.writeup_id}:{notice.user_id}",
                payload={"writeup_id": notice.writeup_id, "user_id": notice.user_id},
                recipient=notice.user.email,
                festival_id=notice.writeup.session.festival_id,
                due_at=notice.sent_at,
                sent_at=notice.sent_at,
                attempts=1,
            )
            for notice in notices.iterator()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_pending_changes"),
        ("festival", "0006_outbox"),
    ]

    operations = [
        migrations.RunPython(move_notices_to_outbox, migrations.RunPython.noop),
        migrations.DeleteModel(name="WriteUpNotice"),
    ]
