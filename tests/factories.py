"""factory_boy factories for every model; one place so tests read as the domain does."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils.text import slugify

from events.enums import SessionFormat, WriteUpStatus
from events.models import Event, ScheduleChange, Session, WriteUp
from festival.models import Festival, Room, Speaker, Story, Tag, User, Venue

LONDON = ZoneInfo("Europe/London")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class FestivalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Festival
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Festival {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    timezone = "Europe/London"
    start_date = date(2027, 7, 5)
    end_date = date(2027, 7, 6)
    description = "A festival run with its community."
    is_published = True

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.add(*extracted)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    address = "Liverpool Road, Manchester M3 4FP"
    accessibility_notes = "Step-free entrance on Lower Byrom Street."


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 40
    position = factory.Sequence(lambda n: n)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    festival = factory.SubFactory(FestivalFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    email = factory.LazyAttribute(lambda o: f"{o.slug}@example.org")
    bio = "Works with communities in Greater Manchester."


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    author = "Mel Parks"
    standfirst = "What happened, and what we learned."
    body = "We met, we talked, *things changed*."
    status = Story.Status.PUBLISHED
    published_at = factory.Sequence(
        lambda n: datetime(2026, 7, 6, 9, tzinfo=LONDON) + timedelta(hours=n)
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    festival = factory.SubFactory(FestivalFactory)
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    venue = factory.SubFactory(VenueFactory)
    start = datetime(2027, 7, 5, 9, 0, tzinfo=LONDON)
    end = datetime(2027, 7, 6, 18, 0, tzinfo=LONDON)
    description = "Two days of happenings and conversations."


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    ref = factory.Sequence(lambda n: f"S{n:03d}")
    start = datetime(2027, 7, 5, 10, 0, tzinfo=LONDON)
    end = datetime(2027, 7, 5, 11, 0, tzinfo=LONDON)
    room = factory.LazyAttribute(lambda o: RoomFactory(venue=o.event.venue))
    format = SessionFormat.TALK
    description = "A conversation about doing things *with* people."
    capacity = 20

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            self.speakers.add(*extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.add(*extracted)


class ScheduleChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleChange

    session = factory.SubFactory(SessionFactory)
    kind = ScheduleChange.Kind.MOVED
    old_start = factory.LazyAttribute(lambda o: o.session.start - timedelta(hours=1))
    old_end = factory.LazyAttribute(lambda o: o.session.end - timedelta(hours=1))
    old_room = factory.LazyAttribute(lambda o: o.session.room)
    new_start = factory.LazyAttribute(lambda o: o.session.start)
    new_end = factory.LazyAttribute(lambda o: o.session.end)
    new_room = factory.LazyAttribute(lambda o: o.session.room)


class WriteUpFactory(factory.django.DjangoModelFactory):
    """A draft by default; `status=WriteUpStatus.PUBLISHED` gives it a publication date."""

    class Meta:
        model = WriteUp

    session = factory.SubFactory(SessionFactory)
    author = factory.SubFactory(UserFactory)
    author_name = factory.LazyAttribute(lambda o: o.author.get_full_name())
    title = factory.Sequence(lambda n: f"What we learned {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "A sentence or two."
    body = "What happened."
    status = WriteUpStatus.DRAFT
    published_at = factory.LazyAttribute(
        lambda o: o.session.end + timedelta(days=1) if o.status == WriteUpStatus.PUBLISHED else None
    )
