"""Write-ups on other apps' pages: the Hub home, a story, a session, a speaker.

Those pages' views know nothing of write-ups, so their templates ask for them here, one query
a list:

    {% load writeups %}
    {% latest_writeups 5 as writeups %}
    {% writeups_of_story story as writeups %}
    {% writeups_of_session session as writeups %}
    {% writeups_of_speaker speaker as writeups %}
    {% write_up_url session festival as write_url %}  {# "" unless this visitor may write it #}
    {% speaker_section_of user as speaking %}  {# None unless they speak somewhere #}
"""

from django import template
from django.urls import reverse
from django.utils import timezone

from events.models import Session, WriteUp
from events.writeups import selectors
from events.writeups.presenters import SpeakerSection, speaker_section
from festival.models import Festival, Speaker, Story

register = template.Library()


@register.simple_tag
def latest_writeups(limit: int = 5) -> list[WriteUp]:
    return selectors.latest_writeups(limit=int(limit))


@register.simple_tag
def writeups_of_story(story: Story) -> list[WriteUp]:
    return selectors.writeups_of_story(story=story)


@register.simple_tag
def writeups_of_session(session: Session) -> list[WriteUp]:
    return selectors.writeups_of_session(session=session)


@register.simple_tag
def writeups_of_speaker(speaker: Speaker) -> list[WriteUp]:
    return selectors.writeups_of_speaker(speaker=speaker)


@register.simple_tag
def speaker_section_of(user) -> SpeakerSection | None:
    """A speaker's sessions and the write-ups they owe, for their /me/ (see
    `events.writeups.presenters.speaker_section`)."""
    if not user.is_authenticated:
        return None
    return speaker_section(selectors.speaker_work_of(user=user), now=timezone.now())


@register.simple_tag(takes_context=True)
def write_up_url(
    context: template.Context,
    session: Session,
    festival: Festival,
    speaker: Speaker | None = None,
) -> str:
    """The address of the write-up form for `session` if the visitor may write it up now,
    else "". On a speaker's page pass the `speaker`: when the visitor is that speaker, no
    query is needed to know they speak at the session."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    now = timezone.now()
    if session.is_cancelled or session.start > now:
        return ""  # before asking the database anything
    if speaker is not None:
        # A speaker's page lists only that speaker's sessions: whether the visitor is that
        # speaker is known without a query; otherwise only an organiser may write them up.
        has_role = speaker.user_id == user.pk or festival.is_organiser(user)
    else:
        has_role = festival.is_organiser(user) or selectors.is_speaker_of(
            session=session, user=user
        )
    refusal = selectors.writeup_refusal(
        session=session, festival=festival, user=user, now=now, has_role=has_role
    )
    if refusal is not None:
        return ""
    return reverse("writeup-new", kwargs={"festival": festival.slug, "session": session.slug})
