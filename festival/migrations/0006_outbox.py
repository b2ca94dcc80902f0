# The outbox: every email is a row before it is sent (festival/outbox).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('festival', '0005_publish_changes_at_once'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=64)),
                ('dedupe_key', models.CharField(max_length=200, unique=True)),
                ('payload', models.JSONField(default=dict)),
                ('recipient', models.CharField(max_length=254)),
                ('due_at', models.DateTimeField()),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('cancelled_at', models.DateTimeField(blank=True, help_text='Set when there was nothing left to say when it was due.', null=True)),
                ('failed_at', models.DateTimeField(blank=True, help_text='Set after the last attempt failed; shown to organisers.', null=True)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('festival', models.ForeignKey(blank=True, help_text='The festival whose organisers see it if it cannot be sent.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='outbox_messages', to='festival.festival')),
            ],
            options={
                'ordering': ['due_at', 'pk'],
                'indexes': [models.Index(condition=models.Q(('cancelled_at__isnull', True), ('failed_at__isnull', True), ('sent_at__isnull', True)), fields=['due_at'], name='outbox_waiting_due')],
            },
        ),
    ]
