"""Access: provisions (what rooms and sessions give), needs (what people who book need) and
the warnings that join them.

- `selectors`: a festival's vocabulary, a session's provisions with where each comes from,
  the needs of the people booked and where they meet a room or session that lacks them.
- `presenters`: the sums and warnings in organisers' words.
- `forms`: needs as tick boxes plus free text; provisions as tick boxes.
- `exports`: the needs CSV for the access team.
- `views`: the glossary, /me/'s needs, the needs CSV.
"""
