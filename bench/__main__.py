"""`make bench`: prints the figures quoted in the README's performance table.

Runs against a throwaway test database: SQLite in memory by default, or PostgreSQL when
DATABASE_URL points at a server (Django creates and drops `test_<name>` there). Name some
benches to run only those, in the same way: `python -m bench booking reminders`.
"""

import os
import sys
import warnings

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    # whitenoise warns that static files are not collected; the bench serves none.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from bench import booking, check_in, outbox, programme, reminders, schedule_editor
    from bench import calendars as calendars_bench
    from bench import schedule_exports as schedule_exports_bench

    benches = {
        "programme": programme,
        "schedule_editor": schedule_editor,
        "check_in": check_in,
        "booking": booking,
        "calendars": calendars_bench,
        "schedule_exports": schedule_exports_bench,
        "reminders": reminders,
        "outbox": outbox,
    }
    chosen = sys.argv[1:] or list(benches)
    unknown = sorted(set(chosen) - set(benches))
    if unknown:
        print(f"No bench named {', '.join(unknown)}; the benches are {', '.join(benches)}.")
        return 2
    setup_test_environment()
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor} ({test_database})")
        for name in chosen:
            benches[name].run()
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
