"""iCalendar feeds of the programme (see DESIGN.md, "Calendar rules").

- `feeds` (festival, session, speaker) and `personal` (a person's own programme): the
  feeds, each a django-ical ICalFeed whose instance is the view;
- `base`: what django-ical 1.9.2 gets wrong, fixed once for all of them;
- `generator` and `text`: RFC 5545 text written by hand; `timezones`: VTIMEZONEs;
- `http`: ETag, Last-Modified, 304 and the cache of rendered bodies;
- `selectors`: the reads; `tokens`: private calendar links (stored as hashes);
- `forms` and `views`: making a private link on /me/, and the feed URLs.
"""
