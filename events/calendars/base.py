"""The base of every calendar feed: django-ical's ICalFeed with what 1.9.2 gets wrong fixed.

django-ical 1.9.2 ignores `item_sequence`, `item_class` and `item_timezone` (they are missing
from its ICAL_EXTRA_FIELDS), drops falsy values (so SEQUENCE:0 never appears), stamps DTSTAMP
with a naive `now()` (wrong by the UTC offset, and different on every request), writes an
empty CATEGORIES line for items without categories, and emits no VTIMEZONE. Here:

- the three hooks are read, and zero is kept; DTSTAMP comes from `item_timestamp`, which
  feeds define from stored data; empty values are never written;
- the generator is `ICalendarText`, which writes RFC 5545 text itself, with a VTIMEZONE per
  TZID (one RDATE value per line);
- a hook's arity is looked up once per class, not with `inspect.signature` on every call
  (django-ical's way costs about 0.3 ms per event);
- each event's text is kept, keyed by the event's whole value (`FeedEvent` holds everything
  its VEVENT shows), so a rebuild after a change renders only what changed.
"""

from collections.abc import Hashable
from inspect import signature
from threading import Lock

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django_ical.views import FEED_EXTRA_FIELDS, ICAL_EXTRA_FIELDS, ICalFeed

from events.calendars.generator import ICalendarText
from events.calendars.http import FeedVersion, serve_calendar

# What django-ical's item_extra_kwargs leaves out.
EXTRA_FIELDS = (*ICAL_EXTRA_FIELDS, "sequence", "class", "timezone")


class FeedRequestError(Exception):
    """A feed asked for with parameters that cannot be met: answered 400 with the message."""


class RenderedEvents:
    """Event texts by everything that went into them; the oldest go first when it is full.

    Per process, like any in-memory cache; correct by construction, since a key is the whole
    of an event's data (plus the feed's event style and the site address), never just its
    identity: a renamed room or speaker is a new key, though it moves no session's sequence.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._texts: dict[Hashable, str] = {}
        self._lock = Lock()

    def get(self, key: Hashable) -> str | None:
        return self._texts.get(key)

    def put(self, key: Hashable, text: str) -> str:
        with self._lock:
            while len(self._texts) >= self.size:
                del self._texts[next(iter(self._texts))]
            self._texts[key] = text
        return text

    def clear(self) -> None:
        with self._lock:
            self._texts.clear()


# A few large festivals' worth: about 1.5 kB a session, so some 30 MB at most.
RENDERED_EVENTS = RenderedEvents(size=20_000)


class CalendarFeed(ICalFeed):
    """A feed of sessions. Subclasses give `get_object` (None for 404, FeedRequestError for
    400), `items`, `title`, `version` and `filename`; the item hooks live in subclasses too.

    The instance is the view: a request is answered from the version first (304 when the
    client's copy is current), then from the cache, and only then built.
    """

    feed_type = ICalendarText
    product_id = "-//Convene//Convene calendar feeds//EN"
    method = "PUBLISH"
    ttl = "PT1H"
    link = "/"
    not_found = "There is no calendar at this address."
    # Feeds whose item hooks are the same share kept event texts: they name one style.
    event_style: str | None = None

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            subject = self.get_object(request, *args, **kwargs)
        except FeedRequestError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        if subject is None:
            raise Http404(self.not_found)
        return serve_calendar(
            request,
            version=self.version(subject),
            build=lambda: self.render(subject),
            filename=self.filename(subject),
        )

    def version(self, obj) -> FeedVersion:
        raise NotImplementedError("Give your feed a version(obj): what its content depends on.")

    def filename(self, obj) -> str:
        return "calendar.ics"

    def render(self, obj) -> bytes:
        """The feed's text, built now (no request needed: links use SITE_URL)."""
        return self.get_feed(obj, None).text().encode()

    def get_feed(self, obj, request) -> ICalendarText:
        feed = self.feed_type(
            title=self._get_dynamic_attr("title", obj),
            link=self.link,
            description=self._get_dynamic_attr("description", obj),
            ttl=self._get_dynamic_attr("ttl", obj),
            **self.feed_extra_kwargs(obj),
        )
        # Every setting an event's text reads is in its key: links and the ORGANIZER's address.
        site = (settings.SITE_URL, settings.DEFAULT_FROM_EMAIL)
        style = self.event_style or type(self)
        for item in self._get_dynamic_attr("items", obj):
            key = (style, site, item)
            text = RENDERED_EVENTS.get(key)
            if text is None:
                text = RENDERED_EVENTS.put(key, feed.render_event(self.item_fields(item)))
            feed.add_rendered(
                text,
                tzid=self._get_dynamic_attr("item_timezone", item),
                start=self._get_dynamic_attr("item_start_datetime", item),
                end=self._get_dynamic_attr("item_end_datetime", item),
            )
        return feed

    def item_fields(self, item) -> dict:
        """What Django's Feed passes to `add_item` for an item, and django-ical's extras."""
        return {
            "title": self._get_dynamic_attr("item_title", item),
            "link": self._get_dynamic_attr("item_link", item),
            "description": self._get_dynamic_attr("item_description", item),
            "unique_id": self._get_dynamic_attr("item_guid", item),
            "categories": self._get_dynamic_attr("item_categories", item),
            "updateddate": self._get_dynamic_attr("item_updateddate", item),
            **self.item_extra_kwargs(item),
        }

    def feed_extra_kwargs(self, obj) -> dict:
        kwargs = {}
        for name in (*FEED_EXTRA_FIELDS, "timezone_years"):
            value = self._get_dynamic_attr(name, obj)
            if value:
                kwargs[name] = value
        return kwargs

    def item_extra_kwargs(self, item) -> dict:
        """django-ical's extra item fields plus sequence, class and timezone; a value is left
        out only when it is None or empty, so SEQUENCE:0 stays."""
        kwargs = {}
        names = _EXTRA_HOOKS.get(type(self))
        if names is None:
            names = _EXTRA_HOOKS[type(self)] = [
                name for name in EXTRA_FIELDS if hasattr(self, "item_" + name)
            ]
        for name in names:
            value = self._get_dynamic_attr("item_" + name, item)
            if value is not None and value != "" and value != [] and value != ():
                kwargs[name] = value
        return kwargs

    def item_timestamp(self, item):
        raise NotImplementedError(
            "Give your feed an item_timestamp(item) from stored data: DTSTAMP must not change "
            "while the event does not, or no ETag can ever match."
        )

    def _get_dynamic_attr(self, attname: str, obj, default=None):
        try:
            attr = getattr(self, attname)
        except AttributeError:
            return default
        if not callable(attr):
            return attr
        key = (type(self), attname)
        arity = _ARITIES.get(key)
        if arity is None:
            arity = _ARITIES[key] = len(signature(attr).parameters)
        if arity == 0:
            return attr()
        if arity == 1:
            return attr(obj)
        raise TypeError(f"{attname} takes no argument or one (the feed's object or item).")


_ARITIES: dict[tuple[type, str], int] = {}
# The extra hooks each feed class defines: looking up the twenty it does not costs more than
# rendering the event.
_EXTRA_HOOKS: dict[type, list[str]] = {}
