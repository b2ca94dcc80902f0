"""The demo's write-ups of past sessions, written afresh: what happened, what worked, the
challenges and failures, and what the speakers would do differently. Data only.

The demo speaker's other past session (CICP-07) is left without one, so that someone trying
the demo as the speaker can write it up.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class WriteUpSpec:
    slug: str
    session_ref: str  # SessionSpec.ref, at the past festival
    author_name: str
    # The demo speaker's account writes it; otherwise the speaker has no account here.
    by_demo_speaker: bool
    title: str
    summary: str
    body: str
    what_worked: str
    challenges: str
    next_time: str
    stories: tuple[str, ...]  # StorySpec.slug
    days_after_past_day: int  # published at 18:00 on the past day plus this many days


WRITEUPS = (
    WriteUpSpec(
        slug="a-year-of-co-production-in-manchester-looking-back",
        session_ref="CICP-04",
        author_name="Sam Rivers",
        by_demo_speaker=True,
        title="A year of co-production in Manchester, looking back",
        summary=(
            "Mel and I asked a room of twenty what a year of co-production had changed. "
            "The honest answer was: less than we hoped, and more than we noticed."
        ),
        body="""\
Mel and I sat in a circle with about twenty people in the Workshop Room: parents, youth
workers, two commissioners and a few people, like me, who have sat on more steering groups
than we can count. We had planned three questions. We got through one.

The question was simple: *what is different now from a year ago?* People started with the
things on paper (a new advisory group, a paid role for a young person on an interview panel)
and then, slowly, moved to the things that are harder to write down. One mum said it was the
first year a meeting had been moved to suit her, not the other way round.
""",
        what_worked="""\
- **Starting in a circle, with no slides.** Nobody was presenting to anybody.
- **Paying people for their time**, and saying so at the start. It changed who spoke.
- **Letting the conversation run.** The second and third questions turned out not to matter.
""",
        challenges="""\
- The two commissioners said very little, and I did not find a way to bring them in without
  putting them on the spot. We heard a lot about them and not much from them.
- We ran twenty minutes over and ate into the lunch queue, and the next session in the room.
- I had promised myself I would talk about the things that went wrong in the care steering
  group. When it came to it, with someone from that service in the room, I softened it.
""",
        next_time="""\
Ask the commissioners beforehand whether they would open with one thing they got wrong this
year: if they go first, everyone else can be honest too. Keep a visible clock. And say the
difficult thing the first time, kindly, instead of saving it for a write-up.
""",
        stories=("courage-in-co-production-a-day-festival",),
        days_after_past_day=5,
    ),
    WriteUpSpec(
        slug="telling-the-history-of-co-production-in-45-minutes",
        session_ref="CICP-02",
        author_name="Linda",
        by_demo_speaker=False,
        title="Telling the history of co-production in 45 minutes",
        summary=(
            "I tried to fit fifty years of co-production into a morning talk. The questions "
            "afterwards taught me more than my slides did."
        ),
        body="""\
I opened the morning in the Main Hall with where the word *co-production* came from: Elinor
Ostrom's work on public services in the 1970s, Edgar Cahn and time banking, and how the idea
reached UK social care. About a hundred people came, many of them new to the word, and
some of them tired of it.
""",
        what_worked="""\
- Starting from a story from Rochdale before any theory. People leaned in.
- A short list of what co-production asks of us, left on the screen during questions.
- Leaving fifteen minutes for questions: they went somewhere the talk had not.
""",
        challenges="""\
- Too much history for one talk: I rushed the part about how the word gets misused, which
  was the part people most wanted.
- The hall is big, and the people at the back could not see the slides well. The hearing
  loop worked; the microphone for questions did not, at first.
- One person asked, fairly, why a talk about sharing power was one person talking at a
  hundred. I did not have a good answer on the day.
""",
        next_time="""\
Half the history and twice the conversation: tell the story in twenty minutes, then turn the
hall into small groups on *where have you seen the word misused?* And bring large-print
copies of the slides.
""",
        stories=("co-production-what-is-it-exactly",),
        days_after_past_day=1,
    ),
)
