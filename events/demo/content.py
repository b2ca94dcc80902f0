"""Who and where the demo is: accounts, the venue, its rooms, themes and speakers, and the
shapes of the festivals (`programme`) and Hub stories (`stories`). Data only;
`events.demo.loader` writes it.

Facts (names, places, the Tuesday 5 July day, the SE15 Community Fund) come from the Ideas
Hub article in the project's seeds; every word of description is written afresh.
Dates are not here: the loader places the festivals relative to today.
"""

from dataclasses import dataclass
from datetime import time

DEMO_PASSWORD = "convene-demo"
ORGANISERS_GROUP = "Organisers"

# What an organiser needs in the admin. No deletes of festivals, events or sessions:
# cancelling keeps a session in calendars, deleting makes it vanish. The log is read-only.
# Venues, rooms and stories are limited in the admin to the organiser's own (festival.admin):
# rooms may be deleted there only at a venue no other organiser's festival uses, and the
# database refuses to delete a room that sessions are booked in.
ORGANISER_PERMISSIONS = {
    "festival": (
        "add_festival",
        "change_festival",
        "view_festival",
        "add_venue",
        "change_venue",
        "view_venue",
        "add_room",
        "change_room",
        "delete_room",
        "view_room",
        "add_speaker",
        "change_speaker",
        "delete_speaker",
        "view_speaker",
        "add_tag",
        "view_tag",
        "add_story",
        "change_story",
        "view_story",
    ),
    "events": (
        "add_event",
        "change_event",
        "view_event",
        "add_session",
        "change_session",
        "view_session",
        "view_schedulechange",
        "view_attendance",
        "change_writeup",
        "view_writeup",
    ),
}

# Given by earlier versions of the demo and taken back from the group on every run: a theme
# belongs to no festival, so one organiser renaming it would rename everyone's.
WITHDRAWN_ORGANISER_PERMISSIONS = {"festival": ("change_tag",)}


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    is_staff: bool = False


ORGANISER = Person("organiser@convene.localhost", "Demo Organiser", is_staff=True)
SPEAKER = Person("speaker@convene.localhost", "Sam Rivers")
ATTENDEE = Person("attendee@convene.localhost", "Alex Taylor")
PEOPLE = (ORGANISER, SPEAKER, ATTENDEE)


VENUE = {
    "slug": "museum-of-science-and-industry",
    "name": "Museum of Science and Industry",
    "address": "Liverpool Road, Manchester M3 4FP",
    "accessibility_notes": (
        "Step-free routes to every room we use but the Workshop Room (two steps down), with "
        "lifts between floors. Accessible "
        "toilets near each room. The Quiet Room is there for anyone who needs a break from "
        "the noise. Tell us about your access needs when you book and we will plan around "
        "them; ask any volunteer on the day."
    ),
    "map_url": "https://www.openstreetmap.org/search?query=Liverpool%20Road%2C%20Manchester%20M3%204FP",
    "access_guide": (
        "## Getting here\n\n"
        "Deansgate and Castlefield tram stops are a ten-minute level walk away. The free "
        "bus 2 stops outside. Blue Badge parking is on Lower Byrom Street.\n\n"
        "## Entrances\n\n"
        "The step-free entrance is on Lower Byrom Street, with automatic doors. The Liverpool "
        "Road entrance has six steps.\n\n"
        "## Toilets and the quiet room\n\n"
        "Accessible toilets are beside the Main Hall and on every floor. The Quiet Room "
        "(first floor, by the lift) is open all day.\n\n"
        "## Who to ask\n\n"
        "Volunteers in yellow lanyards, or the welcome desk by the step-free entrance."
    ),
}


@dataclass(frozen=True)
class RoomSpec:
    name: str
    position: int
    capacity: int
    accessibility_notes: str
    access: tuple[str, ...] = ()
    """Provision codes: what the building gives in the room."""


ROOMS = (
    RoomSpec(
        "Main Hall",
        1,
        150,
        "Hearing loop. Seats with arms at the front and the back.",
        ("step-free", "hearing-loop", "seating"),
    ),
    RoomSpec("Warehouse Room", 2, 40, "Big tables, movable chairs, natural light.", ("step-free",)),
    RoomSpec("Workshop Room", 3, 20, "Round tables; quieter than the hall. Two steps down."),
    RoomSpec(
        "Quiet Room",
        4,
        12,
        "Soft chairs and low light. Please keep voices low.",
        ("step-free", "quiet-space"),
    ),
)

TAGS = {
    "co-production": "Co-production",
    "social-action": "Social action",
    "commissioning": "Commissioning",
    "mutual-aid": "Mutual aid",
    "asset-based": "Asset-based",
    "evaluation": "Evaluation",
    "lived-experience": "Lived experience",
    "history": "History",
}


@dataclass(frozen=True)
class SpeakerSpec:
    slug: str
    name: str
    email: str
    bio: str
    # The demo speaker's account; other speakers keep whatever account they linked.
    is_demo_account: bool = False


HELEN = SpeakerSpec(
    "helen-sharp",
    "Helen Sharp",
    "helen.sharp@example.org",
    "Helen learned co-production as a commissioner at Lambeth Council, working with the New "
    "Economics Foundation. She now supports commissioners and practitioners who want to "
    "work this way and are not sure where to start.",
)
MEL = SpeakerSpec(
    "mel-parks",
    "Mel Parks",
    "mel.parks@example.org",
    "Mel writes about co-produced events and helped bring the first Not Another "
    "Co-Production Festival together in Manchester.",
)
LINDA = SpeakerSpec(
    "linda",
    "Linda",
    "linda@example.org",
    "Linda is a co-worker at Elephants Trail Rochdale, and very good at explaining where "
    "co-production came from.",
)
BECKY = SpeakerSpec(
    "becky-seale",
    "Becky Seale",
    "becky.seale@example.org",
    "Becky is one of the people who run the SE15 Community Fund, a solidarity fund set up "
    "in Peckham in May 2020.",
)
AMARA = SpeakerSpec(
    "amara-okafor",
    "Amara Okafor",
    "amara.okafor@example.org",
    "Amara is a community organiser in Salford who always starts with what people already have.",
)
TOM = SpeakerSpec(
    "tom-whitfield",
    "Tom Whitfield",
    "tom.whitfield@example.org",
    "Tom managed a co-produced youth service until its funding ran out, and now helps "
    "other teams plan for the day the money goes.",
)
PRIYA = SpeakerSpec(
    "priya-shah",
    "Priya Shah",
    "priya.shah@example.org",
    "Priya evaluates community projects for charities and councils, and tries to measure "
    "what matters to the people taking part.",
)
GARETH = SpeakerSpec(
    "gareth-jones",
    "Gareth Jones",
    "gareth.jones@example.org",
    "Gareth runs a small grants programme for a housing association and wants every "
    "application form to fit on one side of paper.",
)
JADE = SpeakerSpec(
    "jade-marsh",
    "Jade Marsh",
    "jade.marsh@example.org",
    "Jade is a poet and songwriter from Oldham who writes with people about their "
    "experience of public services.",
)
SAM = SpeakerSpec(
    "sam-rivers",
    "Sam Rivers",
    SPEAKER.email,
    "Sam brings lived experience of the care system to steering groups and boards, and "
    "now to festival stages.",
    is_demo_account=True,
)


@dataclass(frozen=True)
class EventSpec:
    slug: str
    title: str
    day: int  # 0 for the festival's first day
    start: time
    end: time
    description: str


@dataclass(frozen=True)
class SessionSpec:
    ref: str
    event: str  # EventSpec.slug
    start: time
    end: time
    room: str  # RoomSpec.name
    title: str
    format: str
    speakers: tuple[SpeakerSpec, ...]
    themes: tuple[str, ...]  # TAGS keys
    capacity: int | None  # None: drop-in
    description: str
    slug: str = ""  # blank: from the title; needed where two sessions share a title
    access: tuple[str, ...] = ()
    """Provision codes the organisers arrange (BSL, captions...); the room adds its own."""
    content_note: str = ""


@dataclass(frozen=True)
class FestivalSpec:
    slug: str
    name: str
    description: str
    days: int
    events: tuple[EventSpec, ...]
    speakers: tuple[SpeakerSpec, ...]
    sessions: tuple[SessionSpec, ...]
    timezone: str = "Europe/London"
    access_guide: str = (
        "Every session lists what it and its room provide; the programme's access filter "
        "finds the ones that work for you. Tell us what you need on **My programme** and we "
        "plan around it. BSL interpreters and live captions can be booked for any session "
        "until a week before: email the organisers.\n\n"
        "Each venue's guide, with getting there, entrances, toilets and the quiet room, is on "
        "the festival's Access page."
    )
