"""The outbox in the admin: superusers see every message and can try given-up ones again;
organisers (staff, not superusers) cannot see it at all, since it names people of every
festival."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from festival.models import OutboxMessage
from festival.services import EMAIL_CONFIRMATION
from tests.factories import FestivalFactory, UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 7, 1, 9, tzinfo=UTC)
CHANGELIST = "/admin/festival/outboxmessage/"


def owe(key: str, **values) -> OutboxMessage:
    return OutboxMessage.objects.create(
        kind=EMAIL_CONFIRMATION, dedupe_key=key, recipient=f"{key}@example.org", due_at=NOW,
        **values,
    )  # fmt: skip


def test_a_superuser_lists_every_message(admin_client):
    owe("ana", attempts=5, failed_at=NOW, last_error="SMTP: 550")

    page = admin_client.get(CHANGELIST)

    assert page.status_code == 200
    assert texts(page, "td.field-recipient") == ["ana@example.org"]
    assert texts(page, "td.field-last_error") == ["SMTP: 550"]


def test_an_organiser_cannot_see_the_outbox(client):
    organiser = UserFactory(is_staff=True)
    FestivalFactory(organisers=[organiser])
    owe("ana")
    client.force_login(organiser)

    assert client.get(CHANGELIST).status_code == 403
    assert "Outbox" not in client.get("/admin/").content.decode()


def test_try_again_puts_given_up_messages_back_and_leaves_sent_ones(admin_client):
    gave_up = owe("ana", attempts=5, failed_at=NOW, last_error="SMTP: 550")
    sent = owe("bo", attempts=1, sent_at=NOW)

    before = timezone.now()
    page = admin_client.post(
        CHANGELIST,
        {"action": "try_again", "index": 0, "_selected_action": [gave_up.pk, sent.pk]},
        follow=True,
    )

    gave_up.refresh_from_db()
    sent.refresh_from_db()
    assert texts(page, "li.success") == ["1 message will be tried again."]
    assert (gave_up.attempts, gave_up.failed_at, gave_up.last_error) == (0, None, "")
    assert before <= gave_up.due_at <= timezone.now()
    assert (sent.attempts, sent.sent_at) == (1, NOW)
