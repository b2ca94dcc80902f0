"""`/healthz`: 200 only when the database and the Celery broker both answer."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection


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
            connect_timeout=2,
        ) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            # Connecting proves little for the filesystem transport; declaring the queue
            # Celery uses touches its folders (and Redis's list), as the worker will.
            broker.default_channel.queue_declare(queue=settings.CELERY_TASK_DEFAULT_QUEUE)
        return True
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_answers(), "broker": broker_answers()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse(
        {name: "ok" if up else "unreachable" for name, up in checks.items()}, status=status
    )
