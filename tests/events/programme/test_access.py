"""The programme's access filter, provisions as text on cards and the session page."""

import pytest

from tests.events.access.setting import access_setting, add_captioned_sessions
from tests.html import texts

__all__ = ["access_setting"]

pytestmark = pytest.mark.django_db

PROGRAMME = "/festivals/access-fest/programme/?day=2027-07-05"


def card_titles(response) -> list[str]:
    return texts(response, "h3.session-title")


def test_the_programme_filters_to_sessions_that_provide_every_provision_asked(
    client, access_setting
):
    assert card_titles(client.get(PROGRAMME)) == ["Opening talk", "Zine workshop"]
    assert card_titles(client.get(PROGRAMME + "&access=step-free")) == ["Opening talk"]
    assert card_titles(client.get(PROGRAMME + "&access=step-free&access=captions")) == [
        "Opening talk"
    ]
    none = client.get(PROGRAMME + "&access=step-free&access=bsl")
    assert card_titles(none) == []
    assert texts(none, "p.empty") == [
        "No sessions on Mon 5 July match these filters. Clear filters to see the whole day."
    ]


def test_the_filter_is_labelled_tick_boxes_kept_in_the_day_links_and_the_feed(
    client, access_setting
):
    response = client.get(PROGRAMME + "&access=step-free&access=captions")

    html = response.content.decode()
    assert texts(response, "legend") == ["Access: show sessions that provide all of"]
    assert '<label for="id_access_0"><input type="checkbox" name="access" value="step-free"' in (
        html
    )
    assert 'id="id_access_0" checked>' in html
    assert '?day=2027-07-06&amp;access=step-free&amp;access=captions"' in html
    assert '/festivals/access-fest/calendar.ics?access=step-free&amp;access=captions"' in html


def test_cards_show_provisions_as_text_saying_which_are_the_rooms(client, access_setting):
    response = client.get(PROGRAMME)

    assert texts(response, "p.session-access") == [
        "Access: Step-free access (room), Hearing loop (room), Live captions"
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_the_filtered_programme_costs_the_same_queries_however_many_sessions(
    client, access_setting, django_assert_num_queries, count
):
    add_captioned_sessions(access_setting, count)

    # Festival, day span, its own provisions, three filter choice lists, sessions, speakers,
    # themes.
    with django_assert_num_queries(9):
        response = client.get(PROGRAMME + "&access=step-free&access=captions")

    assert len(card_titles(response)) == count + 1


def test_the_session_page_shows_both_kinds_of_provision_and_the_content_note(
    client, access_setting
):
    talk = client.get(access_setting.talk.get_absolute_url())
    workshop = client.get(access_setting.workshop.get_absolute_url())

    assert texts(talk, "ul.session-provisions") == [
        "Step-free access (from the room, Hall) Hearing loop (from the room, Hall) "
        "Live captions (arranged for this session)"
    ]
    assert texts(workshop, "ul.session-provisions") == []
    assert texts(workshop, "dd.content-note") == ["Talks about loss."]


def test_a_code_asked_twice_or_blank_is_read_once_and_too_many_are_refused(client, access_setting):
    twice = client.get(PROGRAMME + "&access=step-free&access=&access=step-free")
    too_many = client.get(PROGRAMME + "".join(f"&access=code-{n}" for n in range(21)))

    assert card_titles(twice) == ["Opening talk"]
    assert "access=step-free&amp;access=step-free" not in twice.content.decode()
    assert texts(too_many, "p.field-error") == ["Choose at most 20 provisions."]
