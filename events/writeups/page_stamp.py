"""The write-ups' content stamp for cached pages (`festival.page_cache`): one aggregate query
whose value moves when a write-up is published, edited, withdrawn or deleted."""

from django.db.models import Count, Max, Q

from events.enums import WriteUpStatus
from events.models import WriteUp
from festival.page_cache import register_stamp


def writeups_stamp() -> tuple:
    shown = Q(status=WriteUpStatus.PUBLISHED)
    row = WriteUp.objects.aggregate(
        shown=Count("pk", filter=shown),
        changed=Max("updated_at"),
        latest=Max("published_at", filter=shown),
    )
    return row["shown"], row["changed"], row["latest"]


register_stamp("writeups", writeups_stamp)
