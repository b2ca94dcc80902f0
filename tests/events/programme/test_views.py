import re
from dataclasses import dataclass
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from events.bookings.services import book_place
from events.enums import SessionFormat, SessionStatus, WriteUpStatus
from events.models import Event, ScheduleChange, Session
from festival.models import Festival, Room, Speaker, Tag, User
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    ScheduleChangeFactory,
    SessionFactory,
    SpeakerFactory,
    StoryFactory,
    TagFactory,
    UserFactory,
    VenueFactory,
    WriteUpFactory,
)
from tests.html import texts


@dataclass(frozen=True)
class Programme:
    festival: Festival
    event: Event
    hall: Room
    studio: Room
    garden: Room
    mel: Speaker
    sam: Speaker
    health: Tag
    housing: Tag
    talk: Session
    workshop: Session
    walk: Session
    closing: Session
    organiser: User


def at(day: int, hour: int, minute: int = 0, month: int = 7) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def programme() -> Programme:
    """Mon 5 and Tue 6 July 2027 at one venue: three sessions on Monday (one cancelled), one
    on Tuesday."""
    organiser = UserFactory(email="organiser@example.org")
    festival = FestivalFactory(
        name="Not Another Co-production Festival",
        slug="nacpf",
        description="Happenings and conversations that **evolve during the day**.",
        organisers=[organiser],
    )
    venue = VenueFactory(
        name="Museum of Science and Industry",
        address="Liverpool Road, Manchester M3 4FP",
        accessibility_notes="Step-free entrance on Lower Byrom Street.",
        map_url="https://www.openstreetmap.org/way/1",
    )
    event = EventFactory(
        festival=festival,
        venue=venue,
        title="Main programme",
        slug="main",
        start=at(5, 9),
        end=at(6, 18),
    )
    hall = RoomFactory(venue=venue, name="Hall", position=1, accessibility_notes="Hearing loop.")
    studio = RoomFactory(venue=venue, name="Studio", position=2, accessibility_notes="")
    garden = RoomFactory(venue=venue, name="Garden", position=3, accessibility_notes="")
    mel = SpeakerFactory(festival=festival, name="Mel Parks", slug="mel-parks")
    sam = SpeakerFactory(festival=festival, name="Sam Okafor", slug="sam-okafor")
    health = TagFactory(name="Health", slug="health")
    housing = TagFactory(name="Housing", slug="housing")
    return Programme(
        festival=festival,
        event=event,
        hall=hall,
        studio=studio,
        garden=garden,
        mel=mel,
        sam=sam,
        health=health,
        housing=housing,
        talk=SessionFactory(
            event=event,
            title="What is co-production?",
            slug="what-is-co-production",
            start=at(5, 10),
            end=at(5, 11),
            room=hall,
            format=SessionFormat.TALK,
            capacity=100,
            speakers=[sam, mel],
            themes=[health],
        ),
        workshop=SessionFactory(
            event=event,
            title="Making a zine",
            slug="making-a-zine",
            start=at(5, 10),
            end=at(5, 11, 30),
            room=studio,
            format=SessionFormat.WORKSHOP,
            capacity=12,
            speakers=[sam],
            themes=[housing],
        ),
        walk=SessionFactory(
            event=event,
            title="Garden walk",
            slug="garden-walk",
            start=at(5, 10, 30),
            end=at(5, 11, 15),
            room=garden,
            format=SessionFormat.HAPPENING,
            capacity=None,
            status=SessionStatus.CANCELLED,
        ),
        closing=SessionFactory(
            event=event,
            title="Closing circle",
            slug="closing-circle",
            start=at(6, 16),
            end=at(6, 17),
            room=hall,
            format=SessionFormat.CONVERSATION,
            capacity=None,
            speakers=[mel],
        ),
        organiser=organiser,
    )


def programme_url(festival: Festival, query: str = "") -> str:
    return reverse("festival-programme", kwargs={"festival": festival.slug}) + query


# Festival page


@pytest.mark.django_db
def test_festival_page_shows_dates_events_days_speakers_and_stories(client, programme):
    StoryFactory(
        title="What we learned",
        festival=programme.festival,
        author="Mel Parks",
        standfirst="Including what failed.",
    )
    StoryFactory(title="A draft", festival=programme.festival, status="draft", published_at=None)
    StoryFactory(title="Elsewhere")

    response = client.get(programme.festival.get_absolute_url())

    assert response.status_code == 200
    assert texts(response, "title") == ["Not Another Co-production Festival · Convene"]
    assert texts(response, "h1") == ["Not Another Co-production Festival"]
    assert texts(response, ".lede") == ["5–6 July 2027"]
    assert texts(response, ".prose") == [
        "Happenings and conversations that evolve during the day.",
        "Two days of happenings and conversations.",
    ]
    assert texts(response, "article.event") == [
        "Main programme Mon 5 July 2027, 09:00 BST to Tue 6 July 2027, 18:00 BST "
        "Venue Museum of Science and Industry Liverpool Road, Manchester M3 4FP "
        "Map of Museum of Science and Industry "
        "Access Step-free entrance on Lower Byrom Street. "
        "Two days of happenings and conversations."
    ]
    assert 'href="https://www.openstreetmap.org/way/1"' in response.content.decode()
    assert texts(response, ".day-counts") == [
        "Mon 5 July 2027: 3 sessions (1 cancelled) Tue 6 July 2027: 1 session"
    ]
    assert texts(response, ".columns-list") == ["Mel Parks Sam Okafor"]
    assert texts(response, ".card-title") == ["What we learned"]
    assert texts(response, ".actions") == ["See the programme What’s changed Access guide"]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_festival_page_queries_do_not_grow_with_its_size(client, django_assert_num_queries, count):
    festival = FestivalFactory(slug="sized")
    for number in range(count):
        event = EventFactory(festival=festival, title=f"Day {number}")
        SessionFactory(event=event, speakers=[SpeakerFactory(festival=festival)])
        StoryFactory(festival=festival)

    # The festival, the stories' stamp (the page's version); its events with venues,
    # sessions per day, speakers, stories.
    with django_assert_num_queries(6):
        response = client.get(festival.get_absolute_url())

    assert len(texts(response, "article.event")) == count


# Who may see what


PAGES = [
    ("festival-detail", {}),
    ("festival-programme", {}),
    ("festival-changes", {}),
    ("session-detail", {"session": "what-is-co-production"}),
    ("speaker-detail", {"speaker": "mel-parks"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_public_pages_of_an_unpublished_festival_are_404_except_to_its_organisers(
    client, programme, name, kwargs
):
    Festival.objects.filter(pk=programme.festival.pk).update(is_published=False)
    url = reverse(name, kwargs={"festival": "nacpf", **kwargs})

    anonymous = client.get(url)
    client.force_login(UserFactory())
    stranger = client.get(url)
    client.force_login(programme.organiser)
    organiser = client.get(url)

    assert (anonymous.status_code, stranger.status_code, organiser.status_code) == (404, 404, 200)
    assert texts(organiser, ".message-preview") == [
        "Preview. This festival is not published yet: only its organisers can see this page."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("festival-detail", {"festival": "no-such-festival"}),
        ("festival-programme", {"festival": "no-such-festival"}),
        ("festival-changes", {"festival": "no-such-festival"}),
        ("session-detail", {"festival": "nacpf", "session": "no-such-session"}),
        ("speaker-detail", {"festival": "nacpf", "speaker": "no-such-speaker"}),
        # A session of another festival is not this festival's.
        ("session-detail", {"festival": "other", "session": "what-is-co-production"}),
    ],
)
def test_public_pages_are_404_for_unknown_addresses(client, programme, name, kwargs):
    FestivalFactory(slug="other")

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 404
    assert "What is co-production?" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwargs", "title"),
    [
        ("festival-detail", {}, "Not Another Co-production Festival · Convene"),
        (
            "festival-programme",
            {},
            "Programme, Mon 5 July · Not Another Co-production Festival · Convene",
        ),
        ("festival-changes", {}, "What’s changed · Not Another Co-production Festival · Convene"),
        (
            "session-detail",
            {"session": "what-is-co-production"},
            "What is co-production? · Not Another Co-production Festival · Convene",
        ),
        (
            "speaker-detail",
            {"speaker": "mel-parks"},
            "Mel Parks · Not Another Co-production Festival · Convene",
        ),
    ],
)
def test_public_pages_have_one_h1_landmarks_and_a_title_naming_the_festival(
    client, programme, name, kwargs, title
):
    response = client.get(reverse(name, kwargs={"festival": "nacpf", **kwargs}))

    assert texts(response, "title") == [title]
    assert len(texts(response, "h1")) == 1
    landmarks = ("header.site-header", "main", "footer.site-footer")
    assert [len(texts(response, landmark)) for landmark in landmarks] == [1, 1, 1]
    nav_labels = re.findall(r'<nav [^>]*aria-label="([^"]+)"', response.content.decode())
    assert nav_labels[:2] == ["Site", "Festival"]
    assert len(nav_labels) == len(set(nav_labels)) == len(texts(response, "nav"))
    assert texts(response, ".skip-link") == ["Skip to content"]
    assert '<html lang="en-GB">' in response.content.decode()


# Programme


@pytest.mark.django_db
def test_programme_shows_the_days_sessions_in_time_order_with_what_each_card_needs(
    client, programme
):
    response = client.get(programme_url(programme.festival, "?day=2027-07-05"))

    assert response.status_code == 200
    assert texts(response, "h2") == ["Mon 5 July 2027"]
    assert texts(response, ".zone-note") == ["Times are in Europe/London (BST)."]
    assert texts(response, ".result-count") == ["3 sessions."]
    assert texts(response, ".session-card") == [
        "10:00–11:00 What is co-production? Hall · Talk · 100 places "
        "With Mel Parks, Sam Okafor Themes: Health",
        "10:00–11:30 Making a zine Studio · Workshop · 12 places With Sam Okafor Themes: Housing",
        "10:30–11:15 Garden walk Cancelled Garden · Happening · Drop-in",
    ]
    assert texts(response, ".timetable-room") == ["Hall", "Studio", "Garden"]
    html = response.content.decode()
    assert '<a href="/festivals/nacpf/sessions/what-is-co-production/">' in html
    assert '<a href="/festivals/nacpf/speakers/mel-parks/">Mel Parks</a>' in html


@pytest.mark.django_db
def test_programme_marks_cancelled_sessions_in_words_not_only_colour(client, programme):
    response = client.get(programme_url(programme.festival, "?day=2027-07-05"))

    assert texts(response, ".session-card.is-cancelled") == [
        "10:30–11:15 Garden walk Cancelled Garden · Happening · Drop-in"
    ]
    assert texts(response, ".badge-cancelled") == ["Cancelled"]


@pytest.mark.django_db
def test_programme_places_each_card_on_the_grid_by_time_and_room(client, programme):
    response = client.get(programme_url(programme.festival, "?day=2027-07-05"))

    html = response.content.decode()
    # 10:00 is the first slot (row 2); the Studio is the second room (column 3).
    assert (
        '<article class="session-card" style="--row-start: 2; --row-span: 6; --col: 3; '
        '--col-span: 1">' in html
    )
    assert (
        '<article class="session-card is-cancelled" style="--row-start: 4; --row-span: 3; '
        '--col: 4; --col-span: 1">' in html
    )
    assert '<div class="timetable" style="--rows: 6; --cols: 3; --slot-minutes: 15">' in html


@pytest.mark.django_db
def test_programme_another_day_shows_only_that_days_sessions(client, programme):
    response = client.get(programme_url(programme.festival, "?day=2027-07-06"))

    assert texts(response, "h3") == ["Closing circle"]
    assert texts(response, ".day-nav") == ["Mon 5 July Tue 6 July"]
    assert '<a href="?day=2027-07-06" aria-current="page">Tue 6 July</a>' in (
        response.content.decode()
    )


@pytest.mark.django_db
@time_machine.travel(datetime(2027, 7, 6, 8, 0, tzinfo=LONDON), tick=False)
def test_programme_opens_on_today_during_the_festival(client, programme):
    response = client.get(programme_url(programme.festival))

    assert texts(response, "h2") == ["Tue 6 July 2027"]
    assert texts(response, "h3") == ["Closing circle"]


@pytest.mark.django_db
@time_machine.travel(datetime(2027, 6, 1, 12, 0, tzinfo=LONDON), tick=False)
def test_programme_opens_on_the_first_day_with_sessions_outside_the_festival(client, programme):
    Session.objects.filter(start__date="2027-07-05").delete()

    response = client.get(programme_url(programme.festival))

    assert texts(response, "h2") == ["Tue 6 July 2027"]
    assert '<a href="?day=2027-07-05">Mon 5 July</a>' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "status", "message"),
    [
        (
            "2027-13-45",
            400,
            "“2027-13-45” is not a day we can read. Choose one of the festival's days:",
        ),
        (
            "tuesday",
            400,
            "“tuesday” is not a day we can read. Choose one of the festival's days:",
        ),
        (
            "2027-08-01",
            404,
            "There is no programme on Sun 1 August 2027. Choose one of the days of "
            "Not Another Co-production Festival:",
        ),
    ],
)
def test_programme_bad_or_out_of_range_day_shows_a_message_and_the_days(
    client, programme, day, status, message
):
    response = client.get(programme_url(programme.festival, f"?day={day}"))

    assert response.status_code == status
    assert texts(response, ".message-error") == [message]
    assert texts(response, ".day-nav") == ["Mon 5 July Tue 6 July"]
    assert texts(response, ".session-card") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("format=workshop", ["Making a zine"]),
        ("format=happening", ["Garden walk Cancelled"]),
        ("theme=health", ["What is co-production?"]),
        ("theme=housing&format=talk", []),
        ("room={studio}", ["Making a zine"]),
        ("room={hall}&theme=health", ["What is co-production?"]),
    ],
)
def test_programme_filters_narrow_the_day_to_exactly_the_matching_sessions(
    client, programme, query, titles
):
    query = query.format(studio=programme.studio.pk, hall=programme.hall.pk)

    response = client.get(programme_url(programme.festival, f"?day=2027-07-05&{query}"))

    assert texts(response, "h3") == titles


@pytest.mark.django_db
def test_programme_filters_persist_across_day_links_and_can_be_cleared(client, programme):
    response = client.get(
        programme_url(programme.festival, f"?day=2027-07-05&format=talk&room={programme.hall.pk}")
    )

    html = response.content.decode()
    assert (
        f'<a href="?day=2027-07-06&amp;format=talk&amp;room={programme.hall.pk}">Tue 6 July</a>'
        in html
    )
    assert '<a href="?day=2027-07-05">Clear filters</a>' in html
    assert texts(response, ".result-count") == ["1 session matches your filters."]
    assert '<input type="hidden" name="day" value="2027-07-05">' in html


@pytest.mark.django_db
def test_programme_filter_form_labels_every_control_and_offers_only_what_is_used(client, programme):
    response = client.get(programme_url(programme.festival, "?day=2027-07-05"))

    html = response.content.decode()
    for name in ("format", "theme", "room"):
        assert f'<label for="id_{name}">' in html
    assert texts(response, "select") == [
        "All formats Talk Workshop Conversation Happening",
        "All themes Health Housing",
        "All rooms Hall Studio Garden",
    ]
    assert texts(response, "button") == ["Show sessions"]
    assert "Clear filters" not in html


@pytest.mark.django_db
def test_programme_unknown_filter_value_is_reported_and_filters_nothing(client, programme):
    response = client.get(programme_url(programme.festival, "?day=2027-07-05&theme=knitting"))

    assert response.status_code == 200
    assert texts(response, ".field-error") == ["No session has the theme “knitting”."]
    assert texts(response, "h3") == [
        "What is co-production?",
        "Making a zine",
        "Garden walk Cancelled",
    ]
    assert '<a href="?day=2027-07-05">Clear filters</a>' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("format=%00", "No session has the format “”."),
        ("format=ta%00lk", "No session has the format “talk”."),
        ("theme=" + "k" * 5000, "No session has the theme “" + "k" * 39 + "…”."),
        ("theme=%E2%80%AEgnittink", "No session has the theme “gnittink”."),
    ],
)
def test_programme_bad_filter_value_is_echoed_cleaned_and_cut_short(
    client, programme, query, error
):
    response = client.get(programme_url(programme.festival, f"?day=2027-07-05&{query}"))

    main = texts(response, "main")[0]
    assert response.status_code == 200
    assert texts(response, ".field-error") == [error]
    assert ("\x00" in main, "k" * 40 in main, "\u202e" in main) == (False, False, False)
    assert "\x00" not in response.content.decode()
    assert len(texts(response, ".session-card")) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "shown"),
    [("%00", ""), ("2027%0007-05", "202707-05"), ("9" * 5000, "9" * 39 + "…")],
)
def test_programme_unreadable_day_is_echoed_cleaned_and_cut_short(client, programme, day, shown):
    response = client.get(programme_url(programme.festival, f"?day={day}"))

    assert response.status_code == 400
    assert texts(response, ".message-error") == [
        f"“{shown}” is not a day we can read. Choose one of the festival's days:"
    ]
    assert "\x00" not in response.content.decode()


@pytest.mark.django_db
def test_programme_day_with_nothing_matching_says_so(client, programme):
    response = client.get(programme_url(programme.festival, "?day=2027-07-06&format=workshop"))

    assert texts(response, ".empty") == [
        "No sessions on Tue 6 July match these filters. Clear filters to see the whole day."
    ]


@pytest.mark.django_db
def test_programme_shows_local_times_and_names_bst_or_gmt_either_side_of_the_clock_change(
    client,
):
    festival = FestivalFactory(
        name="Autumn", slug="autumn", start_date="2027-10-30", end_date="2027-10-31"
    )
    event = EventFactory(festival=festival, start=at(30, 9, month=10), end=at(31, 18, month=10))
    SessionFactory(
        event=event, title="Saturday talk", start=at(30, 10, month=10), end=at(30, 11, month=10)
    )
    SessionFactory(
        event=event, title="Sunday talk", start=at(31, 10, month=10), end=at(31, 11, month=10)
    )

    saturday = client.get(programme_url(festival, "?day=2027-10-30"))
    sunday = client.get(programme_url(festival, "?day=2027-10-31"))

    assert texts(saturday, ".zone-note") == ["Times are in Europe/London (BST)."]
    assert texts(saturday, ".session-time") == ["10:00–11:00"]
    assert texts(sunday, ".zone-note") == ["Times are in Europe/London (BST, then GMT)."]
    assert texts(sunday, ".session-time") == ["10:00–11:00"]
    assert '<time datetime="2027-10-30T10:00+01:00">' in saturday.content.decode()
    assert '<time datetime="2027-10-31T10:00+00:00">' in sunday.content.decode()


@pytest.mark.django_db
def test_programme_puts_a_session_after_midnight_on_its_local_day(client):
    festival = FestivalFactory(slug="late", start_date="2027-07-05", end_date="2027-07-06")
    event = EventFactory(festival=festival, start=at(5, 9), end=at(6, 3))
    # 00:30 BST on the 6th is still the 5th in UTC.
    SessionFactory(event=event, title="Night walk", start=at(6, 0, 30), end=at(6, 1, 30))

    monday = client.get(programme_url(festival, "?day=2027-07-05"))
    tuesday = client.get(programme_url(festival, "?day=2027-07-06"))

    assert texts(monday, "h3") == []
    assert texts(tuesday, ".session-time") == ["00:30–01:30"]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_programme_queries_do_not_grow_with_the_number_of_sessions(
    client, django_assert_num_queries, count
):
    festival = FestivalFactory(slug="sized")
    event = EventFactory(festival=festival)
    for number in range(count):
        SessionFactory(
            event=event,
            start=at(5, 10 + number),
            end=at(5, 11 + number),
            speakers=[SpeakerFactory(festival=festival)],
            themes=[TagFactory()],
        )

    # Festival, day span, its own access provisions, three filter choice lists, sessions,
    # their speakers, their themes.
    with django_assert_num_queries(9):
        response = client.get(programme_url(festival, "?day=2027-07-05"))

    assert len(texts(response, ".session-card")) == count


# Session page


@pytest.mark.django_db
def test_session_page_shows_when_where_who_and_what(client, programme):
    Session.objects.filter(pk=programme.talk.pk).update(
        description="We'll *talk*.\n\n<script>alert(1)</script>[more](javascript:alert(1))"
    )

    response = client.get(programme.talk.get_absolute_url())

    assert texts(response, "h1") == ["What is co-production?"]
    assert texts(response, ".lede") == ["Mon 5 July 2027, 10:00–11:00 BST"]
    assert texts(response, ".facts") == [
        "Part of Main programme "
        "Where Hall, Museum of Science and Industry Liverpool Road, Manchester M3 4FP "
        "Map of Museum of Science and Industry "
        "Access Step-free entrance on Lower Byrom Street. Hall: Hearing loop. "
        "Access provisions None listed yet: ask the organisers. Access guide "
        "Format Talk Themes Health Places 100 places With Mel Parks Sam Okafor"
    ]
    html = response.content.decode()
    assert '<a href="/festivals/nacpf/speakers/sam-okafor/">Sam Okafor</a>' in html
    assert '<a href="/festivals/nacpf/#event-main">Main programme</a>' in html
    assert texts(response, ".prose") == ["We'll talk. more"]
    assert texts(response, ".session-day-link") == ["All sessions on Mon 5 July"]
    assert '<a href="/festivals/nacpf/programme/?day=2027-07-05">All sessions on' in html
    assert "<script>" not in html
    assert "javascript:" not in html
    assert texts(response, ".notice-cancelled") == []


@pytest.mark.django_db
def test_upcoming_session_page_offers_places_booking_and_calendars(client, programme):
    client.force_login(UserFactory())

    response = client.get(programme.talk.get_absolute_url())

    assert texts(response, "h2") == ["Booking", "Add to calendar", "About this session"]
    assert texts(response, "dt") == [
        "Part of",
        "Where",
        "Access",
        "Access provisions",
        "Format",
        "Themes",
        "Places",
        "With",
    ]
    assert texts(response, ".booking-button") == ["Book a place"]


@pytest.mark.django_db
def test_past_session_page_shows_its_write_ups_instead_of_booking_and_calendars(client, programme):
    WriteUpFactory(
        session=programme.talk,
        title="Co-production, honestly",
        author_name="Mel Parks",
        summary="What went well, and what did not.",
        status=WriteUpStatus.PUBLISHED,
        published_at=at(6, 9),
    )
    WriteUpFactory(session=programme.talk, title="Still a draft")

    with time_machine.travel(at(7, 9), tick=False):
        client.force_login(UserFactory())
        response = client.get(programme.talk.get_absolute_url())

    assert texts(response, "h2") == ["Write-ups", "About this session"]
    assert texts(response, ".writeup-card") == [
        "Co-production, honestly By Mel Parks, 6 July 2027 What went well, and what did not."
    ]
    assert "Places" not in texts(response, "dt")
    assert texts(response, ".booking-panel, .subscribe, .booking-button") == []
    assert "calendar.ics" not in response.content.decode()


@pytest.mark.django_db
def test_past_session_page_without_write_ups_says_nobody_has_written_it_up(client, programme):
    with time_machine.travel(at(7, 9), tick=False):
        response = client.get(programme.workshop.get_absolute_url())

    assert texts(response, ".session-writeups") == [
        "Write-ups This session is over. Nobody has written it up yet."
    ]
    assert texts(response, ".booking-panel, .subscribe") == []


@pytest.mark.django_db
def test_past_session_page_offers_its_speaker_to_write_it_up(client, programme):
    speaker = UserFactory()
    Speaker.objects.filter(pk=programme.sam.pk).update(user=speaker)

    with time_machine.travel(at(7, 9), tick=False):
        client.force_login(speaker)
        response = client.get(programme.workshop.get_absolute_url())

    assert texts(response, ".session-writeups") == [
        "Write-ups This session is over. Nobody has written it up yet. Write up this session"
    ]


@pytest.mark.django_db
def test_session_page_of_a_cancelled_drop_in_says_so(client, programme):
    response = client.get(programme.walk.get_absolute_url())

    assert texts(response, ".notice-cancelled") == ["Cancelled. This session will not take place."]
    assert texts(response, "dd")[-1] == "Drop-in: no need to book"


@pytest.mark.django_db
def test_session_page_lists_its_changes_newest_first(client, programme):
    walk = programme.walk
    ScheduleChangeFactory(
        session=walk,
        kind=ScheduleChange.Kind.MOVED,
        old_start=at(5, 9, 30),
        old_end=at(5, 10, 15),
        old_room=programme.hall,
        new_start=walk.start,
        new_end=walk.end,
        new_room=programme.garden,
    )
    ScheduleChangeFactory(
        session=walk,
        kind=ScheduleChange.Kind.CANCELLED,
        old_start=walk.start,
        new_start=walk.start,
        old_room=programme.garden,
        new_room=programme.garden,
    )
    ScheduleChange.objects.filter(kind="moved").update(created_at=at(1, 9, month=6))
    ScheduleChange.objects.filter(kind="cancelled").update(created_at=at(2, 16, 20, month=6))

    response = client.get(walk.get_absolute_url())

    assert texts(response, ".change") == [
        "Cancelled: was Mon 10:30 (Garden) Changed Wed 2 June 2027, 16:20 BST",
        "Moved: from Mon 09:30 (Hall) to Mon 10:30 (Garden) Changed Tue 1 June 2027, 09:00 BST",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_session_page_queries_do_not_grow_with_speakers_themes_or_changes(
    client, django_assert_num_queries, count
):
    festival = FestivalFactory(slug="sized")
    venue = VenueFactory()
    rooms = [RoomFactory(venue=venue, position=number) for number in range(2)]
    session = SessionFactory(
        event=EventFactory(festival=festival, venue=venue),
        room=rooms[0],
        speakers=[
            SpeakerFactory(festival=festival, name=f"Speaker {number}") for number in range(count)
        ],
        themes=[TagFactory(name=f"Theme {number}") for number in range(count)],
    )
    for _ in range(count):
        ScheduleChangeFactory(
            session=session,
            kind=ScheduleChange.Kind.ROOM,
            old_start=session.start,
            new_start=session.start,
            old_room=rooms[1],
            new_room=rooms[0],
        )

    url = session.get_absolute_url()

    # The festival; the session's own row and the write-ups' stamp (the page's version); the
    # session with its event, venue and room; speakers; themes; changes with their rooms; the
    # festival's own access provisions.
    with django_assert_num_queries(9):
        response = client.get(url)

    facts = texts(response, "dd")
    assert facts[-3] == ", ".join(f"Theme {number}" for number in range(count))
    assert facts[-1] == " ".join(f"Speaker {number}" for number in range(count))
    assert len(texts(response, ".change")) == count


@pytest.mark.django_db
def test_session_page_time_is_in_gmt_after_the_clocks_go_back(client):
    festival = FestivalFactory(slug="autumn", start_date="2027-10-30", end_date="2027-10-31")
    event = EventFactory(festival=festival, start=at(30, 9, month=10), end=at(31, 18, month=10))
    session = SessionFactory(
        event=event, slug="sunday", start=at(31, 10, month=10), end=at(31, 11, month=10)
    )

    response = client.get(session.get_absolute_url())

    assert texts(response, ".lede") == ["Sun 31 October 2027, 10:00–11:00 GMT"]


# Speaker page


@pytest.mark.django_db
def test_speaker_page_shows_bio_and_sessions_in_time_order(client, programme):
    Speaker.objects.filter(pk=programme.mel.pk).update(
        bio="Mel runs **community** events.<img src=x onerror=alert(1)>"
    )

    response = client.get(programme.mel.get_absolute_url())

    assert texts(response, "h1") == ["Mel Parks"]
    assert texts(response, ".prose") == ["Mel runs community events."]
    assert "onerror" not in response.content.decode()
    assert texts(response, ".session-item") == [
        "What is co-production? Mon 5 July 2027, 10:00–11:00 BST · Hall, Museum of Science and "
        "Industry",
        "Closing circle Tue 6 July 2027, 16:00–17:00 BST · Hall, Museum of Science and Industry",
    ]


@pytest.mark.django_db
def test_speaker_page_marks_cancelled_sessions(client, programme):
    programme.walk.speakers.add(programme.sam)

    response = client.get(programme.sam.get_absolute_url())

    assert texts(response, "h3") == [
        "What is co-production?",
        "Making a zine",
        "Garden walk Cancelled",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_speaker_page_queries_do_not_grow_with_the_number_of_sessions(
    client, django_assert_num_queries, count
):
    festival = FestivalFactory(slug="sized")
    speaker = SpeakerFactory(festival=festival)
    event = EventFactory(festival=festival)
    for number in range(count):
        SessionFactory(
            event=event, start=at(5, 10 + number), end=at(5, 11 + number), speakers=[speaker]
        )

    # The festival, the write-ups' stamp (the page's version), the speaker, their sessions
    # with rooms and venues.
    with django_assert_num_queries(5):
        response = client.get(speaker.get_absolute_url())

    assert len(texts(response, ".session-item")) == count


# What's changed


@pytest.mark.django_db
def test_changes_page_tells_each_change_newest_first(client, programme):
    kinds = ScheduleChange.Kind
    ScheduleChangeFactory(
        session=programme.talk,
        kind=kinds.MOVED,
        old_start=at(5, 10),
        old_end=at(5, 11),
        old_room=programme.hall,
        new_start=at(5, 11, 30),
        new_end=at(5, 12, 30),
        new_room=programme.studio,
    )
    ScheduleChangeFactory(
        session=programme.walk,
        kind=kinds.CANCELLED,
        old_start=at(5, 10, 30),
        new_start=at(5, 10, 30),
        old_room=programme.garden,
        new_room=programme.garden,
    )
    ScheduleChangeFactory(
        session=programme.workshop,
        kind=kinds.ROOM,
        old_start=at(5, 10),
        new_start=at(5, 10),
        old_room=programme.hall,
        new_room=programme.studio,
    )
    ScheduleChangeFactory(
        session=programme.closing,
        kind=kinds.ADDED,
        old_start=None,
        old_end=None,
        old_room=None,
        new_start=at(6, 16),
        new_room=programme.hall,
    )
    ScheduleChangeFactory(
        session=programme.walk,
        kind=kinds.RESTORED,
        old_start=at(5, 10, 30),
        new_start=at(5, 10, 30),
        old_room=programme.garden,
        new_room=programme.garden,
    )
    for day, change in enumerate(ScheduleChange.objects.order_by("pk"), start=1):
        ScheduleChange.objects.filter(pk=change.pk).update(created_at=at(day, 9, month=6))

    response = client.get(reverse("festival-changes", kwargs={"festival": "nacpf"}))

    assert texts(response, ".change-summary") == [
        "Back on: Garden walk Mon 10:30 (Garden)",
        "Added: Closing circle Tue 16:00 (Hall)",
        "Room changed: Making a zine from Hall to Studio, Mon 10:00",
        "Cancelled: Garden walk was Mon 10:30 (Garden)",
        "Moved: What is co-production? from Mon 10:00 (Hall) to Mon 11:30 (Studio)",
    ]
    assert texts(response, ".change-when") == [
        "Changed Sat 5 June 2027, 09:00 BST",
        "Changed Fri 4 June 2027, 09:00 BST",
        "Changed Thu 3 June 2027, 09:00 BST",
        "Changed Wed 2 June 2027, 09:00 BST",
        "Changed Tue 1 June 2027, 09:00 BST",
    ]
    assert '<a href="/festivals/nacpf/sessions/garden-walk/">Garden walk</a>' in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_changes_page_with_no_changes_says_the_programme_is_as_published(client, programme):
    ScheduleChangeFactory(session=SessionFactory())  # another festival's change

    response = client.get(reverse("festival-changes", kwargs={"festival": "nacpf"}))

    assert texts(response, ".change") == []
    assert texts(response, ".empty") == ["Nothing has changed: the programme is as published."]
    assert texts(response, ".zone-note") == []


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_changes_page_queries_do_not_grow_with_the_number_of_changes(
    client, django_assert_num_queries, count
):
    festival = FestivalFactory(slug="sized")
    event = EventFactory(festival=festival)
    for _ in range(count):
        ScheduleChangeFactory(session=SessionFactory(event=event))

    # The festival; the changes with their sessions and rooms.
    with django_assert_num_queries(2):
        response = client.get(reverse("festival-changes", kwargs={"festival": "sized"}))

    assert len(texts(response, ".change")) == count


@pytest.mark.django_db
def test_public_pages_only_answer_reads(client, programme):
    response = client.post(programme_url(programme.festival), {"day": "2027-07-05"})

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")


@pytest.mark.django_db
def test_festival_pages_offer_organiser_links_only_to_its_organisers(client, programme):
    url = reverse("festival-detail", kwargs={"festival": "nacpf"})

    anonymous = texts(client.get(url), "ul.organiser-links")
    client.force_login(UserFactory())
    stranger = texts(client.get(url), "ul.organiser-links")
    client.force_login(programme.organiser)
    organiser = client.get(url)

    assert (anonymous, stranger) == ([], [])
    assert texts(organiser, "ul.organiser-links") == [
        "Bookings Check-in Schedule editor Import programme Edit sessions"
    ]
    assert 'href="/organise/nacpf/import/"' in organiser.content.decode()


@pytest.mark.django_db
def test_programme_card_says_when_a_session_is_full(client, programme):
    Session.objects.filter(pk=programme.workshop.pk).update(capacity=2)
    with time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=LONDON), tick=False):
        for _ in range(2):
            book_place(user=UserFactory(), session=programme.workshop)
        book_place(user=UserFactory(), session=programme.talk)

    response = client.get(programme_url(programme.festival, "?day=2027-07-05"))

    assert texts(response, ".session-meta") == [
        "Hall · Talk · 100 places",
        "Studio · Workshop · Full: waitlist open (2 places)",
        "Garden · Happening · Drop-in",
    ]
