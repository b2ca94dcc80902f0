"""Template filters for the Hub: sanitised Markdown and festival date ranges."""

from datetime import date

from django import template
from django.utils.safestring import SafeString

from festival.markdown import markdown_excerpt, render_markdown

register = template.Library()

DASH = "\N{EN DASH}"


@register.filter(name="markdown")
def markdown_filter(text: str, top_heading: int = 2) -> SafeString:
    """{{ story.body|markdown }}; {{ session.description|markdown:3 }} puts "# x" at h3."""
    return render_markdown(text or "", top_heading=int(top_heading))


# Search engines show about this much of a page's description.
DESCRIPTION_CHARACTERS = 160


@register.filter
def description(text: str) -> str:
    """{{ story.standfirst|description }}: Markdown or plain text as a page's meta description,
    plain text on one line, whole words, at most 160 characters ("" for no text)."""
    return markdown_excerpt(text or "", length=DESCRIPTION_CHARACTERS)


@register.simple_tag
def date_range(start: date, end: date) -> str:
    """A festival's dates, as short as is clear: "5 July 2027", or "5-6 July 2027" (with an en
    dash, as the other forms: "30 June - 2 July 2027", "30 December 2027 - 2 January 2028")."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} {DASH} {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} {DASH} {end.day} {end:%B %Y}"


@register.filter
def organised_by(festival, user) -> bool:
    """Whether `user` organises `festival`: shows the organiser's links. No query for visitors
    who are not signed in."""
    return festival.is_organiser(user)
