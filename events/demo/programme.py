"""The demo's two festivals at Manchester's Museum of Science and Industry: an upcoming
two-day festival (every session format, small sessions for waitlists, drop-ins) and the past
day the Ideas Hub article tells of. Data only; the loader places them relative to today.
"""

from datetime import time

from events.demo.content import (
    AMARA,
    BECKY,
    GARETH,
    HELEN,
    JADE,
    LINDA,
    MEL,
    PRIYA,
    SAM,
    TOM,
    EventSpec,
    FestivalSpec,
    SessionSpec,
)
from events.enums import SessionFormat

TALK = SessionFormat.TALK
WORKSHOP = SessionFormat.WORKSHOP
CONVERSATION = SessionFormat.CONVERSATION
HAPPENING = SessionFormat.HAPPENING
PERFORMANCE = SessionFormat.PERFORMANCE
BREAK = SessionFormat.BREAK

DAY_ONE = "day-one-courage-in-co-production"
DAY_TWO = "day-two-trust-first"

UPCOMING = FestivalSpec(
    slug="not-another-co-production-festival",
    name="Not Another Co-Production Festival",
    description=(
        "Two days of talks, workshops, conversations and happenings for everyone who works "
        "with communities rather than on them: residents, volunteers, commissioners and "
        "practitioners.\n\n"
        "Day one is about courage: how to start, and how to keep going when the system "
        "pushes back. Day two is about trust: money, power and who decides.\n\n"
        "Come for one session or stay for both days. Some sessions are kept small so that "
        "everyone can take part: book a place, and if one is full, join the waitlist. "
        "Drop-in sessions need no booking."
    ),
    days=2,
    events=(
        EventSpec(
            DAY_ONE,
            "Day one: Courage in co-production",
            0,
            time(9, 30),
            time(17, 30),
            "What it takes to share power when the people around you are not sure, and "
            "how to find the others who are trying.",
        ),
        EventSpec(
            DAY_TWO,
            "Day two: Trust first",
            1,
            time(9, 30),
            time(17, 0),
            "Money, trust and who decides: lessons from solidarity funds, mutual aid and "
            "the commissioners who work beside them.",
        ),
    ),
    speakers=(HELEN, MEL, LINDA, BECKY, AMARA, TOM, PRIYA, GARETH, JADE, SAM),
    sessions=(
        SessionSpec(
            "NACP-01",
            DAY_ONE,
            time(9, 30),
            time(10, 0),
            "Main Hall",
            "Arrivals: tea, toast and name badges",
            BREAK,
            (),
            (),
            None,
            "Find your badge, grab a cup of tea and say hello. Volunteers at the door can "
            "show you round and answer questions about access.",
        ),
        SessionSpec(
            "NACP-02",
            DAY_ONE,
            time(10, 0),
            time(10, 45),
            "Main Hall",
            "We need each other to be brave",
            TALK,
            (HELEN,),
            ("co-production", "commissioning"),
            150,
            "Helen opens the festival with what she learned commissioning services at "
            "Lambeth Council alongside the New Economics Foundation: leaving the office, "
            "the doubters she met, and why doing this alone is so hard. Time for questions "
            "at the end.",
            access=("bsl", "captions", "online"),
        ),
        SessionSpec(
            "NACP-03",
            DAY_ONE,
            time(11, 0),
            time(12, 30),
            "Warehouse Room",
            "Beyond consultation: commissioning with people, not for them",
            WORKSHOP,
            (HELEN, PRIYA),
            ("commissioning", "co-production"),
            30,
            "A practical workshop for commissioners and the people they commission from. "
            "Bring a real service you buy or use; together we will find where the decisions "
            "are made and how to move them closer to the people they affect.",
        ),
        SessionSpec(
            "NACP-04",
            DAY_ONE,
            time(11, 0),
            time(12, 0),
            "Workshop Room",
            "Mapping what's strong, not what's wrong",
            WORKSHOP,
            (AMARA,),
            ("asset-based", "social-action"),
            8,
            "Draw a map of your street, estate or group, marking the skills, spaces and "
            "people already there. Kept small on purpose so everyone has time to talk.",
        ),
        SessionSpec(
            "NACP-05",
            DAY_ONE,
            time(11, 0),
            time(12, 0),
            "Main Hall",
            "What does courage look like on a Tuesday?",
            CONVERSATION,
            (MEL, TOM),
            ("co-production",),
            None,
            "Not the big speeches: the small brave things. Saying no to a tick-box "
            "consultation, handing over a budget, admitting a project is not working. Mel "
            "and Tom start the conversation and the room takes it from there.",
            access=("captions", "relaxed"),
        ),
        SessionSpec(
            "NACP-06",
            DAY_ONE,
            time(12, 30),
            time(16, 0),
            "Quiet Room",
            "The listening room",
            HAPPENING,
            (),
            ("lived-experience",),
            None,
            "A calm room with soft chairs, paper and pens. Drop in for five minutes or an "
            "hour. If you want to talk, a volunteer will listen; if you don't, nobody will "
            "ask you to.",
        ),
        SessionSpec(
            "NACP-07",
            DAY_ONE,
            time(12, 30),
            time(13, 30),
            "Main Hall",
            "Lunch",
            BREAK,
            (),
            (),
            None,
            "Lunch is on us, with vegetarian, vegan and gluten-free food. Tell us about "
            "anything else you need when you book.",
        ),
        SessionSpec(
            "NACP-08",
            DAY_ONE,
            time(13, 30),
            time(14, 30),
            "Main Hall",
            "Say it like it is: poems from the edges of the system",
            PERFORMANCE,
            (JADE,),
            ("lived-experience",),
            None,
            "Jade performs new spoken word written with people who use services in Greater "
            "Manchester: funny, angry and very honest. A short open mic follows.",
            access=("bsl", "relaxed"),
            content_note="The poems speak of the benefits system, poverty and mental distress.",
        ),
        SessionSpec(
            "NACP-09",
            DAY_ONE,
            time(13, 30),
            time(15, 0),
            "Warehouse Room",
            "Evaluation that counts what matters",
            WORKSHOP,
            (PRIYA,),
            ("evaluation", "commissioning"),
            24,
            "Funders want numbers; communities want to be heard. Ways of evaluating "
            "co-produced work that people recognise as true, including how to report what "
            "did not work without losing the funding.",
            access=("captions", "large-print"),
        ),
        SessionSpec(
            "NACP-10",
            DAY_ONE,
            time(13, 30),
            time(14, 30),
            "Workshop Room",
            "A seat at the table, or the whole table?",
            CONVERSATION,
            (SAM,),
            ("lived-experience", "co-production"),
            12,
            "Sam has sat on more steering groups than anyone can count as “the person with "
            "lived experience”. A small, frank conversation about being the only one in the "
            "room, and what to ask for instead.",
            access=("captions",),
        ),
        SessionSpec(
            "NACP-11",
            DAY_ONE,
            time(14, 45),
            time(15, 45),
            "Workshop Room",
            "When the money goes: co-production in a cold climate",
            TALK,
            (TOM,),
            ("commissioning", "social-action"),
            20,
            "Tom's co-produced service lost its funding halfway through. What the team "
            "kept, what it lost, and what he would do differently with hindsight.",
        ),
        SessionSpec(
            "NACP-12",
            DAY_ONE,
            time(15, 0),
            time(16, 0),
            "Main Hall",
            "Failures we learned from",
            CONVERSATION,
            (MEL,),
            ("evaluation", "co-production"),
            None,
            "Stories of things that did not go to plan. Tell one or just listen. What is "
            "said in the room stays there unless the teller says otherwise.",
            access=("captions", "online"),
        ),
        SessionSpec(
            "NACP-13",
            DAY_ONE,
            time(16, 15),
            time(17, 0),
            "Main Hall",
            "Tea, cake and what's next",
            HAPPENING,
            (),
            ("co-production",),
            None,
            "End the day with tea and cake. We will gather what you want from day two on a "
            "big sheet of paper, and the programme may change because of it.",
        ),
        SessionSpec(
            "NACP-14",
            DAY_TWO,
            time(9, 30),
            time(10, 0),
            "Main Hall",
            "Arrivals and coffee",
            BREAK,
            (),
            (),
            None,
            "Coffee, tea and a chance to catch up with the people you met yesterday.",
        ),
        SessionSpec(
            "NACP-15",
            DAY_TWO,
            time(10, 0),
            time(10, 45),
            "Main Hall",
            "Trust first: lessons from the SE15 Community Fund",
            TALK,
            (BECKY,),
            ("mutual-aid", "social-action"),
            150,
            "The SE15 Community Fund began in May 2020 to get money quickly and without "
            "judgement to people and mutual aid groups in Peckham. Becky shares the "
            "principles, the hard choices and what comes next.",
            access=("bsl", "captions", "online"),
        ),
        SessionSpec(
            "NACP-16",
            DAY_TWO,
            time(11, 0),
            time(12, 30),
            "Warehouse Room",
            "Start a solidarity fund with your neighbours",
            WORKSHOP,
            (BECKY,),
            ("mutual-aid",),
            20,
            "Step by step: where the money comes from, who decides, how to pay people "
            "safely and how to stop volunteers burning out. Leave with a one-page plan for "
            "your own area.",
            access=("large-print",),
        ),
        SessionSpec(
            "NACP-17",
            DAY_TWO,
            time(11, 0),
            time(12, 0),
            "Workshop Room",
            "Small grants, light paperwork",
            WORKSHOP,
            (GARETH,),
            ("commissioning", "evaluation"),
            8,
            "For anyone who gives out money, from a council team to a tenants' association. "
            "We will rewrite a real application form together until it fits on one side of "
            "paper. Small group: book a place.",
        ),
        SessionSpec(
            "NACP-18",
            DAY_TWO,
            time(11, 0),
            time(12, 0),
            "Main Hall",
            "Mutual aid after the emergency",
            CONVERSATION,
            (AMARA, SAM),
            ("mutual-aid", "social-action"),
            None,
            "Many mutual aid groups from 2020 faded away; some became something else. What "
            "keeps neighbours helping each other once the news has moved on?",
        ),
        SessionSpec(
            "NACP-19",
            DAY_TWO,
            time(10, 0),
            time(16, 0),
            "Quiet Room",
            "The story wall",
            HAPPENING,
            (),
            ("evaluation",),
            None,
            "Write or draw a postcard about a time co-production worked, or did not, and "
            "pin it to the wall. By the end of the day the wall is the festival's own "
            "evaluation.",
        ),
        SessionSpec(
            "NACP-20",
            DAY_TWO,
            time(12, 30),
            time(13, 30),
            "Main Hall",
            "Lunch",
            BREAK,
            (),
            (),
            None,
            "Lunch is on us again. The story wall is open next door in the Quiet Room.",
            slug="lunch-day-two",
        ),
        SessionSpec(
            "NACP-21",
            DAY_TWO,
            time(13, 30),
            time(14, 15),
            "Main Hall",
            "Where co-production came from, and where it's going",
            TALK,
            (LINDA,),
            ("co-production", "history"),
            150,
            "Linda from Elephants Trail Rochdale follows co-production from research on "
            "public services in the 1970s to community groups today, and asks what the next "
            "fifty years should look like.",
            access=("captions", "online"),
        ),
        SessionSpec(
            "NACP-22",
            DAY_TWO,
            time(13, 30),
            time(15, 0),
            "Warehouse Room",
            "Sharing power: a co-production health check",
            WORKSHOP,
            (TOM, PRIYA),
            ("co-production", "evaluation"),
            30,
            "Bring a project and test it honestly: who had the ideas, who made the "
            "decisions, who got paid? A simple checklist to use back at work, and a chance "
            "to hear how others scored.",
            access=("large-print", "relaxed"),
        ),
        SessionSpec(
            "NACP-23",
            DAY_TWO,
            time(14, 30),
            time(15, 30),
            "Workshop Room",
            "Can commissioners and mutual aid trust each other?",
            CONVERSATION,
            (HELEN, BECKY),
            ("commissioning", "mutual-aid"),
            12,
            "A commissioner and a fund organiser on what each needs from the other, and "
            "what gets lost when public money meets neighbourly help. Small and frank.",
        ),
        SessionSpec(
            "NACP-24",
            DAY_TWO,
            time(14, 30),
            time(15, 15),
            "Main Hall",
            "Songs from the waiting room",
            PERFORMANCE,
            (JADE,),
            ("lived-experience",),
            None,
            "Jade returns with songs and stories gathered in waiting rooms across the North "
            "West: about queues, forms and the people who make the waiting bearable.",
            access=("relaxed",),
            content_note="Some songs describe hospital stays and waiting for care.",
        ),
        SessionSpec(
            "NACP-25",
            DAY_TWO,
            time(15, 30),
            time(16, 15),
            "Main Hall",
            "What we'll do differently",
            CONVERSATION,
            (MEL,),
            ("evaluation",),
            None,
            "Before we go: what will you do differently on Monday? Mel gathers the "
            "promises, the doubts and the ideas from two days together.",
        ),
        SessionSpec(
            "NACP-26",
            DAY_TWO,
            time(16, 15),
            time(17, 0),
            "Main Hall",
            "Closing circle",
            HAPPENING,
            (),
            ("co-production",),
            None,
            "We finish as we started, together: a short circle to say thank you, and to say "
            "what should happen at the next festival.",
        ),
    ),
)

# The slug is the event's key in databases loaded before it was renamed: kept, so a reload
# renames that event rather than adding a second one.
PAST_DAY = "not-another-co-production-festival-day"

PAST = FestivalSpec(
    slug="courage-in-co-production-day",
    name="Courage in Co-Production Day",
    description=(
        "The first Not Another Co-Production Festival: one day at Manchester's Museum of "
        "Science and Industry marking a year of co-production work across the city, where "
        "the programme grew as the day went on."
    ),
    days=1,
    events=(
        EventSpec(
            PAST_DAY,
            # Its own name, not the upcoming festival's: its sessions say they are part of it.
            "Courage in Co-Production: a day festival",
            0,
            time(10, 0),
            time(16, 30),
            "A day of happenings and conversations, many of them unplanned.",
        ),
    ),
    speakers=(LINDA, HELEN, MEL, JADE, SAM),
    sessions=(
        SessionSpec(
            "CICP-01",
            PAST_DAY,
            time(10, 0),
            time(10, 30),
            "Main Hall",
            "Welcome circle",
            HAPPENING,
            (MEL,),
            ("co-production",),
            None,
            "Everyone in one big circle: who we are, where we have come from and what we "
            "hope to take home.",
        ),
        SessionSpec(
            "CICP-02",
            PAST_DAY,
            time(10, 30),
            time(11, 15),
            "Main Hall",
            "Co-production: what is it, exactly?",
            TALK,
            (LINDA,),
            ("co-production", "history"),
            120,
            "Linda, a co-worker at Elephants Trail Rochdale, tells the history of "
            "co-production: where the word came from, what it asks of us and how it gets "
            "misused.",
        ),
        SessionSpec(
            "CICP-03",
            PAST_DAY,
            time(11, 30),
            time(12, 30),
            "Warehouse Room",
            "Being brave with commissioners",
            WORKSHOP,
            (HELEN,),
            ("commissioning", "co-production"),
            25,
            "Helen on moving commissioning from outputs to outcomes, and how to get past "
            "consultation that only ticks a box.",
        ),
        SessionSpec(
            "CICP-04",
            PAST_DAY,
            time(11, 30),
            time(12, 30),
            "Workshop Room",
            "A year of co-production in Manchester",
            CONVERSATION,
            (MEL, SAM),
            ("co-production", "social-action"),
            20,
            "The people behind a year of co-produced work across the city look back at "
            "what changed, and what did not.",
        ),
        SessionSpec(
            "CICP-05",
            PAST_DAY,
            time(12, 30),
            time(13, 30),
            "Main Hall",
            "Lunch",
            BREAK,
            (),
            (),
            None,
            "Lunch together in the hall.",
        ),
        SessionSpec(
            "CICP-06",
            PAST_DAY,
            time(13, 30),
            time(15, 0),
            "Quiet Room",
            "Conversations nobody planned",
            HAPPENING,
            (),
            ("co-production",),
            None,
            "Open space: write a question on the board, find a corner and see who joins "
            "you. Several of the day's best conversations started here.",
        ),
        SessionSpec(
            "CICP-07",
            PAST_DAY,
            time(13, 30),
            time(14, 30),
            "Workshop Room",
            "Telling it straight: stories with the failures left in",
            WORKSHOP,
            (SAM,),
            ("evaluation", "lived-experience"),
            12,
            "How to write up a project honestly, including what went wrong, so that other "
            "people can learn from it.",
        ),
        SessionSpec(
            "CICP-08",
            PAST_DAY,
            time(15, 0),
            time(15, 45),
            "Main Hall",
            "What we heard today",
            PERFORMANCE,
            (JADE,),
            ("lived-experience",),
            None,
            "Jade spent the day listening in every room and turns what she heard into a "
            "poem, performed for the first and only time.",
        ),
        SessionSpec(
            "CICP-09",
            PAST_DAY,
            time(15, 45),
            time(16, 30),
            "Main Hall",
            "Closing circle: what next for Manchester?",
            CONVERSATION,
            (MEL,),
            ("co-production", "social-action"),
            None,
            "Back in the circle to decide what happens next, and who will make it happen.",
        ),
    ),
)
