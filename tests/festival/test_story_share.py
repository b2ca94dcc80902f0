"""Share your story: the form at /stories/share/, festival.services.share_story and the
email that asks the organisers to read it."""

import logging

import pytest
from django.test import Client

from festival.emails import story_review_message
from festival.markdown import MARKDOWN_MAX_CHARACTERS
from festival.models import OutboxMessage, Story
from festival.services import share_story
from tests.factories import FestivalFactory, StoryFactory, TagFactory, UserFactory
from tests.html import texts

SITE_URL = "https://convene.example"
SHARE_URL = "/stories/share/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def sender():
    return UserFactory(name="Becky Seale", email="becky@example.org")


@pytest.fixture
def superuser():
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


def valid_form(**changes) -> dict:
    return {
        "title": "Trust first",
        "author": "Becky Seale",
        "standfirst": "Lessons from running a solidarity fund.",
        "body": "The SE15 Community Fund was set up in **May 2020**.",
        **changes,
    }


# Who may use it


def test_share_page_sends_visitors_who_are_not_signed_in_to_log_in(client):
    response = client.get(SHARE_URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/stories/share/"


def test_share_post_from_a_visitor_not_signed_in_writes_nothing(client, mailoutbox):
    response = client.post(SHARE_URL, valid_form())

    assert response["Location"] == "/accounts/login/?next=/stories/share/"
    assert Story.objects.count() == 0
    assert mailoutbox == []


def test_share_post_without_the_csrf_token_is_refused(sender, mailoutbox):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sender)

    response = client.post(SHARE_URL, valid_form())

    assert response.status_code == 403
    assert Story.objects.count() == 0
    assert mailoutbox == []


# The form


def test_share_page_asks_for_the_story_with_the_senders_name_filled_in(client, sender):
    TagFactory(name="Failure")
    TagFactory(name="Co-production")
    FestivalFactory(name="Not Another Co-production Festival")
    FestivalFactory(name="Secret festival", is_published=False)
    client.force_login(sender)

    response = client.get(SHARE_URL)

    assert texts(response, "h1") == ["Share your story"]
    assert texts(response, "label") == [
        "Title",
        "Name shown with the story",
        "In a sentence or two",
        "Your story",
        "Co-production",
        "Failure",
        "Festival it is about",
    ]
    assert texts(response, "legend") == ["Tags"]
    assert texts(response, "option") == [
        "None, or not listed",
        "Not Another Co-production Festival",
    ]
    html = response.content.decode()
    assert 'name="author" value="Becky Seale"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert texts(response, ".field-hint")[2] == (
        "What happened, what worked, and the challenges and failures too. Up to 20,000 "
        "characters. You can use Markdown: *italic*, **bold**, [a link](https://example.org), "
        'a blank line between paragraphs, "## " before a heading.'
    )


def test_sharing_saves_one_draft_and_emails_the_superusers_once(
    client, sender, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="second-admin@example.org", is_staff=True, is_superuser=True)
    UserFactory(email="retired@example.org", is_superuser=True, is_active=False)
    # Organisers of other festivals cannot see a story about no festival in the admin.
    FestivalFactory(organisers=[UserFactory(email="organiser@example.org", is_staff=True)])
    failure, co_production = TagFactory(name="Failure"), TagFactory(name="Co-production")
    TagFactory(name="Not chosen")
    client.force_login(sender)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(SHARE_URL, valid_form(tags=[str(failure.pk), str(co_production.pk)]))

    assert response.status_code == 302
    assert response["Location"] == "/stories/"
    assert len(callbacks) == 1
    story = Story.objects.get()
    assert (
        story.title,
        story.slug,
        story.author,
        story.standfirst,
        story.body,
        story.status,
        story.published_at,
        story.submitted_by,
        story.festival,
    ) == (
        "Trust first",
        "trust-first",
        "Becky Seale",
        "Lessons from running a solidarity fund.",
        "The SE15 Community Fund was set up in **May 2020**.",
        Story.Status.DRAFT,
        None,
        sender,
        None,
    )
    assert sorted(tag.name for tag in story.tags.all()) == ["Co-production", "Failure"]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["admin@example.org", "second-admin@example.org"]
    assert message.reply_to == ["becky@example.org"]
    assert message.subject == "A story to read and publish: Trust first"
    assert message.body == (
        "Hello,\n\n"
        "Becky Seale (becky@example.org) has shared a story on the Ideas Hub:\n\n"
        "Trust first\n\n"
        "Lessons from running a solidarity fund.\n\n"
        "Tags: Co-production, Failure\n\n"
        "It is a draft: nobody else sees it until it is published. Read it, edit it if it "
        'needs it, and publish it (Status "Published", with today\'s date) here:\n\n'
        f"{SITE_URL}/admin/festival/story/{story.pk}/change/\n\n"
        "Reply to this email to write to Becky Seale.\n\n"
        "Convene\n"
    )


def test_sharing_thanks_the_sender_on_the_story_list(client, sender, superuser):
    client.force_login(sender)

    response = client.post(SHARE_URL, valid_form(), follow=True)

    assert response.redirect_chain == [("/stories/", 302)]
    assert texts(response, ".message") == [
        "Thank you: the organisers will read your story and publish it."
    ]
    # A draft: not listed until an organiser publishes it.
    assert texts(response, ".empty") == ["No stories have been published yet."]


def test_a_story_about_a_festival_goes_to_its_organisers_who_use_the_admin(
    client, sender, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    festival = FestivalFactory(
        name="Not Another Co-production Festival",
        organisers=[
            UserFactory(email="zoe@example.org", is_staff=True),
            UserFactory(email="amal@example.org", is_staff=True),
            # Not staff: cannot open the admin, so the link would be no use to them.
            UserFactory(email="not-staff@example.org"),
        ],
    )
    FestivalFactory(organisers=[UserFactory(email="other-festival@example.org", is_staff=True)])
    client.force_login(sender)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SHARE_URL, valid_form(festival=str(festival.pk)))

    story = Story.objects.get()
    assert story.festival == festival
    assert [message.to for message in mailoutbox] == [["amal@example.org", "zoe@example.org"]]
    assert "has shared a story on the Ideas Hub about Not Another Co-production Festival:" in (
        mailoutbox[0].body
    )


def test_a_story_about_a_festival_with_no_organiser_in_the_admin_goes_to_the_superusers(
    sender, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    festival = FestivalFactory(organisers=[UserFactory(email="not-staff@example.org")])

    with django_capture_on_commit_callbacks(execute=True):
        share_story(user=sender, title="T", standfirst="S", body="B", tags=[], festival=festival)

    assert [message.to for message in mailoutbox] == [["admin@example.org"]]


def test_a_shared_draft_is_not_public_until_it_is_published(client, sender, superuser):
    client.force_login(sender)
    client.post(SHARE_URL, valid_form())
    story = Story.objects.get()
    client.logout()

    before = client.get(story.get_absolute_url())
    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.PUBLISHED, published_at="2026-01-01T09:00Z"
    )
    after = client.get(story.get_absolute_url())

    assert (before.status_code, after.status_code) == (404, 200)
    assert texts(after, "h1") == ["Trust first"]
    assert texts(after, ".prose") == ["The SE15 Community Fund was set up in May 2020."]


# Bad input


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"title": "   ", "standfirst": ""},
            ["Title: This field is required.", "In a sentence or two: This field is required."],
        ),
        (
            {"body": "x" * (MARKDOWN_MAX_CHARACTERS + 1)},
            [
                "Your story: This is 20,001 characters long and the limit is 20,000: shorten it, "
                "or split it into two."
            ],
        ),
        (
            {"title": "x" * 201},
            ["Title: Ensure this value has at most 200 characters (it has 201)."],
        ),
        (
            {"tags": ["999999"]},
            ["Tags: Select a valid choice. 999999 is not one of the available choices."],
        ),
        (
            {"festival": "999999"},
            [
                "Festival it is about: Select a valid choice. That choice is not one of the "
                "available choices."
            ],
        ),
    ],
)
def test_bad_input_is_refused_with_clear_errors_and_nothing_written(
    client, sender, superuser, mailoutbox, django_capture_on_commit_callbacks, changes, errors
):
    client.force_login(sender)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(SHARE_URL, valid_form(**changes))

    assert response.status_code == 200
    assert texts(response, "title") == ["Error: Share your story · Convene"]
    assert texts(response, ".error-summary") == [" ".join(["There is a problem", *errors])]
    assert Story.objects.count() == 0
    assert (callbacks, mailoutbox) == ([], [])


def test_bad_input_keeps_what_was_typed(client, sender):
    client.force_login(sender)

    response = client.post(SHARE_URL, valid_form(title="", body="My *long* story"))

    assert "My *long* story</textarea>" in response.content.decode()
    assert 'name="standfirst"' in response.content.decode()


def test_a_story_of_exactly_the_limit_is_accepted(client, sender, superuser):
    client.force_login(sender)

    client.post(SHARE_URL, valid_form(body="x" * MARKDOWN_MAX_CHARACTERS))

    assert len(Story.objects.get().body) == 20_000


def test_a_shared_story_with_hostile_markdown_is_shown_harmless_once_published(client, sender):
    story = share_story(
        user=sender,
        title="Hostile",
        standfirst="S",
        body='<script>alert(1)</script>[x](javascript:alert(1))<img src=x onerror="alert(1)">',
        tags=[],
    )
    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.PUBLISHED, published_at="2026-01-01T09:00Z"
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert '<div class="prose">\n<p><a rel="nofollow noopener">x</a></p></div>' in html


# The service


def test_share_story_gives_each_story_a_free_slug(sender):
    StoryFactory(title="Trust first", slug="trust-first")
    StoryFactory(title="Trust first", slug="trust-first-2", status=Story.Status.DRAFT)

    slugs = [
        share_story(user=sender, title=title, standfirst="S", body="B", tags=[]).slug
        for title in ("Trust first", "Trust first", "Share", "¿¡!?", "x" * 150)
    ]

    # "share" is the address of this form, not a story.
    assert slugs == ["trust-first-3", "trust-first-4", "share-2", "story", "x" * 90]


def test_share_story_names_the_sender_when_no_author_is_given(sender):
    nameless = UserFactory(name="")

    named = share_story(user=sender, title="A", standfirst="S", body="B", tags=[])
    anonymous = share_story(user=nameless, title="B", standfirst="S", body="B", tags=[])

    assert (named.author, anonymous.author) == ("Becky Seale", "Anonymous")


def test_share_story_owes_the_review_email_and_sends_it_only_once_committed(
    sender, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story = share_story(user=sender, title="A", standfirst="S", body="B", tags=[])

    assert (len(callbacks), mailoutbox) == (1, [])
    assert list(OutboxMessage.objects.values_list("kind", "dedupe_key", "payload")) == [
        ("story-review", f"story-review:{story.pk}", {"story_id": story.pk})
    ]


@pytest.mark.parametrize("what", ["deleted", "published"])
def test_the_review_email_is_not_sent_for_a_story_gone_or_already_published(
    sender, superuser, what
):
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None, submitted_by=sender)
    story_id = story.pk
    if what == "deleted":
        story.delete()
    else:
        Story.objects.filter(pk=story.pk).update(
            status=Story.Status.PUBLISHED, published_at="2026-01-01T09:00Z"
        )

    assert story_review_message(OutboxMessage(payload={"story_id": story_id})) is None


def test_the_review_email_says_so_in_the_log_when_nobody_can_review(sender, caplog):
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None, submitted_by=sender)

    with caplog.at_level(logging.WARNING, logger="festival.services"):
        message = story_review_message(OutboxMessage(payload={"story_id": story.pk}))

    assert message is None
    assert caplog.messages == [
        f"Story {story.pk} was shared, but no one can review it: add a superuser."
    ]


def test_every_error_in_the_summary_names_its_field_and_links_to_it(client, sender):
    TagFactory(name="Failure")
    client.force_login(sender)

    response = client.post(
        SHARE_URL, valid_form(title="", author="", standfirst="", body="", tags=["999999"])
    )

    html = response.content.decode()
    links = [
        line.strip()
        for line in html.split('<div class="error-summary"')[1].split("</div>")[0].splitlines()
        if "<a " in line
    ]
    assert links == [
        '<li><a href="#id_title">Title: This field is required.</a></li>',
        '<li><a href="#id_author">Name shown with the story: This field is required.</a></li>',
        '<li><a href="#id_standfirst">In a sentence or two: This field is required.</a></li>',
        '<li><a href="#id_body">Your story: This field is required.</a></li>',
        '<li><a href="#id_tags">Tags: Select a valid choice. 999999 is not one of the '
        "available choices.</a></li>",
    ]
    # Each link has somewhere to go: the field itself, or the fieldset of the tags.
    for field in ("title", "author", "standfirst", "body", "tags"):
        assert html.count(f'id="id_{field}"') == 1


@pytest.mark.django_db(transaction=True)
def test_a_story_is_never_saved_without_its_review_request(monkeypatch):
    def refuse(message):
        raise RuntimeError("the outbox row could not be written")

    monkeypatch.setattr("festival.services.owe_message", refuse)

    with pytest.raises(RuntimeError):
        share_story(user=UserFactory(), title="Half a story", standfirst="S", body="B", tags=[])

    assert (Story.objects.count(), OutboxMessage.objects.count()) == (0, 0)
