# A venue's rooms in timetable order by default, without the join to Venue for every query of
# rooms; lists across venues order by venue themselves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('festival', '0003_programme_changed_at'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='room',
            options={'ordering': ['position', 'name']},
        ),
    ]
