"""The base of the frab/c3voc schedule exports (schedule.xml and schedule.json).

An instance is the view, as with Django's syndication Feed. It answers a conditional request
from the festival's programme stamp alone, then builds one format-neutral document from the
festival's whole programme (one selector, a fixed number of queries); subclasses only write
that document out in their format (`render`). What each frab field holds is decided once, in
the named hooks below, so both formats always say the same thing.
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from events.enums import SessionFormat, SessionStatus
from events.permissions import visible_festival_or_404
from events.programme.selectors import day_bounds
from events.schedule_exports.selectors import (
    FestivalSchedule,
    ScheduleRoom,
    ScheduleSession,
    ScheduleSpeaker,
    festival_schedule,
)
from festival.conditional_get import conditional_response
from festival.models import Festival

GENERATOR = "Convene"
LANGUAGE = "en"
# The grid apps snap to; sessions may start on any minute, and 5 minutes is what pretalx says.
TIMESLOT_DURATION = "00:05"
# Part of every ETag: raise it when a release changes what the exports write for an unchanged
# programme, or apps holding the old ETag would be told "not modified" until the next change.
EXPORT_REVISION = 1

FORMAT_LABELS = dict(SessionFormat.choices)


@dataclass(frozen=True, slots=True)
class ScheduleDay:
    index: int
    """From 1."""
    date: date
    start: datetime
    """Local midnight."""
    end: datetime
    """The next local midnight, or the end of the day's last session if it runs past it."""
    rooms: list[tuple[ScheduleRoom, list[dict]]]
    """The rooms with sessions that start on this day, in column order, and their events."""


@dataclass(frozen=True, slots=True)
class ScheduleDocument:
    """What both formats write, with the frab field values already worked out."""

    festival: Festival
    url: str
    """This export's own address."""
    version: str
    base_url: str
    acronym: str
    festival_url: str
    rooms: list[ScheduleRoom]
    tracks: list[str]
    days: list[ScheduleDay]


class ScheduleExport:
    """A schedule export; subclasses give `content_type`, `filename`, `url_name` and
    `render(document)`, and may override any `event_*` hook."""

    content_type = ""
    filename = ""
    """The last part of the export's address, e.g. "schedule.xml"; part of its ETag."""
    url_name = ""

    # The view ------------------------------------------------------------------------------

    def __init__(self) -> None:
        self.view = require_safe(self.respond)

    def __call__(self, request: HttpRequest, festival: str) -> HttpResponse:
        return self.view(request, festival=festival)

    def respond(self, request: HttpRequest, festival: str) -> HttpResponse:
        """The export, or 304 from the festival's programme stamp before anything is built
        (the festival, 404 unless this visitor may see it, is the one query)."""
        found = visible_festival_or_404(request, festival)
        response = conditional_response(
            request,
            etag=self.etag(found),
            last_modified=found.programme_changed_at,
            # Apps should ask again each time (a 304 costs one query); a preview of an
            # unpublished festival is for its organisers only.
            cache_control="public, no-cache" if found.is_published else "private, no-cache",
            respond=lambda: HttpResponse(self.build(found), content_type=self.content_type),
        )
        if found.is_published and response.status_code in (200, 304):
            # Public data that web-based schedule viewers fetch from their own sites.
            response["Access-Control-Allow-Origin"] = "*"
        return response

    def etag(self, festival: Festival) -> str:
        """Quoted; moves with the programme stamp, and with EXPORT_REVISION."""
        stamp = festival.programme_changed_at
        return f'"{self.filename}-r{EXPORT_REVISION}-{stamp.timestamp():.6f}"'

    def build(self, festival: Festival) -> bytes:
        """The export's bytes for the festival's programme as it is now."""
        return self.render(self.document(festival_schedule(festival=festival)))

    def render(self, document: ScheduleDocument) -> bytes:
        raise NotImplementedError(
            f"Give {type(self).__name__} a render(document) method that returns the export's "
            "bytes: see ScheduleXml and ScheduleJson."
        )

    # The document --------------------------------------------------------------------------

    def document(self, schedule: FestivalSchedule) -> ScheduleDocument:
        festival = schedule.festival
        zone = festival.zone
        acronym = self.acronym(festival)
        persons: dict[int, dict] = {}
        by_day: dict[date, dict[int, list[dict]]] = {}
        last_ends: dict[date, datetime] = {}
        tracks: set[str] = set()
        for session in schedule.sessions:
            start = session.start.astimezone(zone)
            # A session that runs past midnight belongs to the day it starts on.
            day = start.date()
            for speaker in session.speakers:
                if speaker.pk not in persons:
                    persons[speaker.pk] = self.person(speaker, festival=festival)
            event = self.event(
                session, festival=festival, start=start, acronym=acronym, persons=persons
            )
            by_day.setdefault(day, {}).setdefault(session.room.pk, []).append(event)
            tracks.add(event["track"])
            last_ends[day] = max(last_ends.get(day, session.end), session.end)
        days = self.days(festival=festival, session_days=by_day.keys())
        return ScheduleDocument(
            festival=festival,
            url=settings.SITE_URL + reverse(self.url_name, kwargs={"festival": festival.slug}),
            version=self.version(festival),
            base_url=settings.SITE_URL + "/",
            acronym=acronym,
            festival_url=settings.SITE_URL + festival.get_absolute_url(),
            rooms=schedule.rooms,
            tracks=sorted(tracks),
            days=[
                _schedule_day(
                    index,
                    day,
                    festival=festival,
                    rooms=[
                        (room, by_day[day][room.pk])
                        for room in schedule.rooms
                        if room.pk in by_day.get(day, {})
                    ],
                    last_session_end=last_ends.get(day),
                )
                for index, day in enumerate(days, start=1)
            ],
        )

    def days(self, *, festival: Festival, session_days: Iterable[date]) -> list[date]:
        """The festival's dates, and any date a session starts on outside them (so that none
        is lost), without filling the gap to a stray one."""
        length = (festival.end_date - festival.start_date).days + 1
        festival_days = {festival.start_date + timedelta(days=n) for n in range(length)}
        return sorted(festival_days | set(session_days))

    def event(
        self,
        session: ScheduleSession,
        *,
        festival: Festival,
        start: datetime,
        acronym: str,
        persons: dict[int, dict],
    ) -> dict:
        """One session as a frab event, under the JSON names (the XML uses the same ones);
        `start` is its start in the festival's time zone."""
        minutes = int((session.end - session.start).total_seconds()) // 60
        return {
            "guid": str(session.uid),
            "id": session.pk,
            "date": start.isoformat(timespec="seconds"),
            "start": f"{start:%H:%M}",
            "end": session.end.astimezone(start.tzinfo).isoformat(timespec="seconds"),
            "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
            "room": session.room.name,
            "slug": self.event_slug(session, acronym=acronym),
            "url": self.event_url(session, festival=festival),
            "title": self.event_title(session),
            "subtitle": "",
            "track": self.event_track(session),
            "type": self.event_type(session),
            "language": LANGUAGE,
            "abstract": self.event_abstract(session),
            "description": self.event_description(session),
            "persons": [persons[speaker.pk] for speaker in session.speakers],
            "links": [],
        }

    # Hooks: what each field holds -------------------------------------------------------------

    def acronym(self, festival: Festival) -> str:
        """The festival's slug as the schemas allow it: the JSON schema takes no hyphen after
        the first character and both want four characters at least."""
        return re.sub(r"[^a-z0-9_]", "_", festival.slug.lower()).ljust(4, "_")

    def version(self, festival: Festival) -> str:
        """Apps show it and compare it: the programme stamp moves on every change shown here."""
        return festival.programme_changed_at.astimezone(UTC).isoformat()

    def event_title(self, session: ScheduleSession) -> str:
        """The title; a cancelled session's starts "Cancelled: ".

        frab and pretalx leave cancelled sessions out, and the format has no status field.
        Convene keeps them, as its calendars do: an app that has the session starred then
        shows it as called off under the same guid instead of silently dropping it, and
        someone reading the programme on the day learns it is off rather than that it never
        was.
        """
        if session.status == SessionStatus.CANCELLED:
            return f"Cancelled: {session.title}"
        return session.title

    def event_track(self, session: ScheduleSession) -> str:
        """The first theme (by name), or the format when the session has no theme."""
        return session.themes[0] if session.themes else self.event_type(session)

    def event_type(self, session: ScheduleSession) -> str:
        return FORMAT_LABELS.get(session.format, session.format)

    def event_slug(self, session: ScheduleSession, *, acronym: str) -> str:
        """`<acronym>-<id>-<slug>` as pretalx writes it, in the characters the schemas allow;
        unique, since the id is."""
        words = re.sub(r"[^a-z0-9_]+", "-", session.slug.lower()).strip("-_") or "session"
        slug = f"{acronym}-{session.pk}-{words}"
        # The XML schema wants four characters or more after the acronym's hyphen.
        return slug if len(slug) - len(acronym) > 4 else f"{acronym}-{session.pk}-session-{words}"

    def event_url(self, session: ScheduleSession, *, festival: Festival) -> str:
        return settings.SITE_URL + reverse(
            "session-detail", kwargs={"festival": festival.slug, "session": session.slug}
        )

    def event_abstract(self, session: ScheduleSession) -> str:
        """The description's first paragraph: apps show the abstract above the description."""
        return _lead_and_rest(session.description)[0]

    def event_description(self, session: ScheduleSession) -> str:
        """The rest of the description, so that an app showing both shows it once; then the
        access provisions and the content note (the frab schemas have no field for them)."""
        parts = [_lead_and_rest(session.description)[1]]
        if session.access:
            parts.append(f"Access: {', '.join(session.access)}.")
        if session.content_note.strip():
            parts.append(f"Content note: {session.content_note.strip()}")
        return "\n\n".join(part for part in parts if part)

    def person(self, speaker: ScheduleSpeaker, *, festival: Festival) -> dict:
        """A speaker as a frab person: id and public name (no email, no address)."""
        url = reverse("speaker-detail", kwargs={"festival": festival.slug, "speaker": speaker.slug})
        return {"id": speaker.pk, "public_name": speaker.name, "url": settings.SITE_URL + url}

    def room_guid(self, room: ScheduleRoom) -> str:
        """A stable uuid for the room (rooms have none stored): from this site and its id."""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/rooms/{room.pk}"))


def _lead_and_rest(text: str) -> tuple[str, str]:
    lead, _, rest = text.replace("\r\n", "\n").strip().partition("\n\n")
    return lead.strip(), rest.strip()


def _schedule_day(
    index: int,
    day: date,
    *,
    festival: Festival,
    rooms: list[tuple[ScheduleRoom, list[dict]]],
    last_session_end: datetime | None,
) -> ScheduleDay:
    """The day from local midnight to the next, or to the end of its last session if that
    runs past it."""
    start, midnight = day_bounds(festival=festival, day=day)
    if last_session_end is None or last_session_end <= midnight:
        end = midnight
    else:
        end = last_session_end.astimezone(festival.zone)
    return ScheduleDay(index=index, date=day, start=start, end=end, rooms=rooms)
