"""Every main page, as the demo fills it: a description from its content (or the site's own
where the page has none), the Content-Security-Policy header, and no inline script."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from events.models import Session, WriteUp
from festival.markdown import markdown_excerpt
from festival.models import Festival, Speaker, Story, User

pytestmark = pytest.mark.django_db

DEFAULT = (
    "Convene: programmes for festivals run with their communities. Book sessions, add them to "
    "your calendar, and read the Ideas Hub’s stories and write-ups."
)
# Each directive and its sources (django-csp writes them in no fixed order).
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "style-src-elem": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' https: data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b[^>]*>")


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def policy(response) -> dict[str, str]:
    directives = (
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return dict(directives)


def client_of(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def main_pages() -> dict[str, tuple[str | None, str]]:
    """Each main page's address: (who looks, the description it should have)."""
    festival = Festival.objects.get(slug="not-another-co-production-festival")
    session = Session.objects.filter(festival=festival).exclude(description="").first()
    speaker = Speaker.objects.filter(festival=festival).exclude(bio="").first()
    story = Story.objects.exclude(standfirst="").filter(status=Story.Status.PUBLISHED).first()
    writeup = WriteUp.objects.public().exclude(summary="").first()
    organiser = "organiser@convene.localhost"
    slug = festival.slug
    return {
        "/": (
            None,
            "The Ideas Hub: upcoming co-production festivals, and stories and write-ups from "
            "community-led events, the challenges and failures as well as what worked.",
        ),
        festival.get_absolute_url(): (None, markdown_excerpt(festival.description, length=160)),
        f"/festivals/{slug}/changes/": (
            None,
            f"What has changed in the programme of {festival.name}: sessions moved, cancelled "
            "and added.",
        ),
        session.get_absolute_url(): (None, markdown_excerpt(session.description, length=160)),
        f"/festivals/{slug}/speakers/{speaker.slug}/": (
            None,
            markdown_excerpt(speaker.bio, length=160),
        ),
        "/stories/": (
            None,
            "Stories on the Ideas Hub from people who run community-led events: what happened, "
            "what worked, and the challenges and failures too.",
        ),
        story.get_absolute_url(): (None, markdown_excerpt(story.standfirst, length=160)),
        "/write-ups/": (
            None,
            "Speakers’ write-ups of festival sessions: what happened, what worked, the "
            "challenges and failures, and what they would do differently.",
        ),
        writeup.get_absolute_url(): (None, markdown_excerpt(writeup.summary, length=160)),
        "/stories/share/": (
            "attendee@convene.localhost",
            "Share a story on the Ideas Hub: what happened at your event or project, what "
            "worked, and the challenges and failures too.",
        ),
        "/me/": (
            "attendee@convene.localhost",
            "Your programme: the sessions you have places on or are waiting for, your calendar "
            "link and your reminders.",
        ),
        "/accounts/login/": (None, DEFAULT),
        "/accounts/signup/": (None, DEFAULT),
        f"/organise/{slug}/": (organiser, DEFAULT),
        f"/organise/{slug}/check-in/": (organiser, DEFAULT),
        f"/organise/{slug}/import/": (organiser, DEFAULT),
        f"/organise/{slug}/schedule/": (organiser, DEFAULT),
    }


def test_every_main_page_describes_itself_from_its_content(demo):
    pages = main_pages()

    found = {}
    for url, (email, _description) in pages.items():
        response = client_of(email).get(url)
        assert response.status_code == 200, url
        found[url] = DESCRIPTION.findall(response.content.decode())

    assert found == {url: [description] for url, (_email, description) in pages.items()}
    assert all(0 < len(description) <= 160 for _email, description in pages.values())


def test_the_programme_page_names_its_festival_and_day_in_its_description(demo):
    festival = Festival.objects.get(slug="not-another-co-production-festival")

    html = Client().get(f"/festivals/{festival.slug}/programme/").content.decode()

    [description] = DESCRIPTION.findall(html)
    assert description.startswith(f"The programme of {festival.name} on ")
    assert description.endswith(": every session by time and room, with places to book.")


def test_a_description_is_plain_text_escaped_and_cut_at_a_word(demo):
    session = Session.objects.filter(festival__slug="not-another-co-production-festival").first()
    session.description = '## "Quoted" <b>bold</b> & **strong** ' + "word " * 60
    session.save()

    html = Client().get(session.get_absolute_url()).content.decode()

    assert DESCRIPTION.findall(html) == [
        "&quot;Quoted&quot; bold &amp; strong " + "word " * 26 + "word…"
    ]


def test_every_main_page_sends_the_content_security_policy_and_no_inline_script(demo):
    pages = main_pages()

    answers = {}
    for url, (email, _description) in pages.items():
        response = client_of(email).get(url)
        inline = [tag for tag in SCRIPT.findall(response.content.decode()) if "src=" not in tag]
        answers[url] = (policy(response), inline)

    assert answers == {url: (POLICY, []) for url in pages}


def test_refusals_and_feeds_carry_the_policy_too(demo):
    festival = Festival.objects.get(slug="not-another-co-production-festival")
    urls = ["/no-such-page/", f"/festivals/{festival.slug}/calendar.ics", "/write-ups/feed.atom"]

    policies = {url: policy(Client().get(url)) for url in urls}

    assert policies == dict.fromkeys(urls, POLICY)
