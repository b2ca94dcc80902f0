"""The import's report as plain text, for the command line."""

from django.utils.translation import ngettext

from events.formatting import day_and_hours
from events.importing.apply import ImportResult
from events.importing.plan import Cancellation, ImportPlan, SessionPlan


def format_report(plan: ImportPlan, *, dry_run: bool = False) -> str:
    """Counts, then what is added, changed, cancelled and missing, then warnings; times in the
    festival's zone, which the first line names."""
    festival = plan.festival
    zone = festival.zone
    lines = [f"Programme import for {festival.name} (times in {festival.timezone})."]
    if not plan.is_valid:
        lines.append(
            f"{count(len(plan.errors), 'problem', 'problems')} found; nothing was imported."
        )
        return "\n".join(lines) + "\n"
    missing_word = "to cancel" if plan.cancel_missing else "left alone"
    lines.append(
        f"{count(len(plan.sessions), 'row', 'rows')}: {len(plan.added)} added, "
        f"{len(plan.changed)} changed, {len(plan.unchanged)} unchanged; "
        f"{len(plan.cancellations)} to cancel; "
        f"{len(plan.missing)} missing from the file ({missing_word})."
    )

    def section(title: str, entries: list[str]) -> None:
        if entries:
            lines.extend(["", f"{title} ({len(entries)}):", *(f"  {entry}" for entry in entries)])

    section(
        "Added",
        [
            f"{describe_row(row)}, {day_and_hours(row.start, row.end, zone)}, {row.room.name}"
            + (" (cancelled)" if row.is_cancelled else "")
            for row in plan.added
        ],
    )
    section(
        "Changed",
        [
            f"{describe_row(session_plan)}: {'; '.join(session_plan.changes)}"
            for session_plan in plan.changed
        ],
    )
    section(
        "To cancel",
        [describe_cancellation(cancellation, plan) for cancellation in plan.cancellations],
    )
    section(
        "Missing from the file, left alone (--cancel-missing cancels them)",
        [
            f"{session.ref or '(no ref)'} “{session.title}”, "
            f"{day_and_hours(session.start, session.end, zone)}"
            for session in ([] if plan.cancel_missing else plan.missing)
        ],
    )
    section("New speakers", [f"{speaker.name} <{speaker.email}>" for speaker in plan.new_speakers])
    section(
        "Speakers renamed",
        [f"{speaker.name} → {name} <{speaker.email}>" for speaker, name in plan.renamed_speakers],
    )
    section("New themes", [theme.name for theme in plan.new_themes])
    section("Warnings", [str(warning) for warning in plan.warnings])
    lines.append("")
    lines.append("Dry run: nothing was written." if dry_run else "")
    return "\n".join(lines).rstrip("\n") + "\n"


def format_result(result: ImportResult) -> str:
    return (
        f"Imported: {result.summary()}; "
        f"{count(result.schedule_changes, 'schedule change', 'schedule changes')} recorded.\n"
    )


def describe_row(session_plan: SessionPlan) -> str:
    return f"line {session_plan.line}, {session_plan.ref} “{session_plan.title}”"


def describe_cancellation(cancellation: Cancellation, plan: ImportPlan) -> str:
    when = day_and_hours(cancellation.start, cancellation.end, plan.festival.zone)
    ref, title = cancellation.ref or "(no ref)", cancellation.title
    if cancellation.line is None:
        return f"{ref} “{title}”, {when}, {cancellation.room.name} (not in the file)"
    return f"line {cancellation.line}, {ref} “{title}”, {when}, {cancellation.room.name}"


def count(number: int, singular: str, plural: str) -> str:
    return f"{number} {ngettext(singular, plural, number)}"
