import logging

import pytest
from aiosmtpd.controller import Controller

from festival.outbox.services import Message, owe_messages
from festival.services import EMAIL_CONFIRMATION
from tests.events.reminders.test_scan_worker import free_port

HEALTHY = {"database": "ok", "broker": "ok", "mail": "ok", "messages_waiting": 0}


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_broker_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == HEALTHY
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_does_not(client, settings):
    # Port 1 on loopback: nothing listens there, so this is a real refused connection.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {**HEALTHY, "broker": "unreachable"}


@pytest.mark.django_db
def test_healthz_refuses_post(client):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET"


@pytest.mark.django_db
def test_healthz_answers_200_with_the_production_broker_redis(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, HEALTHY)


@pytest.mark.django_db
def test_healthz_answers_200_with_the_demo_filesystem_broker(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
    }

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, HEALTHY)


@pytest.mark.django_db
def test_healthz_answers_503_when_the_filesystem_broker_has_no_folder(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path / "missing"),
        "data_folder_out": str(tmp_path / "missing"),
    }

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {**HEALTHY, "broker": "unreachable"},
    )


def use_smtp(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


class Accepting:
    async def handle_DATA(self, server, session, envelope) -> str:
        return "250 OK"


@pytest.mark.django_db
def test_healthz_answers_200_with_a_real_smtp_server(client, settings):
    smtp = Controller(Accepting(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    use_smtp(settings, smtp.port)
    try:
        response = client.get("/healthz")
    finally:
        smtp.stop()

    assert (response.status_code, response.json()) == (200, HEALTHY)


@pytest.mark.django_db(transaction=True)
def test_healthz_names_a_mail_server_that_is_down_and_logs_what_waits_for_it(
    client, settings, caplog
):
    use_smtp(settings, free_port())  # nothing listens there: a real refused connection
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # and the broker: both are named
    owe_messages(
        Message(kind=EMAIL_CONFIRMATION, dedupe_key=f"health:{n}", recipient=f"{n}@example.org")
        for n in range(2)
    )

    with caplog.at_level(logging.WARNING, logger="config.health"):
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {"database": "ok", "broker": "unreachable", "mail": "unreachable", "messages_waiting": 2},
    )
    assert [record.getMessage() for record in caplog.records if record.name == "config.health"] == [
        "Unhealthy: broker, mail unreachable; 2 messages waiting in the outbox."
    ]
