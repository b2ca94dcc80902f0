from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from festival.models import (
    AccessProvision,
    Festival,
    Room,
    Speaker,
    Story,
    User,
    Venue,
    validate_timezone,
)
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


def refused(create) -> bool:
    """Whether the database refuses the row `create` writes (inside a savepoint, so the test's
    transaction goes on)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


# Festival


@pytest.mark.django_db
def test_festival_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        FestivalFactory(start_date=date(2027, 7, 6), end_date=date(2027, 7, 5))


@pytest.mark.django_db
def test_festival_of_one_day_ends_on_the_day_it_starts():
    festival = FestivalFactory(start_date=date(2027, 7, 5), end_date=date(2027, 7, 5))

    assert (festival.start_date, festival.end_date) == (date(2027, 7, 5), date(2027, 7, 5))


@pytest.mark.django_db
def test_festival_slug_is_unique():
    FestivalFactory(name="Trust First", slug="trust-first")

    with pytest.raises(IntegrityError), transaction.atomic():
        Festival.objects.create(
            name="Another",
            slug="trust-first",
            start_date=date(2027, 1, 1),
            end_date=date(2027, 1, 1),
        )


@pytest.mark.django_db
def test_festival_str_url_and_defaults():
    festival = Festival.objects.create(
        name="Not Another Co-Production Festival",
        slug="nacpf",
        start_date=date(2027, 7, 5),
        end_date=date(2027, 7, 6),
    )

    assert (
        str(festival),
        festival.get_absolute_url(),
        festival.timezone,
        festival.reminder_offsets,
        festival.is_published,
    ) == (
        "Not Another Co-Production Festival",
        "/festivals/nacpf/",
        "Europe/London",
        [1440, 60],
        False,
    )


def test_festival_local_datetime_is_aware_in_its_zone():
    festival = Festival(timezone="America/New_York")

    moment = festival.local_datetime(date(2027, 7, 5), time(10, 0))

    assert (moment.isoformat(), moment.tzname()) == ("2027-07-05T10:00:00-04:00", "EDT")


def test_festival_days_are_its_dates_at_most_sixty():
    week = Festival(start_date=date(2027, 7, 5), end_date=date(2027, 7, 7))
    year = Festival(start_date=date(2027, 1, 1), end_date=date(2027, 12, 31))

    assert [
        week.days(),
        week.days(stretched_to=(date(2027, 7, 4), date(2027, 7, 5))),
        (len(year.days()), year.days()[-1]),
    ] == [
        [date(2027, 7, 5), date(2027, 7, 6), date(2027, 7, 7)],
        [date(2027, 7, 4), date(2027, 7, 5), date(2027, 7, 6), date(2027, 7, 7)],
        (60, date(2027, 3, 1)),
    ]


@pytest.mark.parametrize("offsets", [[1440, 60], [], [1], [40320]])
def test_festival_clean_accepts_whole_minutes_up_to_four_weeks(offsets):
    Festival(reminder_offsets=offsets).clean()


@pytest.mark.parametrize("offsets", [60, "60", [0], [-5], [40321], [1.5], ["60"], None])
def test_festival_clean_refuses_other_reminder_offsets(offsets):
    with pytest.raises(ValidationError) as refusal:
        Festival(reminder_offsets=offsets).clean()

    assert refusal.value.message_dict == {
        "reminder_offsets": ["Give a list of whole minutes between 1 and 40320."]
    }


def test_validate_timezone_accepts_an_iana_name():
    assert validate_timezone("Europe/London") is None


@pytest.mark.parametrize("value", ["BST", "Europe/Manchester", "", "europe/london"])
def test_validate_timezone_refuses_anything_else(value):
    with pytest.raises(ValidationError) as refusal:
        validate_timezone(value)

    assert refusal.value.messages == [
        f"“{value}” is not a time zone name. Use an IANA name such as Europe/London."
    ]


@pytest.mark.django_db
def test_festival_is_organiser_for_its_organisers_and_superusers_only():
    organiser, stranger = UserFactory(), UserFactory()
    superuser = UserFactory(is_superuser=True)
    festival = FestivalFactory(organisers=[organiser])

    assert [festival.is_organiser(user) for user in (organiser, stranger, superuser)] == [
        True,
        False,
        True,
    ]


# Venue and Room


@pytest.mark.django_db
def test_room_name_is_unique_per_venue_whatever_its_case():
    venue = VenueFactory()
    RoomFactory(venue=venue, name="Hall")

    with pytest.raises(IntegrityError), transaction.atomic():
        RoomFactory(venue=venue, name="hall")


@pytest.mark.django_db
def test_two_venues_may_each_have_a_hall():
    RoomFactory(name="Hall")
    RoomFactory(name="hall")

    assert sorted(Room.objects.values_list("name", flat=True)) == ["Hall", "hall"]


@pytest.mark.django_db
def test_room_validation_names_the_case_insensitive_clash():
    venue = VenueFactory()
    RoomFactory(venue=venue, name="Hall")

    with pytest.raises(ValidationError) as refusal:
        Room(venue=venue, name="HALL").full_clean()

    assert refusal.value.messages == ["This venue already has a room with this name."]


@pytest.mark.django_db
def test_venue_slug_is_unique():
    VenueFactory(name="Museum", slug="museum")

    with pytest.raises(IntegrityError), transaction.atomic():
        Venue.objects.create(name="Museum again", slug="museum")


@pytest.mark.django_db
def test_venue_and_room_str():
    room = RoomFactory(venue=VenueFactory(name="Museum of Science and Industry"), name="Quiet Room")

    assert (str(room.venue), str(room)) == ("Museum of Science and Industry", "Quiet Room")


# Speaker


@pytest.mark.django_db
def test_speaker_email_is_unique_per_festival_whatever_its_case():
    festival = FestivalFactory()
    SpeakerFactory(festival=festival, name="Mel", email="mel@x.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(festival=festival, name="Mel P", email="Mel@X.org")


@pytest.mark.django_db
def test_speaker_email_may_repeat_at_another_festival_and_may_be_blank_many_times():
    festival = FestivalFactory()
    SpeakerFactory(festival=festival, name="Mel", email="mel@x.org")

    other_festival = refused(lambda: SpeakerFactory(name="Mel", email="Mel@X.org"))
    blanks = [
        refused(lambda name=name: SpeakerFactory(festival=festival, name=name, email=""))
        for name in ("No email", "No email either")
    ]

    assert (other_festival, blanks) == (False, [False, False])
    assert Speaker.objects.filter(festival=festival, email="").count() == 2


@pytest.mark.django_db
def test_speaker_slug_is_unique_per_festival_only():
    festival = FestivalFactory()
    SpeakerFactory(festival=festival, name="Linda", slug="linda")

    same_festival = refused(lambda: SpeakerFactory(festival=festival, slug="linda", email=""))
    other_festival = refused(lambda: SpeakerFactory(slug="linda"))

    assert (same_festival, other_festival) == (True, False)


@pytest.mark.django_db
def test_speaker_validation_names_the_email_clash():
    festival = FestivalFactory()
    SpeakerFactory(festival=festival, name="Mel", email="mel@x.org")

    with pytest.raises(ValidationError) as refusal:
        Speaker(festival=festival, name="Mel P", slug="mel-p", email="MEL@x.org").full_clean()

    assert refusal.value.messages == ["Another speaker at this festival has this email address."]


@pytest.mark.django_db
def test_speaker_str_and_url():
    speaker = SpeakerFactory(festival=FestivalFactory(slug="nacpf"), name="Mel Parks")

    assert (str(speaker), speaker.get_absolute_url()) == (
        "Mel Parks",
        "/festivals/nacpf/speakers/mel-parks/",
    )


# Story and Tag


@pytest.mark.django_db
def test_published_story_needs_a_publication_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryFactory(status=Story.Status.PUBLISHED, published_at=None)


@pytest.mark.django_db
def test_draft_story_may_have_no_publication_date():
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None)

    assert (story.status, story.published_at) == (Story.Status.DRAFT, None)


@pytest.mark.django_db
def test_story_and_tag_str_and_url():
    story = StoryFactory(title="Trust First", slug="trust-first")
    tag = TagFactory(name="Mutual aid")

    assert (str(story), story.get_absolute_url(), str(tag)) == (
        "Trust First",
        "/stories/trust-first/",
        "Mutual aid",
    )


@pytest.mark.django_db
def test_published_stories_leave_out_drafts_and_scheduled_ones():
    out = StoryFactory(title="Out", published_at=datetime(2026, 7, 6, 9, tzinfo=LONDON))
    StoryFactory(title="Draft", status=Story.Status.DRAFT, published_at=None)
    StoryFactory(title="Scheduled", published_at=datetime(2999, 1, 1, 9, tzinfo=LONDON))

    assert list(Story.objects.published()) == [out]


# User


@pytest.mark.django_db
def test_user_email_is_unique_whatever_its_case():
    UserFactory(email="helen@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="Helen@example.org")


@pytest.mark.django_db
def test_create_user_normalises_the_email_and_sets_the_password():
    user = User.objects.create_user("Helen.Sharp@EXAMPLE.org", "a-long-password", name="Helen")

    user.refresh_from_db()
    assert (
        user.email,
        user.name,
        user.check_password("a-long-password"),
        user.is_staff,
        user.is_superuser,
        user.is_active,
    ) == ("Helen.Sharp@example.org", "Helen", True, False, False, True)


@pytest.mark.django_db
def test_create_user_without_a_password_cannot_log_in_with_one():
    user = User.objects.create_user("linda@example.org")

    assert (user.has_usable_password(), user.check_password("")) == (False, False)


def test_create_user_needs_an_email():
    with pytest.raises(ValueError) as refusal:
        User.objects.create_user("", "a-long-password")

    assert str(refusal.value) == "Give the user an email address: it is their login."


@pytest.mark.django_db
def test_create_superuser_is_staff_and_superuser():
    user = User.objects.create_superuser("Admin@Example.ORG", "a-long-password")

    assert (
        user.email,
        user.check_password("a-long-password"),
        user.is_staff,
        user.is_superuser,
    ) == ("Admin@example.org", True, True, True)


@pytest.mark.django_db
def test_get_by_natural_key_ignores_case():
    user = UserFactory(email="helen@example.org")

    assert [
        User.objects.get_by_natural_key(key)
        for key in ("helen@example.org", "Helen@Example.org", "HELEN@EXAMPLE.ORG")
    ] == [user, user, user]


@pytest.mark.django_db
def test_get_by_natural_key_of_nobody_raises_does_not_exist():
    with pytest.raises(User.DoesNotExist):
        User.objects.get_by_natural_key("nobody@example.org")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Helen Sharp", ("Helen Sharp", "Helen Sharp", "Helen")),
        ("", ("helen@example.org", "helen@example.org", "helen@example.org")),
    ],
)
def test_user_str_and_names_fall_back_to_the_email(name, expected):
    user = User(email="helen@example.org", name=name)

    assert (str(user), user.get_full_name(), user.get_short_name()) == expected


@pytest.mark.django_db
def test_a_festivals_own_provision_cannot_take_a_standard_code_or_repeat_its_own():
    festival = FestivalFactory()
    standard = AccessProvision(festival=festival, code="bsl", label="BSL", explanation="X")
    AccessProvision.objects.create(festival=festival, code="tours", label="Tours", explanation="X")
    repeated = AccessProvision(festival=festival, code="tours", label="Again", explanation="X")

    with pytest.raises(ValidationError) as standard_error:
        standard.full_clean()
    with pytest.raises(ValidationError) as repeated_error:
        repeated.full_clean()

    assert standard_error.value.message_dict == {
        "code": ["“bsl” is one of the standard provisions already: choose another code."]
    }
    assert repeated_error.value.messages == [
        "This festival already has a provision with this code."
    ]


@pytest.mark.django_db
def test_a_room_holds_only_standard_provision_codes():
    room = RoomFactory(access=["step-free", "lifts"])

    with pytest.raises(ValidationError) as error:
        room.full_clean()

    assert list(error.value.message_dict) == ["access"]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["Step-Free", "audio_description", "-loop", "loop--hearing"])
def test_a_festivals_own_provision_code_is_lower_case_with_single_hyphens(code):
    provision = AccessProvision(
        festival=FestivalFactory(), code=code, label="Something", explanation="What it is."
    )

    with pytest.raises(ValidationError) as refused:
        provision.full_clean()
    assert refused.value.message_dict == {
        "code": ["Use lower-case letters, digits and single hyphens, e.g. audio-description."]
    }
