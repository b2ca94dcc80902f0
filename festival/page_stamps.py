"""The Hub's content stamps for cached pages (`festival.page_cache`): stories and festivals.

Each is one aggregate query whose value moves whenever what a page shows of them changes,
deletions and a story's publication time passing included (its count of shown rows moves).
"""

from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from festival.models import Festival, Story, Tag
from festival.page_cache import register_stamp

# Stories and their tags in one query (the ORM's aggregate reads one table): a tag renamed or
# deleted renames the pages that show it, a tag page with no story on it included.
STORIES_STAMP = """
    SELECT
        (SELECT COUNT(*) FROM {story} WHERE status = %(published)s AND published_at <= %(now)s),
        (SELECT MAX(published_at) FROM {story}
            WHERE status = %(published)s AND published_at <= %(now)s),
        (SELECT MAX(updated_at) FROM {story}),
        (SELECT COUNT(*) FROM {tag}),
        (SELECT MAX(updated_at) FROM {tag})
"""


def stories_stamp() -> tuple:
    sql = STORIES_STAMP.format(story=Story._meta.db_table, tag=Tag._meta.db_table)
    with connection.cursor() as cursor:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(sql, {"published": Story.Status.PUBLISHED, "now": now})
        return tuple(cursor.fetchone())


def festivals_stamp() -> tuple:
    """For pages that name festivals of any kind (a story's): any festival renamed or
    published."""
    row = Festival.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return row["count"], row["changed"]


def programmes_stamp() -> tuple:
    """For pages that name sessions of any festival (the write-ups' lists)."""
    return (Festival.objects.aggregate(changed=Max("programme_changed_at"))["changed"],)


register_stamp("stories", stories_stamp)
register_stamp("festivals", festivals_stamp)
register_stamp("programmes", programmes_stamp)
