"""Every POST in the site answers with a redirect (POST, redirect, GET): a reload of the page
after a form never sends the form again.

The test walks every URL pattern of the project (the admin's own aside: Django's admin) and
needs a row for each in POSTS (a valid form for it, and who sends it) or in GET_ONLY (it
refuses a POST with 405). A new URL in neither table fails the test: add its row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from events.bookings.services import book_place
from events.importing import plan_import
from events.importing.exports import programme_csv
from events.models import Attendance, PendingChange, Reminder, Session, WriteUp
from events.reminders.stop_links import stop_token
from events.schedule_editor.selectors import published_row
from events.schedule_editor.services import version_of
from festival.email_confirmation import make_confirmation_token
from festival.models import Festival, User
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
    WriteUpFactory,
)

PASSWORD = "a-long-test-password"
NOW = datetime(2027, 7, 1, 12, tzinfo=LONDON)


@dataclass
class World:
    """A published festival (Mon 5 and Tue 6 July 2027, and a day that is over: 20 June) with
    its organiser, an attendee with a place, a speaker with a past session and a draft
    write-up of it."""

    festival: Festival
    organiser: User
    attendee: User
    speaker: User
    talk: Session
    open_session: Session
    unbooked: Session
    past: Session
    unwritten: Session
    attendance: Attendance
    writeup: WriteUp


@pytest.fixture
def world() -> World:
    organiser = UserFactory(email="organiser@example.org")
    attendee = UserFactory(email="attendee@example.org")
    speaker = UserFactory(email="speaker@example.org")
    festival = FestivalFactory(slug="nacpf", organisers=[organiser])
    venue = VenueFactory()
    hall = RoomFactory(venue=venue, name="Hall", position=1)
    RoomFactory(venue=venue, name="Studio", position=2)
    event = EventFactory(
        festival=festival,
        venue=venue,
        slug="main",
        start=datetime(2027, 6, 20, 9, tzinfo=LONDON),
        end=datetime(2027, 7, 6, 18, tzinfo=LONDON),
    )
    profile = SpeakerFactory(festival=festival, email=speaker.email, user=speaker)

    def session(title: str, day: int, hour: int, month: int = 7, **values) -> Session:
        return SessionFactory(
            event=event,
            room=hall,
            title=title,
            start=datetime(2027, month, day, hour, tzinfo=LONDON),
            end=datetime(2027, month, day, hour + 1, tzinfo=LONDON),
            **values,
        )

    talk = session("Opening circle", 5, 10)
    open_session = session("Zine making", 5, 12)
    unbooked = session("Garden walk", 6, 10)
    past = session("Looking back", 20, 10, month=6, speakers=[profile])
    unwritten = session("Not written up yet", 20, 12, month=6, speakers=[profile])
    attendance = book_place(user=attendee, session=talk).attendance
    StoryFactory()
    return World(
        festival=festival,
        organiser=organiser,
        attendee=attendee,
        speaker=speaker,
        talk=talk,
        open_session=open_session,
        unbooked=unbooked,
        past=past,
        unwritten=unwritten,
        attendance=attendance,
        writeup=WriteUpFactory(session=past, author=speaker, slug="looking-back"),
    )


def editor_form(session: Session, **cells) -> dict[str, str]:
    """What the schedule editor's session form posts for `session`, with `cells` changed."""
    row = published_row(session)
    data = {column: value for column, value in row.items() if column not in ("ref", "speakers")}
    return data | {
        "new_speakers": row["speakers"],
        "version": version_of(session, None),
        "action": "draft",
        **cells,
    }


def a_draft_ref(world: World, client: Client) -> str:
    """Make a new session as a draft (not yet placed) and give its ref."""
    client.post(
        reverse("organise-session-new", args=["nacpf"]),
        {
            "event": "main",
            "title": "Pop-up: open mic",
            "format": "happening",
            "date": "",
            "start": "",
            "end": "",
            "room": "",
            "capacity": "",
            "themes": "",
            "status": "",
            "description": "",
            "new_speakers": "",
            "version": "new",
            "action": "draft",
        },
    )
    return PendingChange.objects.get().ref


def draft_version() -> str:
    return version_of(None, PendingChange.objects.get())


def a_draft_to_publish(world: World, client: Client) -> dict[str, str]:
    client.post(
        reverse("organise-session-edit", args=["nacpf", world.unbooked.slug]),
        editor_form(world.unbooked, title="Garden walk, longer"),
    )
    return {"festival": "nacpf"}


def a_reset_link(world: World, client: Client) -> dict[str, str]:
    """Django's reset link: its GET keeps the token in the session and answers with the
    address that the form posts to (the token replaced by "set-password")."""
    uid = urlsafe_base64_encode(force_bytes(world.attendee.pk))
    token = default_token_generator.make_token(world.attendee)
    client.get(reverse("password_reset_confirm", args=[uid, token]))
    return {"uidb64": uid, "token": "set-password"}


def a_stop_token(world: World, client: Client) -> dict[str, str]:
    return {"token": stop_token(Reminder.objects.filter(user=world.attendee).first())}


def slugs(festival: bool = True, **names: Callable[[World], str]) -> Callable:
    """URL arguments from the world: the festival's slug and the named others."""

    def arguments(world: World, client: Client) -> dict[str, str]:
        found = {name: pick(world) for name, pick in names.items()}
        return {"festival": world.festival.slug, **found} if festival else found

    return arguments


@dataclass(frozen=True)
class Post:
    """A valid form for one URL: who sends it, the URL's arguments, and the body."""

    who: str
    arguments: Callable[[World, Client], dict] = lambda world, client: {}
    body: Callable[[World], dict] = lambda world: {}
    files: dict = field(default_factory=dict)


TALK = {"session": lambda world: world.talk.slug}
WRITEUP = {"writeup": lambda world: world.writeup.slug}
CHECK_IN = {"attendance_id": lambda world: world.attendance.pk}

POSTS: dict[str, Post] = {
    "story-share": Post(
        "attendee",
        body=lambda world: {
            "title": "A story",
            "author": "Alex",
            "standfirst": "What it is about.",
            "body": "What happened.",
        },
    ),
    "signup": Post(
        "anonymous",
        body=lambda world: {
            "name": "Helen Jones",
            "email": "helen@example.org",
            "password1": "river-lantern-copper-47",
            "password2": "river-lantern-copper-47",
        },
    ),
    "login": Post(
        "anonymous", body=lambda world: {"username": world.attendee.email, "password": PASSWORD}
    ),
    "confirm-email-resend": Post("attendee"),
    "confirm-email": Post(
        "anonymous", lambda world, client: {"token": make_confirmation_token(world.speaker)}
    ),
    "logout": Post("attendee"),
    "password_change": Post(
        "attendee",
        body=lambda world: {
            "old_password": PASSWORD,
            "new_password1": "river-lantern-copper-47",
            "new_password2": "river-lantern-copper-47",
        },
    ),
    "password_reset": Post("anonymous", body=lambda world: {"email": world.attendee.email}),
    "password_reset_confirm": Post(
        "anonymous",
        a_reset_link,
        body=lambda world: {
            "new_password1": "river-lantern-copper-47",
            "new_password2": "river-lantern-copper-47",
        },
    ),
    "session-book": Post("attendee", slugs(session=lambda world: world.open_session.slug)),
    "session-cancel": Post("attendee", slugs(**TALK)),
    "my-access-needs": Post(
        "attendee",
        lambda world, client: {"attendance": world.attendance.pk},
        body=lambda world: {
            f"booking-{world.attendance.pk}-codes": ["step-free"],
            f"booking-{world.attendance.pk}-note": "A seat near the door.",
        },
    ),
    "my-needs": Post(
        "attendee", body=lambda world: {"my-needs-codes": ["captions"], "my-needs-note": ""}
    ),
    "my-calendar-regenerate": Post(
        "attendee", body=lambda world: {"action": "new-link", "reminder": ""}
    ),
    "my-reminder-settings": Post(
        "attendee", body=lambda world: {"reminders": "last", "change_notices": "on"}
    ),
    "my-writeup-emails": Post("attendee", body=lambda world: {"wanted": "no"}),
    "reminder-stop": Post(
        "anonymous", a_stop_token, body=lambda world: {"action": "stop-reminders"}
    ),
    "writeup-new": Post(
        "speaker",
        slugs(session=lambda world: world.unwritten.slug),
        body=lambda world: {"title": "Not written up yet", "action": "draft"},
    ),
    "writeup-edit": Post(
        "speaker",
        slugs(festival=False, **WRITEUP),
        body=lambda world: {"title": "Looking back, again", "action": "draft"},
    ),
    # The import's upload step shows a preview and writes nothing; its confirm step imports.
    "organise-import": Post(
        "organiser",
        slugs(),
        body=lambda world: {
            "step": "confirm",
            "content": programme_csv(festival=world.festival),
            "fingerprint": plan_import(
                festival=world.festival, content=programme_csv(festival=world.festival)
            ).fingerprint,
        },
    ),
    "organise-publish-mode": Post("organiser", slugs(), body=lambda world: {"at_once": "on"}),
    "organise-publish": Post(
        "organiser", a_draft_to_publish, body=lambda world: {"action": "publish", "note": ""}
    ),
    "organise-schedule-undo": Post("organiser", slugs()),
    "organise-session-new": Post(
        "organiser",
        slugs(),
        body=lambda world: (
            editor_form(world.unbooked, title="A new one", version="new")
            | {"start": "14:00", "end": "15:00"}
        ),
    ),
    "organise-session-edit": Post(
        "organiser",
        slugs(session=lambda world: world.unbooked.slug),
        body=lambda world: editor_form(world.unbooked, title="Garden walk, longer"),
    ),
    "organise-session-move": Post(
        "organiser",
        slugs(session=lambda world: world.unbooked.slug),
        body=lambda world: {
            "room": "Studio",
            "date": "2027-07-06",
            "start": "11:00",
            "end": "",
            "version": version_of(world.unbooked, None),
            "action": "draft",
        },
    ),
    "organise-session-cancel": Post(
        "organiser",
        slugs(**TALK),
        body=lambda world: {"version": version_of(world.talk, None), "action": "draft"},
    ),
    "organise-session-restore": Post(
        "organiser",
        slugs(**TALK),
        body=lambda world: {"version": version_of(world.talk, None), "action": "draft"},
    ),
    "organise-session-delete": Post("organiser", slugs(session=lambda world: world.unbooked.slug)),
    "organise-draft-edit": Post(
        "organiser",
        lambda world, client: {"festival": "nacpf", "ref": a_draft_ref(world, client)},
        body=lambda world: (
            editor_form(world.unbooked, title="Pop-up: open mic", version=draft_version())
            | {"date": "", "start": "", "end": "", "room": ""}
        ),
    ),
    "organise-draft-move": Post(
        "organiser",
        lambda world, client: {"festival": "nacpf", "ref": a_draft_ref(world, client)},
        body=lambda world: {
            "room": "Studio",
            "date": "2027-07-06",
            "start": "15:00",
            "end": "16:00",
            "version": draft_version(),
            "action": "draft",
        },
    ),
    "organise-session": Post("organiser", slugs(**TALK), body=lambda world: {"capacity": "30"}),
    "organise-check-in-attendee": Post("organiser", slugs(**CHECK_IN)),
    "organise-check-in-undo": Post("organiser", slugs(**CHECK_IN)),
}

# Pages and feeds that refuse a POST (405), and the arguments to reach them.
GET_ONLY: dict[str, Callable[[World, Client], dict]] = {
    "hub-home": lambda world, client: {},
    "story-list": lambda world, client: {},
    "story-detail": lambda world, client: {"story": "any"},
    "account": lambda world, client: {},
    "password_change_done": lambda world, client: {},
    "confirm-email-done": lambda world, client: {},
    "password_reset_done": lambda world, client: {},
    "password_reset_complete": lambda world, client: {},
    "festival-detail": slugs(),
    "festival-programme": slugs(),
    "festival-changes": slugs(),
    "session-detail": slugs(**TALK),
    "speaker-detail": slugs(speaker=lambda world: "any"),
    "organise-programme-csv": slugs(),
    "my-programme": lambda world, client: {},
    "organise-home": lambda world, client: {},
    "organise-schedule": slugs(),
    "organise-bookings": slugs(),
    "organise-session-attendees-csv": slugs(**TALK),
    "organise-attendees-csv": slugs(),
    "organise-check-in": slugs(),
    "festival-calendar": slugs(),
    "session-calendar": slugs(**TALK),
    "speaker-calendar": slugs(speaker=lambda world: "any"),
    "personal-calendar": lambda world, client: {"token": "A" * 43},
    "my-calendar-new-link": lambda world, client: {},
    "festival-schedule-xml": slugs(),
    "festival-schedule-json": slugs(),
    "writeup-list": lambda world, client: {},
    "writeup-feed": lambda world, client: {},
    "writeup-detail": slugs(festival=False, **WRITEUP),
    "healthz": lambda world, client: {},
    "access-glossary": lambda world, client: {},
    "festival-access": slugs(),
    "organise-session-needs-csv": slugs(**TALK),
}


def url_names(patterns=None) -> list[str]:
    """Every named URL of the project but the admin's, in the order they are declared."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                names.extend(url_names(pattern.url_patterns))
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"Name the URL pattern {pattern.pattern}: this test needs it."
            names.append(pattern.name)
    return names


def test_every_url_has_a_row():
    missing = [name for name in url_names() if name not in POSTS and name not in GET_ONLY]
    stale = [name for name in (*POSTS, *GET_ONLY) if name not in url_names()]

    assert (missing, stale) == ([], []), (
        "Give each new URL a row: in POSTS (a valid form, which must answer with a redirect) "
        "or in GET_ONLY (it must refuse a POST)."
    )


def client_for(who: str, world: World) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(POSTS))
def test_every_valid_post_answers_with_a_redirect(world, name):
    post = POSTS[name]
    with time_machine.travel(NOW, tick=False):
        client = client_for(post.who, world)
        url = reverse(name, kwargs=post.arguments(world, client))
        response = client.post(url, post.body(world))

    assert response.status_code in (302, 303), (
        f"POST {url} answered {response.status_code}: answer a valid form with a redirect."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(GET_ONLY))
def test_pages_and_feeds_refuse_a_post(world, name):
    client = client_for("organiser", world)
    url = reverse(name, kwargs=GET_ONLY[name](world, client))

    response = client.post(url)

    assert response.status_code == 405, f"POST {url} answered {response.status_code}"
