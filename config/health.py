"""`/healthz`: 200 only when the database, the Celery broker and the mail server all answer.

Any part that does not is named in the answer ("unreachable") and the answer is 503, with the
number of messages the outbox is holding, and a warning goes to the log saying the same: an
operator watching either learns what is down and how much mail waits for it. Pages go on
working meanwhile (messages are rows first; see festival/outbox).
"""

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from festival.outbox.selectors import waiting_count

logger = logging.getLogger(__name__)

# Each check gives up after this many seconds, so a part that hangs cannot hang the check.
TIMEOUT_SECONDS = 2


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_answers() -> bool:
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=TIMEOUT_SECONDS,
        ) as broker:
            broker.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=TIMEOUT_SECONDS
            )
            # Connecting proves little for the filesystem transport; declaring the queue
            # Celery uses touches its folders (and Redis's list), as the worker will.
            broker.default_channel.queue_declare(queue=settings.CELERY_TASK_DEFAULT_QUEUE)
        return True
    except Exception:
        return False


def mail_answers() -> bool:
    """Opens (and closes) a connection to the mail server. Backends with no server (console,
    file, memory) open nothing and answer at once."""
    try:
        with get_connection(timeout=TIMEOUT_SECONDS):
            pass
        return True
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_answers(), "broker": broker_answers(), "mail": mail_answers()}
    body: dict[str, str | int | None] = {
        name: "ok" if up else "unreachable" for name, up in checks.items()
    }
    body["messages_waiting"] = waiting_count() if checks["database"] else None
    down = [name for name, up in checks.items() if not up]
    if down:
        logger.warning(
            "Unhealthy: %s unreachable; %s messages waiting in the outbox.",
            ", ".join(down),
            "an unknown number of"
            if body["messages_waiting"] is None
            else body["messages_waiting"],
        )
    return JsonResponse(body, status=503 if down else 200)
