"""{% needs_in_words attendance vocabulary %}: a booking's access needs as organisers read them."""

from django import template

from events.access.presenters import needs_in_words as words_of_needs
from events.access.selectors import Vocabulary
from events.models import Attendance

register = template.Library()


@register.simple_tag
def needs_in_words(attendance: Attendance, vocabulary: Vocabulary) -> str:
    return words_of_needs(attendance, vocabulary=vocabulary)
