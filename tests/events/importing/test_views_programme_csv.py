"""The programme CSV download (events/importing/views.py: programme_csv_download)."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from events.importing.exports import programme_csv
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_programme_csv_download_is_for_organisers_only(client, festival_with_programme):
    url = reverse("organise-programme-csv", kwargs={"festival": "round-trip"})
    organiser = UserFactory()
    festival_with_programme.organisers.add(organiser)

    anonymous = client.get(url)
    client.force_login(UserFactory())
    stranger = client.get(url)
    client.force_login(organiser)
    response = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={url}"
    assert stranger.status_code == 403
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="round-trip-programme.csv"'
    assert response.content.decode() == programme_csv(festival=festival_with_programme)


def test_programme_csv_download_reads_a_fixed_number_of_queries(
    client, festival_with_programme, django_assert_num_queries
):
    organiser = UserFactory()
    festival_with_programme.organisers.add(organiser)
    client.force_login(organiser)
    url = reverse("organise-programme-csv", kwargs={"festival": "round-trip"})
    client.get(url)

    # user (its session from the cache), festival, organiser check, sessions, speakers, themes
    with django_assert_num_queries(6):
        client.get(url)
    SessionFactory.create_batch(3, event=festival_with_programme.events.get())
    with django_assert_num_queries(6):
        client.get(url)
