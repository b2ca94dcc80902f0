# Apart from 0007: on PostgreSQL a column cannot be made NOT NULL in the transaction that
# filled it (its foreign key checks are still pending).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0007_schedule_change_outlives_its_session'),
        ('festival', '0003_programme_changed_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='schedulechange',
            name='festival',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_changes', to='festival.festival'),
        ),
    ]
