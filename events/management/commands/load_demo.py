"""`python manage.py load_demo [--reset]`: the demo festivals, stories and accounts. Safe to
run twice: without --reset it only adds what is missing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from events.demo import content
from events.demo.loader import DemoResult, load_demo
from events.formatting import date_spelled_out
from events.models import WriteUp


class Command(BaseCommand):
    help = (
        "Load the demo: an upcoming two-day festival three weeks from today, a past festival "
        "day with two write-ups, Hub stories and three accounts. Re-running adds what is "
        "missing and keeps your edits; --reset puts the demo's own rows back. Passwords "
        "never change."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Put the demo's own rows back to their demo values (sessions moved or "
                "cancelled, renamed rooms...) and move the upcoming festival ahead once it "
                "has begun. Rows you added are kept."
            ),
        )

    def handle(self, *args, **options) -> None:
        result = load_demo(today=timezone.localdate(), reset=options["reset"])
        self.stdout.write(describe(result))


def describe(result: DemoResult) -> str:
    """What was loaded and how to log in, as the command prints it."""
    site = settings.SITE_URL
    upcoming, past = result.upcoming, result.past
    written = (
        ngettext("%(count)s row written", "%(count)s rows written", result.rows_written)
        % {"count": result.rows_written}
        if result.rows_written
        else "nothing to change"
    )
    lines = [
        f"Demo loaded ({written}).",
        f"  {upcoming.name}: {span(upcoming)}, {upcoming.sessions.count()} sessions",
        f"  {past.name}: {span(past)}, {past.sessions.count()} sessions, "
        f"{WriteUp.objects.published().filter(session__festival=past).count()} write-ups",
    ]
    if result.upcoming_has_begun:
        lines.append(
            f"  {upcoming.name} is no longer ahead: run `python manage.py load_demo --reset` "
            "to move it forward (this also puts back the demo rows you edited)."
        )
    lines += [
        "",
        f"Open {site}/",
        f"Organiser: {content.ORGANISER.email} / {content.DEMO_PASSWORD}  (admin: {site}/admin/)",
        f"Speaker:   {content.SPEAKER.email} / {content.DEMO_PASSWORD}",
        f"Attendee:  {content.ATTENDEE.email} / {content.DEMO_PASSWORD}",
        "Passwords are set when the accounts are created; re-running never changes them.",
    ]
    return "\n".join(lines)


def span(festival) -> str:
    if festival.start_date == festival.end_date:
        return date_spelled_out(festival.start_date)
    return f"{date_spelled_out(festival.start_date)} to {date_spelled_out(festival.end_date)}"
