"""The demo site as the browser tests see it: viewports, the demo's people and festivals, and
where screenshots go."""

import os
from pathlib import Path

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DEMO_PASSWORD = "convene-demo"
ORGANISER = "organiser@convene.localhost"
SPEAKER = "speaker@convene.localhost"
ATTENDEE = "attendee@convene.localhost"
FESTIVAL = "not-another-co-production-festival"
PAST_FESTIVAL = "courage-in-co-production-day"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def missing(reason: str) -> None:
    """Skip locally; fail in CI, which installs everything these tests need."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(reason)
