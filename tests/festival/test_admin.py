from datetime import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from events.demo.content import ORGANISER_PERMISSIONS, ORGANISERS_GROUP
from festival.models import Festival, Story, User
from tests.factories import (
    LONDON,
    FestivalFactory,
    RoomFactory,
    SpeakerFactory,
    StoryFactory,
    TagFactory,
    UserFactory,
    VenueFactory,
)


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
    ("model", "text"),
    [
        ("user", "helen@example.org"),
        ("festival", "Not Another Co-Production Festival"),
        ("venue", "Museum of Science and Industry"),
        ("room", "Warehouse Room"),
        ("speaker", "Mel Parks"),
        ("tag", "Mutual aid"),
        ("story", "Trust First"),
    ],
)
def test_changelist_change_and_add_forms_render_for_a_superuser(
    admin_client, festival_rows, model, text
):
    row = festival_rows[model]

    changelist = admin_client.get(reverse(f"admin:festival_{model}_changelist"))
    change = admin_client.get(reverse(f"admin:festival_{model}_change", args=[row.pk]))
    add = admin_client.get(reverse(f"admin:festival_{model}_add"))

    assert (changelist.status_code, change.status_code, add.status_code) == (200, 200, 200)
    assert text in changelist.text
    assert text in change.text


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
    RoomFactory(venue=venue, name="Quiet Room")

    response = admin_client.get(reverse("admin:festival_venue_change", args=[venue.pk]))

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
