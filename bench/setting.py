"""The one-session festival the mail benches send about (bench/reminders.py, bench/outbox.py)."""

from datetime import date, datetime, timedelta

from events.enums import SessionFormat
from events.models import Event, Session
from festival.models import Festival, Room, Venue


def bench_session(
    *, name: str, slug: str, starts: datetime, event_hours: int, **festival_values
) -> Session:
    """A published festival `slug` with one event from `starts - 2 h` lasting `event_hours`, and
    one hour-long talk in its Hall at `starts`."""
    festival = Festival.objects.create(
        name=name,
        slug=slug,
        start_date=date.today(),
        end_date=date.today() + timedelta(days=2),
        is_published=True,
        **festival_values,
    )
    venue = Venue.objects.create(name=f"{name} venue", slug=f"{slug}-venue", address="1 Road")
    room = Room.objects.create(venue=venue, name="Hall")
    opens = starts - timedelta(hours=2)
    event = Event.objects.create(
        festival=festival,
        title="Day",
        slug="day",
        venue=venue,
        start=opens,
        end=opens + timedelta(hours=event_hours),
    )
    return Session.objects.create(
        event=event,
        title="Doing it together",
        slug="doing-it-together",
        start=starts,
        end=starts + timedelta(hours=1),
        room=room,
        format=SessionFormat.TALK,
    )
