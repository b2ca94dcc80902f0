"""Write-ups: who may write, edit and see them; the form (draft, preview, publish, edit); where
published ones appear; Markdown made safe.

The setting (`build_writeup_setting`) and helpers here are shared with test_feeds.py,
test_emails.py, test_calendar_links.py and test_services.py.
"""

from dataclasses import dataclass
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from events.enums import AttendanceStatus, SessionStatus
from events.models import Attendance, Session, WriteUp
from events.writeups.services import WriteUpContent, create_writeup, publish_writeup, update_writeup
from festival.models import Festival, Speaker, Story, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    StoryFactory,
    UserFactory,
    VenueFactory,
)
from tests.html import texts


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


# Monday 5 July 2027, after lunch: the morning talk is over, the evening one not started.
AFTER_THE_TALK = at(5, 13)


@dataclass(frozen=True)
class WriteUpSetting:
    """The festival on Mon 5 July 2027: Mel's talk at 10:00 (Ann has a place), Linda's talk at
    18:00, and a Hub story to link to."""

    festival: Festival
    talk: Session
    evening: Session
    mel: Speaker
    linda: Speaker
    story: Story
    organiser: User
    mel_user: User
    linda_user: User
    ann: User


def build_writeup_setting() -> WriteUpSetting:
    organiser = UserFactory(email="organiser@example.org", name="Olu Organiser")
    festival = FestivalFactory(
        name="Not Another Co-production Festival", slug="nacpf", organisers=[organiser]
    )
    venue = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(festival=festival, venue=venue, start=at(5, 9), end=at(6, 18))
    hall = RoomFactory(venue=venue, name="Hall", position=1)
    mel_user = UserFactory(email="mel@example.org", name="Mel P")
    linda_user = UserFactory(email="linda@example.org", name="Linda R")
    mel = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks", user=mel_user)
    linda = SpeakerFactory(festival=festival, name="Linda", slug="linda", user=linda_user)
    talk = SessionFactory(
        event=event,
        title="What is co-production?",
        slug="what-is-co-production",
        start=at(5, 10),
        end=at(5, 11),
        room=hall,
        speakers=[mel],
    )
    evening = SessionFactory(
        event=event,
        title="Evening circle",
        slug="evening-circle",
        start=at(5, 18),
        end=at(5, 19),
        room=hall,
        speakers=[linda],
    )
    ann = UserFactory(email="ann@example.org", name="Ann Attendee")
    Attendance.objects.create(user=ann, session=talk, status=AttendanceStatus.GOING)
    story = StoryFactory(
        title="Courage in Co-Production: A Day Festival",
        slug="courage-in-co-production",
        author="Mel Parks",
        festival=festival,
    )
    return WriteUpSetting(
        festival=festival,
        talk=talk,
        evening=evening,
        mel=mel,
        linda=linda,
        story=story,
        organiser=organiser,
        mel_user=mel_user,
        linda_user=linda_user,
        ann=ann,
    )


@pytest.fixture
def writeup_setting(db) -> WriteUpSetting:
    return build_writeup_setting()


@pytest.fixture(autouse=True)
def after_the_talk():
    with time_machine.travel(AFTER_THE_TALK, tick=False):
        yield


def new_url(session: Session) -> str:
    return reverse(
        "writeup-new", kwargs={"festival": session.festival.slug, "session": session.slug}
    )


def edit_url(writeup: WriteUp) -> str:
    return reverse("writeup-edit", kwargs={"writeup": writeup.slug})


def content(**changes) -> WriteUpContent:
    values = {
        "title": "We learned to listen",
        "summary": "Forty people, one room, and a plan that changed by eleven.",
        "body": "We met in the *Hall*.",
        "what_worked": "Small groups.",
        "challenges": "The microphone failed.",
        "next_time": "Start with lunch.",
    }
    return WriteUpContent(**{**values, **changes})


def form_data(action: str, **changes) -> dict:
    data = {
        "title": "We learned to listen",
        "summary": "Forty people, one room, and a plan that changed by eleven.",
        "body": "We met in the *Hall*.",
        "what_worked": "Small groups.",
        "challenges": "The microphone failed.",
        "next_time": "Start with lunch.",
        "story_search": "",
        "action": action,
    }
    data.update(changes)
    return data


def draft_by_mel(setting: WriteUpSetting, **changes) -> WriteUp:
    return create_writeup(
        session=setting.talk, author=setting.mel_user, content=content(**changes), publish=False
    )


def published_by_mel(setting: WriteUpSetting, **changes) -> WriteUp:
    return create_writeup(
        session=setting.talk, author=setting.mel_user, content=content(**changes), publish=True
    )


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def person(setting: WriteUpSetting, role: str) -> User | None:
    return {
        "speaker": setting.mel_user,
        "organiser": setting.organiser,
        "other speaker": setting.linda_user,
        "attendee": setting.ann,
        "anonymous": None,
    }[role]


def login_redirect(url: str) -> str:
    return f"{reverse('login')}?next={url}"


# Who may start a write-up


@pytest.mark.parametrize("role", ["speaker", "organiser"])
def test_writeup_form_opens_for_the_sessions_speakers_and_organisers(writeup_setting, role):
    response = client_of(person(writeup_setting, role)).get(new_url(writeup_setting.talk))

    assert response.status_code == 200
    assert texts(response, "h1") == ["Write up “What is co-production?”"]
    assert texts(response, "button.writeup-action") == [
        "Save draft",
        "Preview",
        "Publish",
    ]


@pytest.mark.parametrize("role", ["other speaker", "attendee"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_writeup_form_is_refused_to_other_people(writeup_setting, role, method):
    client = client_of(person(writeup_setting, role))

    response = getattr(client, method)(new_url(writeup_setting.talk), form_data("publish"))

    assert response.status_code == 403
    assert texts(response, ".writeup-refusal") == [
        "Only the session's speakers and the festival's organisers can write it up."
    ]
    assert WriteUp.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_writeup_form_sends_anonymous_visitors_to_log_in(writeup_setting, method):
    url = new_url(writeup_setting.talk)

    response = getattr(Client(), method)(url, form_data("publish") if method == "post" else {})

    assert (response.status_code, response["Location"]) == (302, login_redirect(url))
    assert WriteUp.objects.count() == 0


@pytest.mark.parametrize("role", ["speaker", "organiser"])
def test_writeup_before_the_session_starts_is_refused_with_its_start(writeup_setting, role):
    client = client_of(person(writeup_setting, role))

    with time_machine.travel(at(5, 9, 59), tick=False):
        response = client.post(new_url(writeup_setting.talk), form_data("publish"))

    assert response.status_code == 403
    assert texts(response, ".writeup-refusal") == [
        "You can write up this session once it has started: it starts on Monday 5 July 2027 "
        "at 10:00."
    ]
    assert WriteUp.objects.count() == 0


def test_writeup_of_a_cancelled_session_is_refused(writeup_setting):
    Session.objects.filter(pk=writeup_setting.talk.pk).update(status=SessionStatus.CANCELLED)

    response = client_of(writeup_setting.mel_user).get(new_url(writeup_setting.talk))

    assert response.status_code == 403
    assert texts(response, ".writeup-refusal") == [
        "This session was cancelled, so there is nothing to write up."
    ]


def test_writeup_form_takes_the_speaker_to_their_own_started_writeup(writeup_setting):
    writeup = draft_by_mel(writeup_setting)

    response = client_of(writeup_setting.mel_user).get(new_url(writeup_setting.talk))

    assert (response.status_code, response["Location"]) == (302, edit_url(writeup))


def test_writeup_form_of_an_unknown_session_is_404(writeup_setting):
    url = reverse("writeup-new", kwargs={"festival": "nacpf", "session": "no-such-session"})

    response = client_of(writeup_setting.organiser).get(url)

    assert response.status_code == 404


# Who may edit


@pytest.mark.parametrize("role", ["speaker", "organiser"])
@pytest.mark.parametrize("published", [False, True])
def test_writeup_edit_opens_for_its_author_and_organisers(writeup_setting, role, published):
    writeup = (published_by_mel if published else draft_by_mel)(writeup_setting)

    response = client_of(person(writeup_setting, role)).get(edit_url(writeup))

    assert response.status_code == 200
    assert texts(response, "h1") == ["Edit your write-up"]
    assert response.context["form"]["title"].value() == "We learned to listen"


@pytest.mark.parametrize("role", ["other speaker", "attendee"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_writeup_edit_of_a_draft_is_404_to_everyone_else(writeup_setting, role, method):
    writeup = draft_by_mel(writeup_setting)
    client = client_of(person(writeup_setting, role))

    response = getattr(client, method)(edit_url(writeup), form_data("publish", title="Mine"))

    assert response.status_code == 404
    writeup.refresh_from_db()
    assert (writeup.title, writeup.status) == ("We learned to listen", WriteUp.Status.DRAFT)


@pytest.mark.parametrize("role", ["other speaker", "attendee"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_writeup_edit_of_a_published_writeup_is_refused_to_everyone_else(
    writeup_setting, role, method
):
    writeup = published_by_mel(writeup_setting)
    client = client_of(person(writeup_setting, role))

    response = getattr(client, method)(edit_url(writeup), form_data("save", title="Mine"))

    assert response.status_code == 403
    assert texts(response, ".writeup-refusal") == [
        "Only the author of a write-up and the festival's organisers can edit it."
    ]
    writeup.refresh_from_db()
    assert writeup.title == "We learned to listen"


@pytest.mark.parametrize("method", ["get", "post"])
def test_writeup_edit_sends_anonymous_visitors_to_log_in(writeup_setting, method):
    writeup = draft_by_mel(writeup_setting)
    url = edit_url(writeup)

    response = getattr(Client(), method)(url, form_data("publish") if method == "post" else {})

    assert (response.status_code, response["Location"]) == (302, login_redirect(url))
    writeup.refresh_from_db()
    assert writeup.status == WriteUp.Status.DRAFT


# Drafts are private


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("speaker", 200),
        ("organiser", 200),
        ("other speaker", 404),
        ("attendee", 404),
        ("anonymous", 404),
    ],
)
def test_draft_page_is_seen_only_by_its_author_and_organisers(writeup_setting, role, status):
    writeup = draft_by_mel(writeup_setting)

    response = client_of(person(writeup_setting, role)).get(writeup.get_absolute_url())

    assert response.status_code == status
    if status == 200:
        assert texts(response, ".writeup-draft-note") == [
            "Draft. Only its author and the festival’s organisers can see it until it is published."
        ]


def test_drafts_are_on_no_public_page(writeup_setting, client):
    draft_by_mel(writeup_setting, title="A secret draft")
    setting = writeup_setting

    pages = [
        reverse("writeup-list"),
        reverse("writeup-feed"),
        setting.talk.get_absolute_url(),
        setting.mel.get_absolute_url(),
        reverse("hub-home"),
        setting.story.get_absolute_url(),
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert "A secret draft" not in response.content.decode(), url


def test_writeup_of_an_unpublished_festival_is_not_public_until_it_is(writeup_setting, client):
    writeup = published_by_mel(writeup_setting)
    Festival.objects.filter(pk=writeup_setting.festival.pk).update(is_published=False)

    assert client.get(writeup.get_absolute_url()).status_code == 404
    assert texts(client.get(reverse("writeup-list")), ".writeup-item-title") == []
    assert client_of(writeup_setting.organiser).get(writeup.get_absolute_url()).status_code == 200


# The form: draft, preview, publish, edit


def test_saving_a_draft_writes_it_and_returns_to_the_form(writeup_setting):
    client = client_of(writeup_setting.mel_user)

    response = client.post(
        new_url(writeup_setting.talk),
        form_data("draft", stories=[writeup_setting.story.pk]),
        follow=True,
    )

    writeup = WriteUp.objects.get()
    assert response.redirect_chain == [(edit_url(writeup), 302)]
    assert texts(response, ".message") == [
        "Draft saved. Only you and the festival's organisers can see it until you publish it."
    ]
    assert (
        writeup.slug,
        writeup.title,
        writeup.author,
        writeup.author_name,
        writeup.session,
        writeup.status,
        writeup.published_at,
        list(writeup.stories.all()),
    ) == (
        "we-learned-to-listen",
        "We learned to listen",
        writeup_setting.mel_user,
        "Mel Parks",
        writeup_setting.talk,
        WriteUp.Status.DRAFT,
        None,
        [writeup_setting.story],
    )


def test_preview_shows_the_rendered_markdown_and_saves_nothing(writeup_setting):
    client = client_of(writeup_setting.mel_user)
    writeup = draft_by_mel(writeup_setting)
    before = WriteUp.objects.values().get()

    response = client.post(
        edit_url(writeup),
        form_data(
            "preview",
            title="A better title",
            body="## Morning\n\nWe **really** met.",
            stories=[writeup_setting.story.pk],
        ),
    )

    assert response.status_code == 200
    assert texts(response, "h3.writeup-title") == ["A better title"]
    preview = response.content.decode()
    assert (
        '<div class="prose prose-from-5"><h5>Morning</h5>\n<p>We <strong>really</strong> met.</p>'
        "</div>"
    ) in preview
    assert texts(response, "li.writeup-story") == [
        "Courage in Co-Production: A Day Festival by Mel Parks"
    ]
    assert response.context["form"]["title"].value() == "A better title"
    assert WriteUp.objects.values().get() == before
    assert list(writeup.stories.all()) == []


def test_enter_in_a_field_presses_preview_the_forms_first_button(writeup_setting):
    """A browser's Enter presses a form's first submit button: it must be Preview (saves
    nothing and says so), never "Find stories", which comes before the other buttons."""
    response = client_of(writeup_setting.mel_user).get(new_url(writeup_setting.talk))

    form = response.content.decode().split('class="writeup-form"')[1].split("</form>")[0]
    first_button = form.split("<button", 1)[1].split(">", 1)[0]
    assert first_button == (
        ' type="submit" name="action" value="preview" class="default-button" tabindex="-1" '
        'aria-hidden="true"'
    )
    assert 'data-enter-presses="find-stories"' in form
    assert 'id="find-stories"' in form


def test_preview_of_a_new_writeup_writes_nothing(writeup_setting):
    response = client_of(writeup_setting.mel_user).post(
        new_url(writeup_setting.talk), form_data("preview")
    )

    assert texts(response, "h3.writeup-title") == ["We learned to listen"]
    assert WriteUp.objects.count() == 0


def test_publishing_puts_the_writeup_everywhere_it_belongs(writeup_setting):
    setting = writeup_setting
    client = client_of(setting.mel_user)
    client.post(new_url(setting.talk), form_data("draft"))
    writeup = WriteUp.objects.get()

    response = client.post(
        edit_url(writeup), form_data("publish", stories=[setting.story.pk]), follow=True
    )

    writeup.refresh_from_db()
    assert response.redirect_chain == [(writeup.get_absolute_url(), 302)]
    assert (writeup.status, writeup.published_at, writeup.edited_at) == (
        WriteUp.Status.PUBLISHED,
        AFTER_THE_TALK,
        None,
    )
    assert texts(response, "h1") == ["We learned to listen"]
    assert texts(response, ".byline") == ["By Mel Parks, published 5 July 2027"]
    assert texts(response, ".writeup-of") == [
        "A write-up of What is co-production? (Mon 5 July 2027, 10:00–11:00 BST) at "
        "Not Another Co-production Festival."
    ]
    assert texts(response, "h2.writeup-part-heading") == [
        "What happened",
        "What worked",
        "Challenges and failures",
        "What we’d do differently next time",
        "Hub stories it links back to",
    ]

    anyone = Client()
    session_page = anyone.get(setting.talk.get_absolute_url())
    assert texts(session_page, "li.writeup-card") == [
        "We learned to listen By Mel Parks, 5 July 2027 "
        "Forty people, one room, and a plan that changed by eleven."
    ]
    speaker_page = anyone.get(setting.mel.get_absolute_url())
    assert texts(speaker_page, "h3.writeup-card-title") == ["We learned to listen"]
    hub = anyone.get(reverse("hub-home"))
    assert texts(hub, "h3.writeup-card-title") == ["We learned to listen"]
    listing = anyone.get(reverse("writeup-list"))
    assert texts(listing, ".writeup-item-title") == ["We learned to listen"]
    story_page = anyone.get(setting.story.get_absolute_url())
    assert texts(story_page, "h3.writeup-card-title") == ["We learned to listen"]
    feed = anyone.get(reverse("writeup-feed")).content.decode()
    assert "<title>We learned to listen</title>" in feed


def test_publishing_at_once_from_the_new_form(writeup_setting):
    response = client_of(writeup_setting.organiser).post(
        new_url(writeup_setting.talk), form_data("publish"), follow=True
    )

    writeup = WriteUp.objects.get()
    assert (writeup.status, writeup.author_name) == (WriteUp.Status.PUBLISHED, "Olu Organiser")
    assert texts(response, ".message") == [
        "Published. It is on the session page and the Hub now, and the people who had a place "
        "on the session are being emailed a link to it."
    ]


def test_story_page_lists_the_writeups_that_link_to_it(writeup_setting, client):
    published_by_mel(writeup_setting, stories=(writeup_setting.story,))
    create_writeup(
        session=writeup_setting.talk,
        author=writeup_setting.organiser,
        content=content(title="Not linked"),
        publish=True,
    )

    response = client.get(writeup_setting.story.get_absolute_url())

    assert texts(response, "section.story-writeups") == [
        "Write-ups that link to this story We learned to listen By Mel Parks, 5 July 2027 "
        "Of What is co-production? at Not Another Co-production Festival "
        "Forty people, one room, and a plan that changed by eleven."
    ]


def test_editing_after_publishing_says_when_it_was_last_edited(writeup_setting):
    writeup = published_by_mel(writeup_setting)
    client = client_of(writeup_setting.mel_user)

    with time_machine.travel(at(6, 9, 30), tick=False):
        response = client.post(
            edit_url(writeup),
            form_data("save", body="We met in the *Hall*, then the garden."),
            follow=True,
        )

    writeup.refresh_from_db()
    assert (writeup.status, writeup.published_at, writeup.edited_at, writeup.slug) == (
        WriteUp.Status.PUBLISHED,
        AFTER_THE_TALK,
        at(6, 9, 30),
        "we-learned-to-listen",
    )
    assert texts(response, ".byline") == [
        "By Mel Parks, published 5 July 2027. Last edited 6 July 2027 at 09:30"
    ]


def test_saving_a_published_writeup_unchanged_is_not_an_edit(writeup_setting):
    writeup = published_by_mel(writeup_setting)

    response = client_of(writeup_setting.mel_user).post(
        edit_url(writeup), form_data("save"), follow=True
    )

    assert texts(response, ".byline") == ["By Mel Parks, published 5 July 2027"]


def test_published_writeup_offers_no_way_back_to_draft(writeup_setting):
    writeup = published_by_mel(writeup_setting)
    client = client_of(writeup_setting.mel_user)

    form = client.get(edit_url(writeup))
    client.post(edit_url(writeup), form_data("draft", title="Still public"))

    assert texts(form, "button.writeup-action") == ["Save changes", "Preview"]
    writeup.refresh_from_db()
    assert (writeup.title, writeup.status) == ("Still public", WriteUp.Status.PUBLISHED)


def test_draft_title_change_changes_its_address_until_published(writeup_setting):
    writeup = draft_by_mel(writeup_setting)
    client = client_of(writeup_setting.mel_user)

    response = client.post(edit_url(writeup), form_data("draft", title="Listening, properly"))

    writeup.refresh_from_db()
    assert (writeup.slug, response["Location"]) == (
        "listening-properly",
        "/write-ups/listening-properly/edit/",
    )
    publish_writeup(writeup=writeup)
    update_writeup(writeup=writeup, content=content(title="Another title"), publish=False)
    writeup.refresh_from_db()
    assert (writeup.title, writeup.slug) == ("Another title", "listening-properly")


# Bad input: errors, nothing written


@pytest.mark.parametrize(
    ("action", "changes", "errors"),
    [
        ("draft", {"title": ""}, {"title": ["Give the write-up a title."]}),
        (
            "publish",
            {"summary": "  ", "body": ""},
            {
                "summary": [
                    "Write a summary before publishing: a sentence or two for lists, the feed "
                    "and the email to the people who came."
                ],
                "body": ["Say what happened before publishing."],
            },
        ),
        (
            "draft",
            {"body": "x" * 20_001},
            {
                "body": [
                    "“What happened” can be at most 20,000 characters; it has 20,001. Please "
                    "shorten it."
                ]
            },
        ),
        (
            "draft",
            {"challenges": "y" * 10_001},
            {
                "challenges": [
                    "“Challenges and failures” can be at most 10,000 characters; it has 10,001. "
                    "Please shorten it."
                ]
            },
        ),
        (
            "preview",
            {"title": "t" * 201},
            {"title": ["“Title” can be at most 200 characters; it has 201. Please shorten it."]},
        ),
        (
            "draft",
            {"stories": ["999999"]},
            {"stories": ["One of the chosen stories is no longer published: choose again."]},
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    writeup_setting, action, changes, errors
):
    response = client_of(writeup_setting.mel_user).post(
        new_url(writeup_setting.talk), form_data(action, **changes)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    form = response.context["form"]
    assert texts(response, ".error-summary") == [
        " ".join(
            [
                "There is a problem",
                *(
                    f"{form[name].label}: {message}"
                    for name, messages in errors.items()
                    for message in messages
                ),
            ]
        )
    ]
    html = response.content.decode()
    for name in errors:
        assert f'<li><a href="#id_{name}">{form[name].label}: ' in html
    assert texts(response, ".writeup-preview") == []
    assert WriteUp.objects.count() == 0


def test_a_line_break_counts_once_against_the_limit(writeup_setting):
    body = "a\r\n" * 6_666 + "ab"  # 20,000 characters once "\r\n" is "\n"

    client_of(writeup_setting.mel_user).post(
        new_url(writeup_setting.talk), form_data("draft", body=body)
    )

    assert WriteUp.objects.get().body == body.replace("\r\n", "\n")


def test_linking_too_many_stories_is_refused(writeup_setting):
    stories = [StoryFactory() for _ in range(11)]

    response = client_of(writeup_setting.mel_user).post(
        new_url(writeup_setting.talk), form_data("draft", stories=[s.pk for s in stories])
    )

    assert response.context["form"].errors == {
        "stories": [
            "Link at most 10 stories; 11 are chosen. Keep the ones closest to what happened."
        ]
    }
    assert WriteUp.objects.count() == 0


def test_editing_a_published_writeup_cannot_empty_it(writeup_setting):
    writeup = published_by_mel(writeup_setting)

    response = client_of(writeup_setting.mel_user).post(
        edit_url(writeup), form_data("save", body="")
    )

    assert response.context["form"].errors == {"body": ["Say what happened before publishing."]}
    writeup.refresh_from_db()
    assert writeup.body == "We met in the *Hall*."


# The story picker


def test_story_picker_offers_published_stories_newest_first(writeup_setting):
    StoryFactory(title="Trust First", author="Becky Seale")
    StoryFactory(title="Hidden draft", status=Story.Status.DRAFT, published_at=None)

    response = client_of(writeup_setting.mel_user).get(new_url(writeup_setting.talk))

    assert texts(response, "option") == [
        "Trust First – Becky Seale",
        "Courage in Co-Production: A Day Festival – Mel Parks",
    ]
    assert texts(response, "legend") == ["Link it to Hub stories"]
    assert texts(response, "label.story-search-label") == ["Find stories by title or author"]


def test_story_search_by_get_narrows_the_list(writeup_setting):
    StoryFactory(title="Trust First", author="Becky Seale")

    response = client_of(writeup_setting.mel_user).get(
        new_url(writeup_setting.talk) + "?story_search=becky"
    )

    assert texts(response, "option") == ["Trust First – Becky Seale"]
    assert texts(response, ".story-search-note") == ["1 story matches “becky”."]


def test_find_stories_keeps_what_was_typed_and_chosen_and_saves_nothing(writeup_setting):
    StoryFactory(title="Trust First", author="Becky Seale")

    response = client_of(writeup_setting.mel_user).post(
        new_url(writeup_setting.talk),
        form_data("find", title="", story_search="trust", stories=[writeup_setting.story.pk]),
    )

    assert texts(response, "option") == [
        "Trust First – Becky Seale",
        "Courage in Co-Production: A Day Festival – Mel Parks",
    ]
    form = response.context["form"]
    assert (form["body"].value(), form["stories"].value(), form.errors) == (
        "We met in the *Hall*.",
        [str(writeup_setting.story.pk)],
        {},
    )
    assert texts(response, ".error-summary") == []
    assert WriteUp.objects.count() == 0


def test_story_search_with_no_match_says_so(writeup_setting):
    response = client_of(writeup_setting.mel_user).get(
        new_url(writeup_setting.talk) + "?story_search=zzz"
    )

    assert texts(response, "option") == []
    assert texts(response, ".story-search-note") == ["No published story matches “zzz”."]


# Hostile Markdown


HOSTILE_MARKDOWN = [
    ("<script>alert(1)</script>Hello", "\n<p>Hello</p>"),
    ('<img src="https://x.test/a.png" onerror="alert(1)">', '<p><img src="https://x.test/a.png"></p>'),
    ("[click](javascript:alert(1))", '<p><a rel="nofollow noopener">click</a></p>'),
    ("[click](JaVaScRiPt&#58;alert(1))", '<p><a rel="nofollow noopener">click</a></p>'),
    ("![x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>"),
    (
        '<a href="https://x.test" onclick="steal()">site</a>',
        '<p><a href="https://x.test" rel="nofollow noopener">site</a></p>',
    ),
    ("<scr<script>ipt>alert(1)</script>", "<p>&lt;scr</p>"),
    ('<svg><script>alert(1)</script></svg>', "<p></p>"),
    ('<iframe src="https://evil.test"></iframe>', ""),
    ('<p style="position:fixed">covered</p>', "<p>covered</p>"),
]  # fmt: skip


@pytest.mark.parametrize(("markdown", "html"), HOSTILE_MARKDOWN)
def test_hostile_markdown_is_rendered_safe_on_the_writeup_page(writeup_setting, markdown, html):
    writeup = published_by_mel(writeup_setting, what_worked=markdown)

    response = Client().get(writeup.get_absolute_url())

    page = response.content.decode()
    part = page.split('id="part-worked">What worked</h2><div class="prose prose-from-3">')[1]
    assert part.split("</div></section>")[0] == html


def test_hostile_plain_text_is_escaped_on_every_page(writeup_setting):
    setting = writeup_setting
    published_by_mel(
        setting, title="<b>Bold</b> claim", summary='<script>alert("x")</script>', body="ok"
    )
    anyone = Client()

    for url in [
        reverse("writeup-list"),
        reverse("hub-home"),
        setting.talk.get_absolute_url(),
        setting.mel.get_absolute_url(),
        WriteUp.objects.get().get_absolute_url(),
    ]:
        page = anyone.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, url
        assert "&lt;b&gt;Bold&lt;/b&gt; claim" in page, url


# "Write up this session" on the session and speaker pages


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("speaker", True),
        ("organiser", True),
        ("other speaker", False),
        ("attendee", False),
        ("anonymous", False),
    ],
)
def test_session_page_offers_the_writeup_to_its_speakers_and_organisers(
    writeup_setting, role, offered
):
    response = client_of(person(writeup_setting, role)).get(writeup_setting.talk.get_absolute_url())

    links = texts(response, ".writeup-prompt")
    assert links == (["Write up this session"] if offered else [])


def test_session_page_offers_no_writeup_before_the_session_starts(writeup_setting):
    response = client_of(writeup_setting.linda_user).get(writeup_setting.evening.get_absolute_url())

    assert texts(response, ".writeup-prompt") == []


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("speaker", ["Write up “What is co-production?”"]),
        ("organiser", ["Write up “What is co-production?”"]),
        ("other speaker", []),
        ("anonymous", []),
    ],
)
def test_speaker_page_offers_the_writeups_of_their_started_sessions(writeup_setting, role, links):
    response = client_of(person(writeup_setting, role)).get(writeup_setting.mel.get_absolute_url())

    assert texts(response, ".writeup-prompt") == links


def test_speaker_page_of_a_session_not_started_offers_nothing(writeup_setting):
    response = client_of(writeup_setting.linda_user).get(writeup_setting.linda.get_absolute_url())

    assert texts(response, ".writeup-prompt") == []


# Emails about write-ups: the person's choice


def test_writeup_emails_can_be_turned_off_and_on(writeup_setting):
    client = client_of(writeup_setting.ann)
    url = reverse("my-writeup-emails")

    off = client.post(url, {"wanted": "no"}, follow=True)
    on_again = client.post(url, {"wanted": "yes"}, follow=True)

    assert texts(off, ".writeup-emails-state") == ["You do not get these emails."]
    assert texts(off, ".message") == ["You will get no more emails about write-ups."]
    assert texts(on_again, ".writeup-emails-state") == ["You get these emails."]


def test_writeup_emails_page_needs_a_login(writeup_setting):
    url = reverse("my-writeup-emails")

    response = Client().post(url, {"wanted": "no"})

    assert (response.status_code, response["Location"]) == (302, login_redirect(url))
