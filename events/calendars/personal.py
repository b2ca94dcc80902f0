"""A person's own calendar feed: `/calendar/<token>.ics`, behind a private token (see
`links`). Their places (CONFIRMED) and waitlist spots (TENTATIVE, "Waitlist #3: ..."), in
every published festival, with the reminder they chose as a VALARM.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from icalendar import Alarm

from events.calendars import selectors
from events.calendars.feeds import ProgrammeCalendar
from events.calendars.http import FeedVersion
from events.calendars.selectors import FeedEvent
from events.calendars.tokens import calendar_token_for
from events.enums import AttendanceStatus, SessionStatus
from events.models import CalendarToken


@dataclass(frozen=True)
class PersonalSubject:
    token: CalendarToken
    state: selectors.PersonalFeedState


class PersonalCalendar(ProgrammeCalendar):
    """`/calendar/<token>.ics`: the sessions a person has a place on (CONFIRMED) or waits for
    (TENTATIVE, "Waitlist #3: ..."), across festivals, with their chosen reminder.

    A token that matches no link is a plain 404: it does not say whether it ever existed.
    """

    not_found = "There is no calendar at this address."
    event_style = "personal"
    title = "My festival programme"
    description = "The sessions you have booked or are waiting for, kept up to date."

    def get_object(self, request, token: str) -> PersonalSubject | None:
        found = calendar_token_for(token)
        if found is None:
            return None
        return PersonalSubject(
            token=found, state=selectors.personal_feed_state(user_id=found.user_id)
        )

    def version(self, obj: PersonalSubject) -> FeedVersion:
        token, state = obj.token, obj.state
        moments = [token.updated_at, state.bookings_changed_at, state.programme_changed_at]
        return FeedVersion(
            parts=(
                "personal",
                token.pk,
                token.token_hash,
                token.updated_at,
                token.reminder_minutes,
                state.bookings_changed_at,
                state.programme_changed_at,
                state.bookings,
                state.positions,
                state.published_bookings,
            ),
            last_modified=max(moment for moment in moments if moment is not None),
            private=True,
        )

    def items(self, obj: PersonalSubject) -> list[FeedEvent]:
        return selectors.feed_events(
            selectors.personal_sessions(user_id=obj.token.user_id),
            reminder_minutes=obj.token.reminder_minutes,
        )

    def timezone(self, obj: PersonalSubject) -> str:
        return settings.TIME_ZONE

    def timezone_years(self, obj: PersonalSubject) -> tuple[int, int]:
        year = obj.token.created_at.year
        return (year, year)

    def filename(self, obj: PersonalSubject) -> str:
        return "my-programme.ics"

    def item_title(self, item: FeedEvent) -> str:
        if item.status != SessionStatus.CANCELLED and item.booking == AttendanceStatus.WAITLISTED:
            return f"Waitlist #{item.position}: {item.title}"
        return super().item_title(item)

    def item_class(self, item: FeedEvent) -> str:
        return "PRIVATE"

    def item_status(self, item: FeedEvent) -> str:
        if item.status != SessionStatus.CANCELLED and item.booking == AttendanceStatus.WAITLISTED:
            return "TENTATIVE"
        return super().item_status(item)

    def item_valarm(self, item: FeedEvent) -> list[Alarm] | None:
        if (
            not item.reminder_minutes
            or item.booking != AttendanceStatus.GOING
            or item.status == SessionStatus.CANCELLED
        ):
            return None
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", timedelta(minutes=-item.reminder_minutes))
        return [alarm]
