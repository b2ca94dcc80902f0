"""A festival on its first day, with every kind of cached page (`festival.page_cache`) and the
people who see them differently: two attendees (a place, a waitlist spot; one of them staff),
an organiser, a speaker with an account, and anonymous visitors."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from events.bookings.services import book_place
from events.enums import SessionFormat, WriteUpStatus
from events.models import Session, WriteUp
from festival.models import Festival, Room, Speaker, Story, Tag, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    StoryFactory,
    TagFactory,
    UserFactory,
    VenueFactory,
    WriteUpFactory,
)

# Monday 5 July 2027, midday: the opening circle is over, the afternoon still to come.
MIDDAY = datetime(2027, 7, 5, 12, tzinfo=LONDON)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 7, day, hour, minute, tzinfo=LONDON)


@dataclass(frozen=True)
class Site:
    festival: Festival
    hall: Room
    studio: Room
    housing: Tag
    mel: Speaker
    opening: Session
    """Over at midday, written up by Mel."""
    zine: Session
    """Full (2 places): Alice and Fred have places, Carol and Bob wait (numbers 1 and 2)."""
    walk: Session
    closing: Session
    """On Tuesday."""
    story: Story
    writeup: WriteUp
    alice: User
    bob: User
    """Staff."""
    organiser: User
    speaker: User
    """Mel Parks's account."""

    def urls(self) -> dict[str, str]:
        """Every cached page, by its URL name (the programme with and without filters)."""
        festival = self.festival.slug
        programme = reverse("festival-programme", kwargs={"festival": festival})
        return {
            "festival-detail": reverse("festival-detail", kwargs={"festival": festival}),
            "festival-programme": programme,
            "festival-programme day": f"{programme}?day=2027-07-05",
            "festival-programme filtered": (
                f"{programme}?day=2027-07-05&format=workshop&theme=housing"
                f"&room={self.studio.pk}&access=step-free"
            ),
            "session-detail": self.zine.get_absolute_url(),
            "speaker-detail": self.mel.get_absolute_url(),
            "festival-changes": reverse("festival-changes", kwargs={"festival": festival}),
            "story-list": reverse("story-list"),
            "story-detail": self.story.get_absolute_url(),
            "writeup-list": reverse("writeup-list"),
            "writeup-detail": self.writeup.get_absolute_url(),
        }


@pytest.fixture
def clock():
    """The clock stands still at midday on the first day; `clock.shift` moves it, as real
    time moves between one change and the next."""
    with time_machine.travel(MIDDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(db, clock) -> Site:
    organiser = UserFactory(email="olu@example.org", name="Olu Organiser")
    festival = FestivalFactory(
        name="Not Another Co-production Festival",
        slug="nacpf",
        start_date=at(5, 0).date(),
        end_date=at(6, 0).date(),
        organisers=[organiser],
    )
    venue = VenueFactory(name="Museum of Science and Industry")
    event = EventFactory(
        festival=festival, venue=venue, title="Main programme", slug="main",
        start=at(5, 9), end=at(6, 18),
    )  # fmt: skip
    hall = RoomFactory(venue=venue, name="Hall", position=1, access=["step-free"])
    studio = RoomFactory(venue=venue, name="Studio", position=2, access=["step-free"])
    housing = TagFactory(name="Housing", slug="housing")
    speaker = UserFactory(email="mel@example.org", name="Mel Parks")
    mel = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks", user=speaker)
    opening = SessionFactory(
        event=event, title="Opening circle", slug="opening-circle", room=hall,
        start=at(5, 9, 30), end=at(5, 10, 30), speakers=[mel],
    )  # fmt: skip
    zine = SessionFactory(
        event=event, title="Making a zine", slug="making-a-zine", room=studio,
        start=at(5, 14), end=at(5, 15), capacity=2, format=SessionFormat.WORKSHOP,
        themes=[housing], speakers=[mel],
    )  # fmt: skip
    walk = SessionFactory(
        event=event, title="Garden walk", slug="garden-walk", room=hall,
        start=at(5, 16), end=at(5, 17), capacity=20,
    )  # fmt: skip
    closing = SessionFactory(
        event=event, title="Closing talk", slug="closing-talk", room=hall,
        start=at(6, 10), end=at(6, 11),
    )  # fmt: skip
    story = StoryFactory(
        title="What the zine taught us", slug="what-the-zine-taught-us",
        festival=festival, tags=[housing],
    )  # fmt: skip
    writeup = WriteUpFactory(
        session=opening, author=speaker, author_name="Mel Parks",
        title="How the circle opened", slug="how-the-circle-opened",
        status=WriteUpStatus.PUBLISHED, published_at=at(5, 11),
    )  # fmt: skip
    writeup.stories.add(story)
    alice = UserFactory(email="alice@example.org", name="Alice Okafor")
    bob = UserFactory(email="bob@example.org", name="Bob Brennan", is_staff=True)
    for person in (alice, UserFactory(name="Fred Filler"), UserFactory(name="Carol Ng"), bob):
        book_place(user=person, session=zine)
    clock.shift(timedelta(seconds=1))
    return Site(
        festival=festival, hall=hall, studio=studio, housing=housing, mel=mel,
        opening=opening, zine=zine, walk=walk, closing=closing, story=story,
        writeup=writeup, alice=alice, bob=bob, organiser=organiser, speaker=speaker,
    )  # fmt: skip


def signed_in(user: User, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client
