import pytest

from tests.factories import SessionFactory


@pytest.mark.django_db
def test_session_factory_builds_a_session_inside_its_event():
    session = SessionFactory()
    assert session.festival == session.event.festival
    assert session.room.venue == session.event.venue
