"""The write-up admin (events/admin/writeups.py): scoped listing, publish and unpublish, edits."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.text import slugify

from events.enums import AttendanceStatus
from events.models import Attendance, Session, WriteUp
from tests.events.admin.test_programme import in_organisers_group
from tests.factories import LONDON, SessionFactory, StoryFactory, UserFactory
from tests.html import texts
from tests.outbox import owed, send_owed

PUBLISHED_AT = datetime(2027, 7, 6, 18, 0, tzinfo=LONDON)


def write_up(session: Session, title: str, *, published: bool = True, **fields) -> WriteUp:
    """A complete write-up of `session`, published the day after unless `published=False`."""
    values = {
        "session": session,
        "author_name": "Mel Parks",
        "title": title,
        "slug": slugify(title),
        "summary": "How it went.",
        "body": "We sat in a circle.",
        "status": WriteUp.Status.PUBLISHED if published else WriteUp.Status.DRAFT,
        "published_at": PUBLISHED_AT if published else None,
    }
    return WriteUp.objects.create(**{**values, **fields})


def post_action(client, action: str, *writeups: WriteUp):
    return client.post(
        reverse("admin:events_writeup_changelist"),
        {"action": action, "_selected_action": [writeup.pk for writeup in writeups]},
        follow=True,
    )


@pytest.mark.django_db
def test_writeup_changelist_shows_every_festivals_write_ups_drafts_first(admin_client):
    talk = SessionFactory(title="What is co-production?", event__festival__name="Courage Day")
    other = SessionFactory(title="Trust first", event__festival__name="Another festival")
    write_up(talk, "Telling the history", author_name="Linda")
    write_up(other, "Trust, first and last", published=False, author_name="Becky Seale")

    listed = admin_client.get(reverse("admin:events_writeup_changelist"))

    assert [
        texts(listed, f"{cell}.field-{name}")
        for cell, name in (
            ("th", "title"),
            ("td", "session"),
            ("td", "festival"),
            ("td", "author_name"),
            ("td", "status"),
            ("td", "published_at"),
        )
    ] == [
        ["Trust, first and last", "Telling the history"],
        ["Trust first", "What is co-production?"],
        ["Another festival", "Courage Day"],
        ["Becky Seale", "Linda"],
        ["Draft", "Published"],
        ["-", "6 Jul 2027, 18:00"],
    ]
    assert [
        choice
        for _value, choice in listed.context["cl"].model_admin.get_action_choices(
            listed.wsgi_request
        )
    ][1:] == ["Delete selected write-ups", "Publish", "Unpublish (back to draft)"]


@pytest.mark.django_db
def test_organisers_see_and_act_on_only_their_own_festivals_write_ups(client):
    mel = in_organisers_group(UserFactory(email="mel@example.org"))
    becky = in_organisers_group(UserFactory(email="becky@example.org"))
    mels = write_up(SessionFactory(event__festival__organisers=[mel]), "Mel's write-up")
    beckys = write_up(SessionFactory(event__festival__organisers=[becky]), "Becky's write-up")
    seen = {}
    for organiser, theirs in ((mel, beckys), (becky, mels)):
        client.force_login(organiser)
        listed = client.get(reverse("admin:events_writeup_changelist"))
        other = client.get(reverse("admin:events_writeup_change", args=[theirs.pk]))
        post_action(client, "unpublish", theirs)
        seen[organiser.email] = (
            [writeup.title for writeup in listed.context["cl"].result_list],
            other.status_code,
        )

    assert seen == {
        "mel@example.org": (["Mel's write-up"], 302),
        "becky@example.org": (["Becky's write-up"], 302),
    }
    assert set(WriteUp.objects.values_list("status", flat=True)) == {WriteUp.Status.PUBLISHED}


@pytest.mark.django_db
def test_write_ups_cannot_be_added_in_the_admin(admin_client):
    response = admin_client.get(reverse("admin:events_writeup_add"))

    assert response.status_code == 403


@pytest.mark.django_db
def test_publish_action_emails_attendees_the_first_time_only(admin_client):
    session = SessionFactory()
    Attendance.objects.create(
        user=UserFactory(email="ada@example.org"), session=session, status=AttendanceStatus.GOING
    )
    draft = write_up(session, "A draft", published=False)

    published = post_action(admin_client, "publish", draft)
    first = owed()
    send_owed()
    post_action(admin_client, "unpublish", draft)
    post_action(admin_client, "publish", draft)

    draft.refresh_from_db()
    assert (draft.status, draft.slug, first, owed()) == (
        WriteUp.Status.PUBLISHED,
        "a-draft",
        [("writeup-notice", "ada@example.org")],
        [],
    )
    assert texts(published, "li.info") == ["1 write-up published."]


@pytest.mark.django_db
def test_publish_action_leaves_an_incomplete_draft_and_says_why(admin_client):
    draft = write_up(SessionFactory(), "No summary yet", published=False, summary="")

    response = post_action(admin_client, "publish", draft)

    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (WriteUp.Status.DRAFT, None)
    assert (texts(response, "li.info"), texts(response, "li.warning")) == (
        ["0 write-ups published."],
        [
            "Not published: No summary yet. A write-up needs a title, a summary and what "
            "happened before it is published."
        ],
    )


@pytest.mark.django_db
def test_unpublish_action_makes_a_draft_and_keeps_its_address_and_date(admin_client):
    session = SessionFactory()
    writeup = write_up(session, "Looking back")
    festival = session.festival
    stamp = festival.programme_changed_at

    response = post_action(admin_client, "unpublish", writeup)

    writeup.refresh_from_db()
    festival.refresh_from_db()
    assert (writeup.status, writeup.slug, writeup.published_at) == (
        WriteUp.Status.DRAFT,
        "looking-back",
        PUBLISHED_AT,
    )
    assert festival.programme_changed_at != stamp
    assert texts(response, "li.info") == ["1 write-up is a draft again."]


def writeup_form(writeup: WriteUp, **changes) -> dict:
    values = {
        name: getattr(writeup, name)
        for name in ("title", "summary", "body", "what_worked", "challenges", "next_time")
    }
    values["stories"] = [story.pk for story in writeup.stories.all()]
    return {**values, **changes}


@pytest.mark.django_db
def test_editing_a_published_write_up_in_the_admin_marks_it_edited(client, admin_user):
    writeup = write_up(SessionFactory(), "Looking back")
    story = StoryFactory()
    edited_at = datetime(2027, 7, 8, 9, 0, tzinfo=LONDON)

    with time_machine.travel(edited_at, tick=False):
        client.force_login(admin_user)
        response = client.post(
            reverse("admin:events_writeup_change", args=[writeup.pk]),
            writeup_form(writeup, body="We sat in a *big* circle.", stories=[story.pk]),
        )

    writeup.refresh_from_db()
    assert response.status_code == 302
    assert (writeup.body, writeup.edited_at, list(writeup.stories.all()), writeup.slug) == (
        "We sat in a *big* circle.",
        edited_at,
        [story],
        "looking-back",
    )


@pytest.mark.django_db
def test_a_published_write_up_cannot_lose_what_happened_in_the_admin(admin_client):
    writeup = write_up(SessionFactory(), "Looking back")

    response = admin_client.post(
        reverse("admin:events_writeup_change", args=[writeup.pk]), writeup_form(writeup, body="")
    )

    writeup.refresh_from_db()
    assert response.context["adminform"].form.non_field_errors() == [
        "A write-up needs a title, a summary and what happened before it is published."
    ]
    assert writeup.body == "We sat in a circle."


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_writeup_changelist_query_count_is_constant(admin_client, django_assert_num_queries, count):
    for number in range(count):
        write_up(SessionFactory(), f"Write-up {number}")

    with django_assert_num_queries(7):
        response = admin_client.get(reverse("admin:events_writeup_changelist"))

    assert len(response.context["cl"].result_list) == count
