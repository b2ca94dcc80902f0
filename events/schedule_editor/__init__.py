"""The organisers' schedule editor: change the programme in the browser, as a draft or at once.

- `services`: save an edit of a session (or a new one) as a draft or publish it, move,
  cancel, restore, delete, publish or discard every draft; each edit is checked by the
  import's own rules (one place, so a form and a CSV row never disagree) and published
  through the import, the one path every change takes;
- `selectors`: the drafts, the session as an organiser last left it, a day of the editor;
- `forms`, `presenters`, `views`: the session form, the editor page (a grid to scale on a
  wide screen, a list on a phone), the publish page.

A draft is a PendingChange row: the sessions table stays the published programme, so public
pages, feeds, exports, reminders and notices only ever see what was published.
"""
