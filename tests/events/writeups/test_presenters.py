from datetime import datetime, timedelta

import pytest

from events.enums import SessionStatus, WriteUpStatus
from events.writeups.presenters import PastSession, speaker_section
from events.writeups.selectors import speaker_work_of
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
    WriteUpFactory,
)

NOW = datetime(2027, 7, 6, 12, tzinfo=LONDON)
HOUR = timedelta(hours=1)
NEW = "/festivals/nacpf/sessions/"

pytestmark = pytest.mark.django_db


def test_speaker_section_splits_sessions_at_now_and_gives_each_past_one_its_write_up():
    me = UserFactory()
    festival = FestivalFactory(slug="nacpf")
    speaker = SpeakerFactory(festival=festival, user=me)
    event = EventFactory(festival=festival)

    def spoken(slug: str, start: datetime, **values):
        return SessionFactory(
            event=event, title=slug, start=start, end=start + HOUR, speakers=[speaker], **values
        )

    first = spoken("first", NOW - 5 * HOUR)
    second = spoken("second", NOW - 4 * HOUR)
    third = spoken("third", NOW - 3 * HOUR)
    called_off = spoken("called-off", NOW - 2 * HOUR, status=SessionStatus.CANCELLED)
    on_now = spoken("on-now", NOW - HOUR / 2)
    WriteUpFactory(session=second, author=me, slug="draft")
    WriteUpFactory(session=third, author=me, slug="out", status=WriteUpStatus.PUBLISHED)

    section = speaker_section(speaker_work_of(user=me), now=NOW)

    assert section.profiles == [speaker]
    assert section.upcoming == [on_now]
    assert section.past == [
        PastSession(called_off, "cancelled", "Cancelled: nothing to write up"),
        PastSession(third, "published", "Published", "Edit your write-up", "/write-ups/out/edit/"),
        PastSession(second, "draft", "Draft", "Finish your draft", "/write-ups/draft/edit/"),
        PastSession(first, "to-write", "To write", "Write it up", f"{NEW}first/write-up/"),
    ]


def test_speaker_section_is_none_for_someone_who_speaks_nowhere(django_assert_num_queries):
    me = UserFactory()

    with django_assert_num_queries(1):
        work = speaker_work_of(user=me)

    assert speaker_section(work, now=NOW) is None
