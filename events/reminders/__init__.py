"""Reminders before sessions, and prompts to speakers after them: rows are the truth.

- `kinds`: what a reminder's kind means ("before:1440", "speaker-before:60", the prompt);
- `services`: create, reschedule and cancel Reminder rows as bookings, sessions and each
  person's settings change;
- `scan`: claim due rows (select_for_update(skip_locked=True)), send, mark sent, in one
  transaction; beat runs it every minute (config/settings.py CELERY_BEAT_SCHEDULE);
- `emails`: the reminder message; `stop_links`: the signed one-click stop link in each;
- `selectors`, `forms`, `views`: the failures organisers see, the settings on /me/, the
  stop-link page.
"""
