"""`{% personal "fragment.html" name=value %}`: include a fragment that differs from one person
to the next (see `festival.page_cache`). It renders as an include with the page's context;
in the shared render of a cached page it is marked, so that each person's own fragment can
take its place without rendering the page again. Carried values must be plain (JSON): they
are all the fragment gets from the page besides what the view's `personal` gives.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from festival.page_cache import SHARED_RENDER, mark_personal

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context: template.Context, template_name: str, **carried) -> SafeString:
    fragment = context.template.engine.get_template(template_name)
    with context.push(**carried):
        shown = fragment.render(context)
    nonce = context.get(SHARED_RENDER)
    if not nonce:
        return shown
    return mark_safe(mark_personal(nonce, template_name, carried, shown))
