"""The public calendar feeds: a whole festival (filterable like the timetable), one session
("Add to calendar"), one speaker. A person's own feed is in `personal`.

Each is a django-ical ICalFeed (see `CalendarFeed`) whose instance is the view. Every event:
UID from the session's stored uid, SUMMARY, DTSTART/DTEND with TZID, DTSTAMP and
LAST-MODIFIED from the session's `updated_at` in UTC, SEQUENCE from the session, LOCATION,
ORGANIZER (the festival, at the site's from-address: METHOD:PUBLISH needs one), DESCRIPTION
(the session's Markdown as plain text), URL, CATEGORIES when there are some, CLASS and
STATUS. A cancelled session stays in the festival and speaker feeds, as STATUS:CANCELLED,
until its festival is over, and in its own feed for good.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events.access.selectors import STANDARD_VOCABULARY
from events.calendars import selectors
from events.calendars.base import CalendarFeed, FeedRequestError
from events.calendars.generator import Organizer
from events.calendars.http import FeedVersion, body_of
from events.calendars.selectors import FeedEvent
from events.enums import SessionFormat, SessionStatus
from events.models import Session
from events.programme.forms import MOST_ACCESS_CODES, ProgrammeFilterForm, asked_codes
from events.programme.selectors import FilterChoices, ProgrammeFilters, day_bounds
from festival.markdown import markdown_as_plain_text
from festival.models import STANDARD_CODES, Festival

# The largest primary key the databases hold: anything bigger is no room of ours.
LARGEST_ID = 2**63 - 1
# More provisions than any session has: a longer ?access= list can only match nothing.
SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def organizer_email() -> str:
    """The address in DEFAULT_FROM_EMAIL ("Convene <programme@...>" or a bare address)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


def festival_over_at(festival: Festival) -> datetime:
    """Midnight after the festival's last day, in its own zone."""
    return day_bounds(festival=festival, day=festival.end_date)[1]


class ProgrammeCalendar(CalendarFeed):
    """The item hooks every feed of sessions shares; items are `FeedEvent`s."""

    event_style = "public"

    def timezone(self, obj) -> str:
        return obj.festival.timezone

    def timezone_years(self, obj) -> tuple[int, int]:
        return (obj.festival.start_date.year, obj.festival.end_date.year)

    def item_guid(self, item: FeedEvent) -> str:
        return f"{item.uid}@{site_host()}"

    def item_title(self, item: FeedEvent) -> str:
        if item.status == SessionStatus.CANCELLED:
            return f"Cancelled: {item.title}"
        return item.title

    def item_link(self, item: FeedEvent) -> str:
        return settings.SITE_URL + session_path(item.festival_slug, item.session_slug)

    def item_description(self, item: FeedEvent) -> str:
        parts = []
        if item.status == SessionStatus.CANCELLED:
            parts.append("This session has been cancelled.")
        if item.speakers:
            parts.append(f"With {and_list(item.speakers)}.")
        description = markdown_as_plain_text(item.description)
        if description:
            parts.append(description)
        if item.access:
            parts.append(f"Access: {', '.join(item.access)}.")
        if item.content_note.strip():
            parts.append(f"Content note: {item.content_note.strip()}")
        parts.append(self.item_link(item))
        parts.extend(
            f"Write-up: {settings.SITE_URL}{reverse('writeup-detail', kwargs={'writeup': slug})}"
            for slug in item.writeups
        )
        return "\n\n".join(parts)

    def item_organizer(self, item: FeedEvent) -> Organizer:
        return Organizer(name=item.festival_name, email=organizer_email())

    def item_location(self, item: FeedEvent) -> str:
        address = ", ".join(line.strip() for line in item.address.splitlines() if line.strip())
        return ", ".join(part for part in (item.room, item.venue, address) if part)

    def item_categories(self, item: FeedEvent) -> list[str] | None:
        categories = [SessionFormat(item.format).label, *item.themes]
        return categories or None

    def item_start_datetime(self, item: FeedEvent) -> datetime:
        return item.start

    def item_end_datetime(self, item: FeedEvent) -> datetime:
        return item.end

    def item_timezone(self, item: FeedEvent) -> str:
        return item.tzid

    def item_updateddate(self, item: FeedEvent) -> datetime:
        return item.updated_at

    def item_timestamp(self, item: FeedEvent) -> datetime:
        return item.updated_at

    def item_sequence(self, item: FeedEvent) -> int:
        return item.sequence

    def item_class(self, item: FeedEvent) -> str:
        return "PUBLIC"

    def item_status(self, item: FeedEvent) -> str:
        if item.status == SessionStatus.CANCELLED:
            return "CANCELLED"
        return "CONFIRMED"


def session_path(festival: str, session: str) -> str:
    """The session page's path: `reverse` once, then filled in (slugs need no quoting)."""
    return _session_path_pattern().replace("FESTIVAL", festival).replace("SESSION", session)


@lru_cache(maxsize=1)
def _session_path_pattern() -> str:
    return reverse("session-detail", kwargs={"festival": "FESTIVAL", "session": "SESSION"})


def and_list(names: tuple[str, ...]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True)
class FestivalSubject:
    festival: Festival
    filters: ProgrammeFilters
    labels: tuple[str, ...]
    is_over: bool


class FestivalCalendar(ProgrammeCalendar):
    """`/festivals/<festival>/calendar.ics`, with the timetable's `?format=`, `?theme=` and
    `?room=` filters (a filter that matches none of the festival's sessions is a 400)."""

    not_found = "No published festival has that address."

    def get_object(self, request, festival: str) -> FestivalSubject | None:
        asked = {name: request.GET.get(name, "") for name in ("format", "theme", "room")}
        room = parse_id(asked["room"])
        # As the programme page reads them; one more than allowed, for the form to refuse.
        access = tuple(asked_codes(request.GET.getlist("access")))[: MOST_ACCESS_CODES + 1]
        # Checked before any query: PostgreSQL refuses some characters (NUL) outright.
        if any(
            not SLUG.match(value) for value in (asked["format"], asked["theme"], *access) if value
        ):
            raise FeedRequestError("A filter can only be letters, digits and hyphens.")
        found = selectors.festival_for_feed(
            slug=festival, format=asked["format"], theme=asked["theme"], room=room, access=access
        )
        if found is None:
            return None
        choices = FilterChoices(
            formats=[(asked["format"], SessionFormat(asked["format"]).label)]
            if getattr(found, "format_used", False)
            else [],
            themes=[(asked["theme"], found.theme_name)]
            if getattr(found, "theme_name", None)
            else [],
            rooms=[(room, found.room_name)] if getattr(found, "room_name", None) else [],
            access=[
                (code, STANDARD_VOCABULARY.label(code))
                if code in STANDARD_CODES
                else (code, getattr(found, f"access_label_{number}", None))
                for number, code in enumerate(access)
                if code in STANDARD_CODES or getattr(found, f"access_label_{number}", None)
            ],
        )
        form = ProgrammeFilterForm({**asked, "access": list(access)}, choices=choices)
        if not form.is_valid():
            raise FeedRequestError(
                " ".join(message for messages in form.errors.values() for message in messages)
            )
        return FestivalSubject(
            festival=found,
            filters=form.filters(),
            labels=tuple(
                label
                for _value, label in (
                    *choices.formats,
                    *choices.themes,
                    *choices.rooms,
                    *choices.access,
                )
            ),
            is_over=timezone.now() >= festival_over_at(found),
        )

    def version(self, obj: FestivalSubject) -> FeedVersion:
        festival, filters = obj.festival, obj.filters
        last_modified = festival.programme_changed_at
        if obj.is_over:
            # Cancelled sessions leave the feed then: a change that clients must see.
            last_modified = max(last_modified, festival_over_at(festival))
        return FeedVersion(
            parts=(
                "festival",
                festival.pk,
                festival.programme_changed_at,
                filters.format,
                filters.theme,
                filters.room,
                filters.access,
                obj.is_over,
            ),
            last_modified=last_modified,
        )

    def items(self, obj: FestivalSubject) -> list[FeedEvent]:
        filters = obj.filters
        return selectors.feed_events(
            selectors.festival_sessions(
                obj.festival,
                format=filters.format,
                theme=filters.theme,
                room=filters.room,
                access=filters.access,
                with_cancelled=not obj.is_over,
            )
        )

    def title(self, obj: FestivalSubject) -> str:
        if obj.labels:
            return f"{obj.festival.name} ({', '.join(obj.labels)})"
        return obj.festival.name

    def description(self, obj: FestivalSubject) -> str:
        return f"The programme of {obj.festival.name}, kept up to date."

    def filename(self, obj: FestivalSubject) -> str:
        return f"{obj.festival.slug}.ics"


def parse_id(value: str) -> int | None:
    """A database id from a query string, or None for anything that cannot be one."""
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= LARGEST_ID else None


@dataclass(frozen=True)
class SessionSubject:
    festival: Festival
    slug: str
    title: str


class SessionCalendar(ProgrammeCalendar):
    """`/festivals/<festival>/sessions/<session>/calendar.ics`: "Add to calendar"."""

    not_found = "This festival has no session at that address."

    def get_object(self, request, festival: str, session: str) -> SessionSubject | None:
        found = selectors.festival_with_session(slug=festival, session=session)
        if found is None or found.session_title is None:
            return None
        return SessionSubject(festival=found, slug=session, title=found.session_title)

    def version(self, obj: SessionSubject) -> FeedVersion:
        stamp = obj.festival.programme_changed_at
        return FeedVersion(parts=("session", obj.festival.pk, stamp, obj.slug), last_modified=stamp)

    def items(self, obj: SessionSubject) -> list[FeedEvent]:
        return selectors.feed_events(Session.objects.filter(festival=obj.festival, slug=obj.slug))

    def title(self, obj: SessionSubject) -> str:
        return f"{obj.title} ({obj.festival.name})"

    def filename(self, obj: SessionSubject) -> str:
        return f"{obj.slug}.ics"


def session_calendar_file(session: Session) -> bytes:
    """The single-session calendar of `session`, as the session page offers it: for email.
    Kept in the feeds' cache under the page's own version, so a popular session's hundreds of
    confirmations (and its page's download) share one until its programme changes."""
    calendar = SessionCalendar()
    subject = SessionSubject(festival=session.festival, slug=session.slug, title=session.title)
    return body_of(calendar.version(subject), lambda: calendar.render(subject))


@dataclass(frozen=True)
class SpeakerSubject:
    festival: Festival
    slug: str
    name: str
    is_over: bool


class SpeakerCalendar(ProgrammeCalendar):
    """`/festivals/<festival>/speakers/<speaker>/calendar.ics`: a speaker's sessions."""

    not_found = "This festival has no speaker at that address."

    def get_object(self, request, festival: str, speaker: str) -> SpeakerSubject | None:
        found = selectors.festival_with_speaker(slug=festival, speaker=speaker)
        if found is None or found.speaker_name is None:
            return None
        return SpeakerSubject(
            festival=found,
            slug=speaker,
            name=found.speaker_name,
            is_over=timezone.now() >= festival_over_at(found),
        )

    def version(self, obj: SpeakerSubject) -> FeedVersion:
        stamp = obj.festival.programme_changed_at
        last_modified = max(stamp, festival_over_at(obj.festival)) if obj.is_over else stamp
        return FeedVersion(
            parts=("speaker", obj.festival.pk, stamp, obj.slug, obj.is_over),
            last_modified=last_modified,
        )

    def items(self, obj: SpeakerSubject) -> list[FeedEvent]:
        sessions = Session.objects.filter(festival=obj.festival, speakers__slug=obj.slug)
        if obj.is_over:
            sessions = sessions.exclude(status=SessionStatus.CANCELLED)
        return selectors.feed_events(sessions)

    def title(self, obj: SpeakerSubject) -> str:
        return f"{obj.name} at {obj.festival.name}"

    def filename(self, obj: SpeakerSubject) -> str:
        return f"{obj.slug}.ics"
