"""Places, waitlists, "my programme" and check-in.

- `services`: book a place or join the waitlist (the session row locked, so the last place is
  never sold twice), cancel, promote from the waitlist, change capacity, check in;
- `selectors`: a visitor's own bookings, and the organisers' reads (bookings per session,
  attendee lists, check-in search);
- `presenters`: the session page's booking panel; `charts`: how full each session is, as a
  bar chart in HTML;
- `forms`, `exports` (attendee CSVs), `emails` (confirmations and promotions with the .ics);
- `views.attendee` (book, cancel, /me/) and `views.organisers` (bookings, check-in, CSVs).
"""
