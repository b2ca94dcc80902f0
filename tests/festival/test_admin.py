from dataclasses import dataclass
from datetime import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from events.demo.content import ORGANISER_PERMISSIONS, ORGANISERS_GROUP
from festival.models import Festival, Room, Story, Tag, User, Venue
from tests.factories import (
    LONDON,
    EventFactory,
    FestivalFactory,
    RoomFactory,
    SpeakerFactory,
    StoryFactory,
    TagFactory,
    UserFactory,
    VenueFactory,
)
from tests.html import texts


def in_organisers_group(user: User) -> User:
    """A staff user with the permissions the demo's Organisers group gives."""
    group, _created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    for app_label, codenames in ORGANISER_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    user.is_staff = True
    user.save()
    user.groups.add(group)
    return user


def listed(response) -> list[str]:
    return [str(row) for row in response.context["cl"].result_list]


@pytest.fixture
def festival_rows():
    """One row of every festival model, each with a name to look for on the page."""
    festival = FestivalFactory(name="Not Another Co-Production Festival")
    venue = VenueFactory(name="Museum of Science and Industry")
    return {
        "user": UserFactory(email="helen@example.org", name="Helen Sharp"),
        "festival": festival,
        "venue": venue,
        "room": RoomFactory(venue=venue, name="Warehouse Room"),
        "speaker": SpeakerFactory(festival=festival, name="Mel Parks"),
        "tag": TagFactory(name="Mutual aid"),
        "story": StoryFactory(title="Trust First", festival=festival),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "rows", "add_fields"),
    [
        (
            "user",
            ["admin@example.com", "Helen Sharp"],
            ["email", "name", "usable_password", "password1", "password2"],
        ),
        (
            "festival",
            ["Not Another Co-Production Festival"],
            [
                "name",
                "slug",
                "description",
                "is_published",
                "access_guide",
                "start_date",
                "end_date",
                "timezone",
                "reminder_offsets",
                "organisers",
            ],
        ),
        (
            "venue",
            ["Museum of Science and Industry"],
            ["name", "slug", "address", "accessibility_notes", "map_url", "access_guide"],
        ),
        (
            "room",
            ["Warehouse Room"],
            ["venue", "name", "capacity", "access", "accessibility_notes", "position"],
        ),
        ("speaker", ["Mel Parks"], ["festival", "name", "slug", "bio", "email", "user"]),
        ("tag", ["Mutual aid"], ["name", "slug"]),
        (
            "story",
            ["Trust First"],
            [
                "title",
                "slug",
                "author",
                "standfirst",
                "body",
                "festival",
                "tags",
                "submitted_by",
                "status",
                "published_at",
            ],
        ),
    ],
)
def test_changelist_change_and_add_forms_render_for_a_superuser(
    admin_client, festival_rows, model, rows, add_fields
):
    row = festival_rows[model]

    changelist = admin_client.get(reverse(f"admin:festival_{model}_changelist"))
    change = admin_client.get(reverse(f"admin:festival_{model}_change", args=[row.pk]))
    add = admin_client.get(reverse(f"admin:festival_{model}_add"))

    assert listed(changelist) == rows
    # The change page is headed by the row it edits, and offers to save it.
    assert (texts(change, "h2")[0], 'name="_save"' in change.text) == (str(row), True)
    assert list(add.context["adminform"].form.fields) == add_fields


@pytest.mark.django_db
def test_user_admin_adds_a_user_with_email_as_login(admin_client):
    response = admin_client.post(
        reverse("admin:festival_user_add"),
        {
            "email": "linda@example.org",
            "name": "Linda",
            "usable_password": "true",
            "password1": "a-long-demo-password",
            "password2": "a-long-demo-password",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="linda@example.org")
    assert (user.name, user.check_password("a-long-demo-password"), user.is_staff) == (
        "Linda",
        True,
        False,
    )


@pytest.mark.django_db
def test_user_admin_refuses_an_email_that_differs_only_in_case(admin_client):
    UserFactory(email="linda@example.org")

    response = admin_client.post(
        reverse("admin:festival_user_add"),
        {
            "email": "Linda@Example.org",
            "name": "Linda",
            "usable_password": "true",
            "password1": "a-long-demo-password",
            "password2": "a-long-demo-password",
        },
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["__all__"]
    assert User.objects.filter(email__iexact="linda@example.org").count() == 1


@pytest.mark.django_db
def test_user_admin_searches_by_email_and_name(admin_client):
    UserFactory(email="becky@example.org", name="Becky Seale")
    UserFactory(email="mel@example.org", name="Mel Parks")

    by_name = admin_client.get(reverse("admin:festival_user_changelist"), {"q": "seale"})
    by_email = admin_client.get(reverse("admin:festival_user_changelist"), {"q": "mel@"})

    assert (listed(by_name), listed(by_email)) == (["Becky Seale"], ["Mel Parks"])


@pytest.mark.django_db
def test_festival_actions_publish_and_unpublish(admin_client):
    draft = FestivalFactory(name="Draft", is_published=False)
    live = FestivalFactory(name="Live", is_published=True)
    url = reverse("admin:festival_festival_changelist")

    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    admin_client.post(url, {"action": "unpublish", "_selected_action": [live.pk]})

    assert dict(Festival.objects.values_list("name", "is_published")) == {
        "Draft": True,
        "Live": False,
    }


@pytest.mark.django_db
def test_story_action_publishes_drafts_now_and_keeps_earlier_dates(admin_client):
    draft = StoryFactory(title="Draft", status=Story.Status.DRAFT, published_at=None)
    earlier = datetime(2026, 7, 6, 9, 0, tzinfo=LONDON)
    out = StoryFactory(title="Out", published_at=earlier)
    now = datetime(2026, 11, 2, 10, 30, tzinfo=LONDON)

    with time_machine.travel(now, tick=False):
        admin_client.post(
            reverse("admin:festival_story_changelist"),
            {"action": "publish", "_selected_action": [draft.pk, out.pk]},
        )

    draft.refresh_from_db()
    out.refresh_from_db()
    assert (draft.status, draft.published_at) == (Story.Status.PUBLISHED, now)
    assert (out.status, out.published_at) == (Story.Status.PUBLISHED, earlier)


@pytest.mark.django_db
def test_venue_change_form_lists_its_rooms_inline(admin_client):
    venue = VenueFactory()
    RoomFactory(venue=venue, name="Quiet Room", position=2)
    RoomFactory(venue=venue, name="Main Hall", position=1)

    response = admin_client.get(reverse("admin:festival_venue_change", args=[venue.pk]))

    formset = response.context["inline_admin_formsets"][0].formset
    # The two rooms in the timetable's order, then one blank row to add another.
    assert [form.initial.get("name") for form in formset.forms] == ["Main Hall", "Quiet Room", None]
    assert 'value="Quiet Room"' in response.text


@pytest.mark.django_db
def test_organiser_sees_only_their_own_festivals_and_speakers(client):
    organiser = in_organisers_group(UserFactory())
    ours = FestivalFactory(name="Ours", organisers=[organiser])
    theirs = FestivalFactory(name="Theirs")
    SpeakerFactory(festival=ours, name="Our speaker")
    SpeakerFactory(festival=theirs, name="Their speaker")
    client.force_login(organiser)

    festivals = client.get(reverse("admin:festival_festival_changelist"))
    speakers = client.get(reverse("admin:festival_speaker_changelist"))
    their_page = client.get(reverse("admin:festival_festival_change", args=[theirs.pk]))

    assert (listed(festivals), listed(speakers)) == (["Ours"], ["Our speaker"])
    assert their_page.status_code == 302


@pytest.mark.django_db
def test_organiser_who_adds_a_festival_organises_it(client):
    organiser = in_organisers_group(UserFactory())
    client.force_login(organiser)

    response = client.post(
        reverse("admin:festival_festival_add"),
        {
            "name": "Trust First",
            "slug": "trust-first",
            "description": "",
            "start_date": "2027-09-07",
            "end_date": "2027-09-07",
            "timezone": "Europe/London",
            "reminder_offsets": "[1440, 60]",
        },
    )

    assert response.status_code == 302
    festival = Festival.objects.get(slug="trust-first")
    assert list(festival.organisers.all()) == [organiser]


@pytest.mark.django_db
def test_organiser_cannot_add_a_speaker_to_another_festival(client):
    organiser = in_organisers_group(UserFactory())
    theirs = FestivalFactory(name="Theirs")
    client.force_login(organiser)

    response = client.post(
        reverse("admin:festival_speaker_add"),
        {"festival": theirs.pk, "name": "Sneaky", "slug": "sneaky", "bio": "", "email": ""},
    )

    assert list(response.context["adminform"].form.errors) == ["festival"]
    assert theirs.speakers.count() == 0


@pytest.mark.django_db
def test_speakers_festival_cannot_change_once_created(admin_client):
    speaker = SpeakerFactory(name="Mel Parks")
    other = FestivalFactory(name="Other")

    admin_client.post(
        reverse("admin:festival_speaker_change", args=[speaker.pk]),
        {"festival": other.pk, "name": "Mel Parks", "slug": speaker.slug, "bio": "", "email": ""},
    )

    speaker.refresh_from_db()
    assert speaker.festival_id != other.pk


@pytest.mark.django_db
def test_speaker_form_refuses_a_slug_taken_at_the_festival(admin_client):
    festival = FestivalFactory()
    SpeakerFactory(festival=festival, name="Linda", slug="linda")
    speaker = SpeakerFactory(festival=festival, name="Linda B", slug="linda-b")

    response = admin_client.post(
        reverse("admin:festival_speaker_change", args=[speaker.pk]),
        {"name": "Linda B", "slug": "linda", "bio": "", "email": ""},
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["__all__"]
    speaker.refresh_from_db()
    assert speaker.slug == "linda-b"


@dataclass(frozen=True)
class TwoFestivals:
    """Ana organises Alpha and Bea organises Beta (unpublished); each festival holds its event
    at a venue of its own, with a room, and has a story about it."""

    ana: User
    bea: User
    alpha: Festival
    beta: Festival
    alpha_venue: Venue
    beta_venue: Venue
    alpha_room: Room
    beta_room: Room
    alpha_story: Story
    beta_story: Story


@pytest.fixture
def two_festivals() -> TwoFestivals:
    ana = in_organisers_group(UserFactory(email="ana@example.org", name="Ana"))
    bea = in_organisers_group(UserFactory(email="bea@example.org", name="Bea"))
    alpha = FestivalFactory(name="Alpha Fest", organisers=[ana])
    beta = FestivalFactory(name="Beta Fest", organisers=[bea], is_published=False)
    alpha_venue = VenueFactory(name="Alpha Works")
    beta_venue = VenueFactory(name="Beta Mill")
    EventFactory(festival=alpha, venue=alpha_venue)
    EventFactory(festival=beta, venue=beta_venue)
    return TwoFestivals(
        ana=ana,
        bea=bea,
        alpha=alpha,
        beta=beta,
        alpha_venue=alpha_venue,
        beta_venue=beta_venue,
        alpha_room=RoomFactory(venue=alpha_venue, name="Alpha Hall"),
        beta_room=RoomFactory(venue=beta_venue, name="Beta Hall"),
        alpha_story=StoryFactory(title="Alpha story", festival=alpha),
        beta_story=StoryFactory(title="Beta story", festival=beta, status=Story.Status.DRAFT),
    )


def room_form(room: Room, **changes) -> dict:
    values = {
        "venue": room.venue_id,
        "name": room.name,
        "capacity": room.capacity or "",
        "accessibility_notes": room.accessibility_notes,
        "position": room.position,
    }
    return {**values, **changes}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "venues", "rooms", "stories"),
    [
        ("ana", ["Alpha Works"], ["Alpha Hall"], ["Alpha story"]),
        ("bea", ["Beta Mill"], ["Beta Hall"], ["Beta story"]),
    ],
)
def test_each_organiser_lists_only_their_festivals_venues_rooms_and_stories(
    client, two_festivals, who, venues, rooms, stories
):
    client.force_login(getattr(two_festivals, who))

    listed_venues = client.get(reverse("admin:festival_venue_changelist"))
    listed_rooms = client.get(reverse("admin:festival_room_changelist"))
    listed_stories = client.get(reverse("admin:festival_story_changelist"))

    assert (listed(listed_venues), listed(listed_rooms), listed(listed_stories)) == (
        venues,
        rooms,
        stories,
    )
    assert texts(listed_rooms, "td.field-venue") == venues


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["venue", "room", "story"])
def test_organiser_cannot_open_another_organisers_row(client, two_festivals, model):
    client.force_login(two_festivals.ana)
    theirs = getattr(two_festivals, f"beta_{model}")

    response = client.get(reverse(f"admin:festival_{model}_change", args=[theirs.pk]), follow=True)

    # The admin answers as if the row did not exist, and names nothing of it.
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        f"{model} with ID “{theirs.pk}” doesn’t exist. Perhaps it was deleted?"
    ]
    assert str(theirs) not in response.text


@pytest.mark.django_db
def test_organiser_posting_to_another_organisers_room_changes_nothing(client, two_festivals):
    client.force_login(two_festivals.ana)
    room = two_festivals.beta_room

    renamed = client.post(
        reverse("admin:festival_room_change", args=[room.pk]), room_form(room, name="Taken over")
    )
    deleted = client.post(reverse("admin:festival_room_delete", args=[room.pk]), {"post": "yes"})

    assert (renamed.status_code, renamed.url) == (302, reverse("admin:index"))
    assert (deleted.status_code, deleted.url) == (302, reverse("admin:index"))
    room.refresh_from_db()
    assert room.name == "Beta Hall"


@pytest.mark.django_db
def test_organiser_renames_a_room_of_their_own_venue(client, two_festivals):
    client.force_login(two_festivals.ana)
    room = two_festivals.alpha_room

    response = client.post(
        reverse("admin:festival_room_change", args=[room.pk]), room_form(room, name="Big Hall")
    )

    assert response.status_code == 302
    room.refresh_from_db()
    assert room.name == "Big Hall"


@pytest.mark.django_db
def test_organiser_cannot_add_a_room_to_another_organisers_venue(client, two_festivals):
    client.force_login(two_festivals.ana)

    response = client.post(
        reverse("admin:festival_room_add"),
        {"venue": two_festivals.beta_venue.pk, "name": "Annexe", "position": 0},
    )

    assert response.context["adminform"].form.errors == {
        "venue": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert list(two_festivals.beta_venue.rooms.values_list("name", flat=True)) == ["Beta Hall"]


@pytest.mark.django_db
def test_venue_another_organisers_festival_also_uses_is_read_only(client, two_festivals):
    # Beta holds an event at Alpha's venue too: renaming its rooms would rewrite Beta's days.
    EventFactory(festival=two_festivals.beta, venue=two_festivals.alpha_venue)
    room = two_festivals.alpha_room
    client.force_login(two_festivals.ana)

    venue_page = client.get(
        reverse("admin:festival_venue_change", args=[two_festivals.alpha_venue.pk])
    )
    room_page = client.get(reverse("admin:festival_room_change", args=[room.pk]))
    renamed = client.post(
        reverse("admin:festival_room_change", args=[room.pk]), room_form(room, name="Mine now")
    )

    assert (texts(venue_page, "h1"), texts(room_page, "h1")) == (["View venue"], ["View room"])
    assert 'name="_save"' not in venue_page.text + room_page.text
    assert texts(venue_page, "td.field-name") == ["Alpha Hall"]
    assert renamed.status_code == 403
    room.refresh_from_db()
    assert room.name == "Alpha Hall"


@pytest.mark.django_db
def test_organiser_adds_a_venue_with_rooms_and_keeps_it(client, two_festivals):
    client.force_login(two_festivals.ana)

    response = client.post(
        reverse("admin:festival_venue_add"),
        {
            "name": "New Hall",
            "slug": "new-hall",
            "address": "",
            "accessibility_notes": "",
            "map_url": "",
            "rooms-TOTAL_FORMS": 1,
            "rooms-INITIAL_FORMS": 0,
            "rooms-0-name": "Studio",
            "rooms-0-position": 1,
            "rooms-0-capacity": "",
            "rooms-0-accessibility_notes": "",
        },
    )
    venues = client.get(reverse("admin:festival_venue_changelist"))

    assert response.status_code == 302
    # Used by no festival yet, so open to every organiser (see festival.admin).
    assert listed(venues) == ["Alpha Works", "New Hall"]
    assert list(Room.objects.filter(venue__slug="new-hall").values_list("name", flat=True)) == [
        "Studio"
    ]


@pytest.mark.django_db
def test_organiser_cannot_publish_another_organisers_story(client, two_festivals):
    client.force_login(two_festivals.ana)
    story = two_festivals.beta_story
    scheduled_for = story.published_at

    client.post(
        reverse("admin:festival_story_changelist"),
        {"action": "publish", "_selected_action": [story.pk]},
    )
    edited = client.post(
        reverse("admin:festival_story_change", args=[story.pk]),
        {"title": "Taken over", "slug": story.slug, "author": "Ana", "body": "Mine"},
    )

    assert (edited.status_code, edited.url) == (302, reverse("admin:index"))
    story.refresh_from_db()
    assert (story.title, story.status, story.published_at) == (
        "Beta story",
        Story.Status.DRAFT,
        scheduled_for,
    )


@pytest.mark.django_db
def test_organiser_sees_the_stories_they_sent_in_whatever_their_festival(client, two_festivals):
    StoryFactory(title="Ana's own", festival=None, submitted_by=two_festivals.ana)
    StoryFactory(title="Nobody's", festival=None)
    client.force_login(two_festivals.ana)

    response = client.get(reverse("admin:festival_story_changelist"))

    assert listed(response) == ["Ana's own", "Alpha story"]


@pytest.mark.django_db
def test_story_festival_filter_names_only_the_organisers_festivals(client, two_festivals):
    client.force_login(two_festivals.ana)

    response = client.get(reverse("admin:festival_story_changelist"))

    changelist = response.context["cl"]
    filters = {
        str(spec.title): [str(choice["display"]) for choice in spec.choices(changelist)]
        for spec in changelist.filter_specs
    }
    assert filters["festival"] == ["All", "Alpha Fest", "-"]
    assert "Beta Fest" not in response.text


@pytest.mark.django_db
def test_organiser_adds_and_views_themes_but_cannot_change_or_delete_them(client, two_festivals):
    tag = TagFactory(name="Mutual aid")
    client.force_login(two_festivals.ana)

    added = client.post(reverse("admin:festival_tag_add"), {"name": "Care", "slug": "care"})
    tags = client.get(reverse("admin:festival_tag_changelist"))
    page = client.get(reverse("admin:festival_tag_change", args=[tag.pk]))
    renamed = client.post(
        reverse("admin:festival_tag_change", args=[tag.pk]), {"name": "Mine", "slug": "mine"}
    )
    deleted = client.post(reverse("admin:festival_tag_delete", args=[tag.pk]), {"post": "yes"})

    assert added.status_code == 302
    assert listed(tags) == ["Care", "Mutual aid"]
    assert (texts(page, "h1"), 'name="_save"' in page.text) == (["View tag"], False)
    assert (renamed.status_code, deleted.status_code) == (403, 403)
    assert list(Tag.objects.values_list("name", flat=True)) == ["Care", "Mutual aid"]


@pytest.mark.django_db
def test_organiser_cannot_hold_an_event_at_another_organisers_venue(client, two_festivals):
    client.force_login(two_festivals.ana)

    response = client.post(
        reverse("admin:events_event_add"),
        {
            "festival": two_festivals.alpha.pk,
            "title": "Day two",
            "slug": "day-two",
            "venue": two_festivals.beta_venue.pk,
            "description": "",
            "start_0": "2027-07-06",
            "start_1": "09:00:00",
            "end_0": "2027-07-06",
            "end_1": "17:00:00",
        },
    )

    assert response.context["adminform"].form.errors == {
        "venue": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert list(two_festivals.alpha.events.values_list("venue__name", flat=True)) == ["Alpha Works"]


def festival_admin_rows(count: int) -> None:
    """`count` festivals, each with an organiser, a speaker with an account, a story and a
    venue with a room."""
    for number in range(count):
        festival = FestivalFactory(organisers=[UserFactory()])
        SpeakerFactory(festival=festival, user=UserFactory())
        StoryFactory(festival=festival, tags=[TagFactory()])
        RoomFactory(venue=EventFactory(festival=festival).venue, name=f"Room {number}")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("model", "queries"),
    [("festival", 6), ("speaker", 5), ("story", 8), ("venue", 4), ("room", 5)],
)
def test_changelist_query_count_is_constant(
    admin_client, django_assert_num_queries, count, model, queries
):
    festival_admin_rows(count)

    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:festival_{model}_changelist"))

    assert len(response.context["cl"].result_list) == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("model", "queries"), [("story", 10), ("venue", 6), ("room", 7), ("festival", 8)]
)
def test_organiser_changelist_query_count_is_constant(
    client, django_assert_num_queries, count, model, queries
):
    organiser = in_organisers_group(UserFactory())
    festival_admin_rows(count)
    for festival in Festival.objects.all():
        festival.organisers.add(organiser)
    client.force_login(organiser)

    with django_assert_num_queries(queries):
        response = client.get(reverse(f"admin:festival_{model}_changelist"))

    assert len(response.context["cl"].result_list) == count


@pytest.mark.django_db
def test_festival_admin_edits_its_own_provisions_and_rooms_tick_the_buildings(admin_client):
    festival = FestivalFactory()
    room = RoomFactory()

    festival_page = admin_client.get(reverse("admin:festival_festival_change", args=[festival.pk]))
    saved = admin_client.post(
        reverse("admin:festival_room_change", args=[room.pk]),
        {
            "venue": room.venue.pk,
            "name": room.name,
            "capacity": "40",
            "access": ["step-free", "quiet-space"],
            "accessibility_notes": "",
            "position": "1",
        },
    )

    assert texts(festival_page, "h2")[-1].startswith("Access provisions of this festival's own")
    assert saved.status_code == 302
    room.refresh_from_db()
    assert room.access == ["step-free", "quiet-space"]
