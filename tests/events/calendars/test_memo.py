"""Feeds are kept in each process too, by their content-addressed keys; a person's private
feed only in the shared cache."""

from django.core.cache import cache

from events.calendars import http


def test_a_public_feed_is_kept_in_the_process_and_built_once():
    builds = []

    def build() -> bytes:
        builds.append(1)
        return b"BEGIN:VCALENDAR"

    first = http.kept("calendar-feed:public", build, memo=True)
    cache.clear()  # another worker emptied the shared cache: this process still has its copy
    again = http.kept("calendar-feed:public", build, memo=True)

    assert (first, again, len(builds)) == (b"BEGIN:VCALENDAR", b"BEGIN:VCALENDAR", 1)
    assert http._memo.values() == {"calendar-feed:public": b"BEGIN:VCALENDAR"}


def test_a_private_feed_stays_out_of_the_process():
    body = http.kept("calendar-feed:private", lambda: b"mine", memo=False)

    assert (body, cache.get("calendar-feed:private"), http._memo.values()) == (b"mine", b"mine", {})
