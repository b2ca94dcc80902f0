"""Speakers' write-ups of their sessions: what happened, what worked, the challenges and
failures, linked back to the Hub's stories.

- `services`: start, save, publish and unpublish a write-up; who wants to hear of them;
- `selectors`: the reads, and who may write, edit or see one;
- `forms`, `views` (list, page, draft, preview, publish, edit), `feeds` (the Atom feed),
  `emails` (one email to each person who had a place, once).
"""
