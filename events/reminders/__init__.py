"""Reminders before sessions, and prompts to speakers after them: rows are the truth.

`planning`: create, reschedule and cancel Reminder rows as bookings and sessions change.
`scan`: claim due rows (select_for_update(skip_locked=True)), send, mark sent, in one
transaction; beat runs it every minute (config/settings.py CELERY_BEAT_SCHEDULE).
"""
