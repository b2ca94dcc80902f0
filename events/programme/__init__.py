"""The programme: what is on, when and where, as the public sees it, and how it changes.

- `selectors`: the reads of the public pages (a day's sessions, filters, a session, a
  speaker, what's changed), each with the prefetches its page needs;
- `timetable` and `presenters`: one day laid out as a grid, and what the templates show;
- `forms`: the timetable's day and filters; `views`: festival, timetable, session, speaker
  and "what's changed" pages;
- `services`: the ONE place a change that calendars show is recorded (SEQUENCE +1, a
  ScheduleChange, the programme stamp, reminders rescheduled, change notices collected);
- `rules`: what a hand edit of a session must keep (no double-booked room, capacity not
  below the places taken), shared by the admin and the organisers' forms;
- `stamp`: `Festival.programme_changed_at`, moved by signals and by the bulk writers.
"""
