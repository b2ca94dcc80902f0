"""The Ideas Hub stories of the demo, summarised afresh from the seed article's pieces,
the challenges and failures included. Data only."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StorySpec:
    slug: str
    title: str
    author: str
    standfirst: str
    body: str
    tags: tuple[str, ...]
    festival: str | None  # FestivalSpec.slug
    days_after_past_day: int  # published at 09:00 on the past day plus this many days


STORIES = (
    StorySpec(
        slug="we-need-each-other-to-be-brave",
        title="We need each other to be brave",
        author="Helen Sharp",
        standfirst=(
            "A former Lambeth commissioner on why co-production can feel lonely, and why "
            "the answer is finding each other."
        ),
        body="""\
I learned co-production on the job, as a commissioner at Lambeth Council. With help from
the New Economics Foundation we tried to stop buying services by the output (so many
sessions, so many contacts) and to start from the outcomes people wanted, letting the people
who use services shape what we bought. One of the first things we did was leave the office:
my team went out to meet parents and young people where they were, and listened. Looking
back, it is strange that this ever felt new.

## What got in the way

It was not a smooth story. Colleagues were sceptical, and so were some senior leaders. Our
buying rules were written for tidy specifications, not for conversations that change
direction. More than once we slipped back into consultation: asking people what they
thought of a plan we had already made. It is the trap I see most often now, and I fell into
it too.

## What I do now

These days I support commissioners and practitioners who want to work this way but do not
know where to begin, or who have begun and feel alone. Most of them have little backing and
work inside organisations that reward caution. Co-production, asset-based working and real
collaboration are messy, and they make risk-averse systems nervous.

## Why a Hub

There are more of us than we think, but we rarely find each other. The Ideas Hub is a place
to do that: to share stories and evidence, and to be honest about what went wrong as well as
what went right. The failures are where most of the learning is.

If you have a story, finished or not, we would like to hear it.
""",
        tags=("co-production", "commissioning", "social-action"),
        festival=None,
        days_after_past_day=-30,
    ),
    StorySpec(
        slug="courage-in-co-production-a-day-festival",
        title="Courage in Co-Production: A Day Festival",
        author="Mel Parks",
        standfirst=(
            "The first Not Another Co-Production Festival filled rooms at the Museum of "
            "Science and Industry for a day. What happened, and what we would change."
        ),
        body="""\
On Tuesday 5 July we took over rooms at Manchester's Museum of Science and Industry for the
first Not Another Co-Production Festival. It marked the end of a year of co-production work
across Manchester, and we wanted the day itself to be co-produced, not just talked about.

## A programme that moved

We set a light timetable and left gaps on purpose. Some of the best moments were not in it:
a conversation that started over lunch became an afternoon session, and a workshop changed
course when the room asked different questions from the ones we had prepared. Linda from
Elephants Trail Rochdale opened the morning with the history of co-production, which gave
everyone somewhere to start from.

## What was hard

- Leaving gaps means living with uncertainty. Some people found the shifting programme
  confusing, and the printed timetable was out of date by eleven o'clock.
- We did not reach as many commissioners and senior managers as we hoped. The people who
  most needed to hear these stories were often the ones who could not get the day off.
- Sessions ran over, and the rooms next door paid for it.
- We underestimated how much quiet space people would need.

## Next time

Keep the open space, but put every change online and on a screen as it happens. Invite
commissioners in pairs with the people they commission from. Book a second quiet room. And
keep the tea going all day: some of the best conversations happened by the urn.
""",
        tags=("co-production", "evaluation", "social-action"),
        festival="courage-in-co-production-day",
        days_after_past_day=4,
    ),
    StorySpec(
        slug="co-production-what-is-it-exactly",
        title="Co-Production: What is it, exactly?",
        author="Linda",
        standfirst=(
            "Linda, a co-worker at Elephants Trail Rochdale, gave visitors a short history of "
            "co-production at the festival day. Here it is in writing."
        ),
        body="""\
Co-production is a way of working where the people who provide a service and the people who
use it share the work, and the power, as equals. It is not consultation, where you are asked
your views on a plan that is already written. It is designing, running and judging the thing
together.

## Where the word came from

The term goes back to the 1970s, when Elinor Ostrom and her colleagues at Indiana University
studied public services such as policing. They saw that services work better when the people
they serve take part in producing them, and suffer when that part is lost.

Later, the American civil rights lawyer Edgar Cahn argued that everybody has something to
give, and that the unpaid work people do for their families and neighbours is real and
valuable. Time banking grew out of that thinking. In the UK the New Economics Foundation did
much to spread co-production in the 2000s, and it now turns up in guidance for social care.

## What it asks of us

- See people as having strengths, not only needs.
- Share power for real, including over money and decisions.
- Value lived experience alongside professional knowledge.
- Build networks where people help each other, rather than only receive help.

## Where it goes wrong

The word gets stuck on things that are not co-production. If the decisions were made before
the first meeting, it is not. If everyone gives their time but only the professionals are
paid, that is worth asking about too. The answer is not to give up on the word but to notice
when it is being misused, say so, and change what you do.
""",
        tags=("co-production", "history", "lived-experience"),
        festival="courage-in-co-production-day",
        days_after_past_day=2,
    ),
    StorySpec(
        slug="trust-first-lessons-from-running-a-solidarity-fund",
        title="Trust First: Lessons From Running a Solidarity Fund",
        author="Becky Seale",
        standfirst=(
            "The SE15 Community Fund began in May 2020 to get money quickly to people hit by "
            "the pandemic and to local mutual aid groups. Its administrators look back at "
            "what worked and what did not."
        ),
        body="""\
We set up the SE15 Community Fund in May 2020. People around us were losing income
overnight, and the mutual aid groups that had sprung up locally needed money for food, phone
credit and bills. We wanted to get it to them quickly, without making anyone prove they
deserved it.

## What we hold to

- **Trust first.** We ask what people need, not why.
- **Quick and small.** A modest sum paid within days does more than a large grant months
  later.
- **Led by neighbours.** The people deciding live locally, and many have needed help
  themselves.
- **Open about the money.** We say what came in and where it went.

## The dilemmas

Trusting first does not make the hard choices go away. There were weeks when requests far
outstripped what we had, and we had to share a small pot fairly. First come, first served
favours people who are online and organised; a lottery feels random; priority rules bring
back the judging we set out to avoid. We tried more than one of these and none felt right.

Volunteers got tired. Goodwill carries a fund for months, not years; paying people means
fundraising, and fundraising means reporting. Donations were generous at the start and fell
away as the emergency left the news, though the need did not.

We also had to work out how to take money from bigger funders without taking on their forms.

## What comes next

We want the fund to be a lasting part of the neighbourhood rather than an emergency measure,
to share what we have learned with other solidarity funds, and to keep the paperwork as light
as we dare.
""",
        tags=("mutual-aid", "social-action", "evaluation"),
        festival=None,
        days_after_past_day=12,
    ),
)
