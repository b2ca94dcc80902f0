"""A person's private calendar link on pages whose views know nothing of calendars (the
account page in `festival`):

    {% load calendar_links %}
    {% calendar_link_of user as link %}  {# None until they make one #}
"""

from django import template

from events.bookings.selectors import calendar_link_of as read_calendar_link
from events.models import CalendarToken

register = template.Library()


@register.simple_tag
def calendar_link_of(user) -> CalendarToken | None:
    """One query; the plain token is never there (it is shown once, on /me/)."""
    return read_calendar_link(user=user)
