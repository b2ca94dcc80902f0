"""`python manage.py import_programme <festival-slug> <file.csv> [--dry-run] [--cancel-missing]`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from events.importing import (
    ImportRejected,
    Problem,
    ProgrammeChangedSincePreview,
    apply_import,
    format_report,
    format_result,
    plan_import,
)
from festival.models import Festival


class Command(BaseCommand):
    help = (
        "Import or re-import a festival's programme from a CSV file. Rows are matched on `ref`, "
        "so a re-import updates sessions in place. All or nothing: any bad row and nothing is "
        "written; every bad row is listed with its line number."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("festival", help="The festival's slug.")
        parser.add_argument("file", type=Path, help="The programme, a UTF-8 CSV file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change; write nothing.",
        )
        parser.add_argument(
            "--cancel-missing",
            action="store_true",
            help="Cancel the festival's sessions that the file does not mention.",
        )

    def handle(
        self, *args, festival: str, file: Path, dry_run: bool, cancel_missing: bool, **options
    ) -> None:
        try:
            festival_row = Festival.objects.get(slug=festival)
        except Festival.DoesNotExist:
            slugs = ", ".join(Festival.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No festival “{festival}”. Festivals: {slugs}.") from None
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None

        plan = plan_import(festival=festival_row, content=content, cancel_missing=cancel_missing)
        self.stdout.write(format_report(plan, dry_run=dry_run), ending="")
        if not plan.is_valid:
            raise rejection(plan.errors, file)
        if dry_run:
            return
        try:
            result = apply_import(plan=plan)
        except ImportRejected as rejected:
            raise rejection(rejected.plan.errors, file) from None
        except ProgrammeChangedSincePreview:
            raise CommandError(
                "The programme changed while the file was being imported; nothing was written. "
                "Run the command again."
            ) from None
        self.stdout.write(format_result(result), ending="")


def rejection(errors: list[Problem], file: Path) -> CommandError:
    """Every problem, one a line: the message `manage.py` prints to stderr before exit 1."""
    listed = "\n".join(str(error) for error in errors)
    return CommandError(
        ngettext(
            "Nothing was imported: %(file)s has %(count)s problem.",
            "Nothing was imported: %(file)s has %(count)s problems.",
            len(errors),
        )
        % {"file": file, "count": len(errors)}
        + f"\n{listed}"
    )
