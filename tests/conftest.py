import os

import pytest
from django.db import connection


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def postgresql_only():
    """Tests of PostgreSQL behaviour: skipped on SQLite locally, never skipped in CI."""
    if not on_postgresql():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run this test on PostgreSQL: set DATABASE_URL.")
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... to run it")
