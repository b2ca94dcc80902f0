"""Writes the demo content: creates what is missing, and with `reset` puts the rest back.

By default a run creates the demo rows (matched on slugs, refs and emails) that do not exist
and leaves the existing ones as they are, edits included: `make run` loads the demo every
time, and must not undo the session an organiser moved or cancelled while trying it out. A
second run on an untouched or an edited demo writes nothing.

With `reset`, the demo's own rows go back to their demo values too. A session moved back to
its demo time or room goes through `events.programme.services`, so calendars see a new
SEQUENCE and the change is logged like any other. Either way, everything else is left alone: rows an
organiser added, other organisers of the demo festivals, and the demo accounts' passwords,
which are set only when an account is created. A run that changes nothing writes nothing,
not even `updated_at` or `sequence`.

The Organisers group is the exception: every run gives it the permissions the demo's admin
needs and takes back the ones the demo withdrew, since those are fixes, not demo content.

Dates sit relative to today. The upcoming festival starts on the first Tuesday at least
three weeks after the day it is first loaded, and keeps its dates while it is still ahead
(so bookings and calendars stay valid). Once it has begun it stays put too, since moving it
moves every session; a reset moves it ahead again. The past day is the last Tuesday 5 July
before today, the date of the real day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from events.demo import content, programme, stories, writeups
from events.models import Event, Session, WriteUp
from events.programme.services import SessionTimes, record_session_change
from festival.models import Festival, Room, Speaker, Story, Tag, User, Venue

UPCOMING_DAYS_AHEAD = 21
TUESDAY = 1


@dataclass(frozen=True)
class DemoResult:
    upcoming: Festival
    past: Festival
    rows_written: int
    upcoming_has_begun: bool
    """Left where it was, though it is no longer ahead: a reset would move it."""


def past_day(*, today: date) -> date:
    """The last Tuesday 5 July before today (the article's festival day)."""
    year = today.year if date(today.year, 7, 5) < today else today.year - 1
    while date(year, 7, 5).weekday() != TUESDAY:
        year -= 1
    return date(year, 7, 5)


def upcoming_start(*, existing: Festival | None, today: date) -> date:
    """The first Tuesday at least three weeks away: a working day, like the real one."""
    if existing is not None and existing.start_date > today:
        return existing.start_date
    earliest = today + timedelta(days=UPCOMING_DAYS_AHEAD)
    return earliest + timedelta(days=(TUESDAY - earliest.weekday()) % 7)


class DemoWriter:
    """Creates missing rows with given values and, with `reset`, puts existing ones back to
    them; counts only the writes it makes.

    Relations follow their rows: written for a row created in this run, or with `reset`.
    """

    def __init__(self, *, reset: bool) -> None:
        self.reset = reset
        self.rows_written = 0
        self.created: set[tuple[type[models.Model], object]] = set()

    def is_new(self, row: models.Model) -> bool:
        return (type(row), row.pk) in self.created

    def upsert(self, model: type[models.Model], *, lookup: dict, values: dict) -> models.Model:
        row = model._default_manager.filter(**lookup).first()
        if row is None:
            row = model(**lookup, **values)
        elif not self.reset or all(same_value(row, name, value) for name, value in values.items()):
            return row
        else:
            for name, value in values.items():
                setattr(row, name, value)
        is_new = row.pk is None
        row.full_clean()
        row.save()
        self.rows_written += 1
        if is_new:
            self.created.add((model, row.pk))
        return row

    def set_related(self, row: models.Model, name: str, targets) -> None:
        if not (self.reset or self.is_new(row)):
            return
        manager = getattr(row, name)
        if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
            manager.set(targets)
            self.rows_written += 1

    def add_related(
        self, row: models.Model, name: str, target: models.Model, *, always: bool = False
    ) -> None:
        """Add `target` (never remove others) when either row is new, with `reset`, or
        `always`."""
        if not (always or self.reset or self.is_new(row) or self.is_new(target)):
            return
        manager = getattr(row, name)
        if not manager.filter(pk=target.pk).exists():
            manager.add(target)
            self.rows_written += 1


def same_value(row: models.Model, name: str, value) -> bool:
    field = row._meta.get_field(name)
    if field.many_to_one:
        # Compare ids, so checking a foreign key costs no query.
        return getattr(row, field.attname) == (value.pk if value is not None else None)
    return getattr(row, name) == value


@transaction.atomic
def load_demo(*, today: date, reset: bool = False) -> DemoResult:
    """Write the demo festivals, stories and accounts.

    Side effects: creates the users, the Organisers group, the venue and its rooms, tags,
    both festivals with their events, speakers and sessions, the Hub stories and the past
    festival's published write-ups that are missing (written as rows, not published through
    the service: nobody is emailed); gives the Organisers group its permissions and takes
    back withdrawn ones. With `reset`, also puts existing demo rows back to their demo values
    (moving the upcoming festival ahead once it has begun) and records a ScheduleChange
    (sequence +1) for each demo session it moves back.
    """
    writer = DemoWriter(reset=reset)
    organisers = ensure_organisers_group(writer)
    users = {person.email: ensure_user(writer, person) for person in content.PEOPLE}
    writer.add_related(users[content.ORGANISER.email], "groups", organisers)

    venue = writer.upsert(
        Venue,
        lookup={"slug": content.VENUE["slug"]},
        values={key: value for key, value in content.VENUE.items() if key != "slug"},
    )
    rooms = {spec.name: write_room(writer, spec, venue=venue) for spec in content.ROOMS}
    tags = {
        slug: writer.upsert(Tag, lookup={"slug": slug}, values={"name": name})
        for slug, name in content.TAGS.items()
    }
    context = FestivalContext(
        writer=writer,
        venue=venue,
        rooms=rooms,
        tags=tags,
        organiser=users[content.ORGANISER.email],
        speaker_account=users[content.SPEAKER.email],
    )

    existing = Festival.objects.filter(slug=programme.UPCOMING.slug).first()
    upcoming = write_festival(
        context, programme.UPCOMING, start=upcoming_start(existing=existing, today=today)
    )
    past = write_festival(context, programme.PAST, start=past_day(today=today))
    festivals = {upcoming.slug: upcoming, past.slug: past}
    hub = {
        spec.slug: write_story(
            writer, spec, tags=tags, festivals=festivals, past_date=past.start_date
        )
        for spec in stories.STORIES
    }
    for spec in writeups.WRITEUPS:
        write_writeup(context, spec, festival=past, stories=hub)
    return DemoResult(
        upcoming=upcoming,
        past=past,
        rows_written=writer.rows_written,
        upcoming_has_begun=upcoming.start_date <= today,
    )


def write_room(writer: DemoWriter, spec: content.RoomSpec, *, venue: Venue) -> Room:
    # Found whatever the case of its name, as the database compares room names: "main hall"
    # is the demo's Main Hall renamed, and a second one beside it would be refused.
    existing = venue.rooms.filter(name__iexact=spec.name).first()
    values = {
        "position": spec.position,
        "capacity": spec.capacity,
        "accessibility_notes": spec.accessibility_notes,
        "access": list(spec.access),
    }
    if existing is None:
        return writer.upsert(Room, lookup={"venue": venue, "name": spec.name}, values=values)
    return writer.upsert(Room, lookup={"pk": existing.pk}, values={"name": spec.name, **values})


def ensure_organisers_group(writer: DemoWriter) -> Group:
    group = writer.upsert(Group, lookup={"name": content.ORGANISERS_GROUP}, values={})
    wanted = [
        (app_label, codename)
        for app_label, codenames in content.ORGANISER_PERMISSIONS.items()
        for codename in codenames
    ]
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in=content.ORGANISER_PERMISSIONS,
            codename__in=[codename for _app, codename in wanted],
        )
    }
    missing = [f"{app}.{codename}" for app, codename in wanted if (app, codename) not in found]
    if missing:
        raise ImproperlyConfigured(
            f"Permissions {', '.join(missing)} do not exist: run `python manage.py migrate` "
            "first, or correct ORGANISER_PERMISSIONS in events/demo/content.py."
        )
    # Added, never replaced: permissions someone gave the group by hand stay.
    for key in wanted:
        writer.add_related(group, "permissions", found[key], always=True)
    for app_label, codenames in content.WITHDRAWN_ORGANISER_PERMISSIONS.items():
        withdrawn = list(
            group.permissions.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        if withdrawn:
            group.permissions.remove(*withdrawn)
            writer.rows_written += len(withdrawn)
    return group


def ensure_user(writer: DemoWriter, person: content.Person) -> User:
    user = User.objects.filter(email__iexact=person.email).first()
    is_new = user is None
    if user is None:
        user = User(email=person.email)
        # Only here: a password changed later (say, on a public demo) is never reset.
        user.set_password(content.DEMO_PASSWORD)
    elif not writer.reset or (
        user.name == person.name and user.is_staff == person.is_staff and user.is_active
    ):
        return user
    user.name = person.name
    user.is_staff = person.is_staff
    user.is_active = True
    user.save()
    writer.rows_written += 1
    if is_new:
        writer.created.add((User, user.pk))
    return user


@dataclass(frozen=True)
class FestivalContext:
    writer: DemoWriter
    venue: Venue
    rooms: dict[str, Room]
    tags: dict[str, Tag]
    organiser: User
    speaker_account: User


def write_festival(
    context: FestivalContext, spec: content.FestivalSpec, *, start: date
) -> Festival:
    writer = context.writer
    festival = writer.upsert(
        Festival,
        lookup={"slug": spec.slug},
        values={
            "name": spec.name,
            "timezone": spec.timezone,
            "start_date": start,
            "end_date": start + timedelta(days=spec.days - 1),
            "description": spec.description,
            "access_guide": spec.access_guide,
            "is_published": True,
        },
    )
    writer.add_related(festival, "organisers", context.organiser)

    # From the festival as it is: without a reset, an existing one keeps its (edited) dates.
    def at(day: int, clock: time) -> datetime:
        return festival.local_datetime(festival.start_date + timedelta(days=day), clock)

    events = {}
    for event_spec in spec.events:
        events[event_spec.slug] = writer.upsert(
            Event,
            lookup={"festival": festival, "slug": event_spec.slug},
            values={
                "title": event_spec.title,
                "venue": context.venue,
                "start": at(event_spec.day, event_spec.start),
                "end": at(event_spec.day, event_spec.end),
                "description": event_spec.description,
            },
        )
    speakers = {}
    for speaker_spec in spec.speakers:
        values = {"name": speaker_spec.name, "email": speaker_spec.email, "bio": speaker_spec.bio}
        if speaker_spec.is_demo_account:
            values["user"] = context.speaker_account
        speakers[speaker_spec.slug] = writer.upsert(
            Speaker, lookup={"festival": festival, "slug": speaker_spec.slug}, values=values
        )
    for session_spec in spec.sessions:
        event = events[session_spec.event]
        # On its event's day as it is, so that a session recreated in an edited demo still
        # falls inside its event.
        day = timezone.localtime(event.start, festival.zone).date()
        write_session(
            context,
            session_spec,
            festival=festival,
            event=event,
            start=festival.local_datetime(day, session_spec.start),
            end=festival.local_datetime(day, session_spec.end),
            speakers=[speakers[speaker.slug] for speaker in session_spec.speakers],
        )
    return festival


def write_session(
    context: FestivalContext,
    spec: content.SessionSpec,
    *,
    festival: Festival,
    event: Event,
    start: datetime,
    end: datetime,
    speakers: list[Speaker],
) -> Session:
    existing = (
        Session.objects.filter(festival=festival, ref=spec.ref).select_related("room").first()
    )
    before = SessionTimes.of(existing) if existing is not None and context.writer.reset else None
    session = context.writer.upsert(
        Session,
        lookup={"festival": festival, "ref": spec.ref},
        values={
            "event": event,
            "title": spec.title,
            "slug": spec.slug or slugify(spec.title),
            "start": start,
            "end": end,
            "room": context.rooms[spec.room],
            "format": spec.format,
            "description": spec.description,
            "capacity": spec.capacity,
            "status": Session.Status.SCHEDULED,
            "access": list(spec.access),
            "content_note": spec.content_note,
        },
    )
    if before is not None:
        record_session_change(session=session, old=before)
    context.writer.set_related(session, "speakers", speakers)
    context.writer.set_related(session, "themes", [context.tags[slug] for slug in spec.themes])
    return session


def write_story(
    writer: DemoWriter,
    spec: stories.StorySpec,
    *,
    tags: dict[str, Tag],
    festivals: dict[str, Festival],
    past_date: date,
) -> Story:
    published_on = past_date + timedelta(days=spec.days_after_past_day)
    festival = festivals[spec.festival] if spec.festival else None
    story = writer.upsert(
        Story,
        lookup={"slug": spec.slug},
        values={
            "title": spec.title,
            "author": spec.author,
            "festival": festival,
            "standfirst": spec.standfirst,
            "body": spec.body,
            "status": Story.Status.PUBLISHED,
            "published_at": datetime.combine(
                published_on, time(9, 0), tzinfo=festivals[programme.PAST.slug].zone
            ),
        },
    )
    writer.set_related(story, "tags", [tags[slug] for slug in spec.tags])
    return story


def write_writeup(
    context: FestivalContext,
    spec: writeups.WriteUpSpec,
    *,
    festival: Festival,
    stories: dict[str, Story],
) -> WriteUp:
    # Written (or put back) with the festival just before.
    session = Session.objects.get(festival=festival, ref=spec.session_ref)
    published_on = festival.start_date + timedelta(days=spec.days_after_past_day)
    writeup = context.writer.upsert(
        WriteUp,
        lookup={"slug": spec.slug},
        values={
            "session": session,
            "author": context.speaker_account if spec.by_demo_speaker else None,
            "author_name": spec.author_name,
            "title": spec.title,
            "summary": spec.summary,
            "body": spec.body,
            "what_worked": spec.what_worked,
            "challenges": spec.challenges,
            "next_time": spec.next_time,
            "status": WriteUp.Status.PUBLISHED,
            "published_at": festival.local_datetime(published_on, time(18, 0)),
            "edited_at": None,
        },
    )
    context.writer.set_related(writeup, "stories", [stories[slug] for slug in spec.stories])
    return writeup
