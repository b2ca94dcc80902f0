"""How the mail scans (reminders, change notices) retry a message SMTP refused: the row waits
1, 2, 4, 8 … minutes, at most LONGEST_RETRY_DELAY, and is marked failed at MAX_ATTEMPTS.

The delay stays far below Redis's visibility timeout, and no Celery countdown is involved:
the row's `due_at` moves and the next scan picks it up.
"""

from datetime import timedelta

# After this many failed attempts the row is marked failed, left alone and shown to the
# festival's organisers.
MAX_ATTEMPTS = 5
LONGEST_RETRY_DELAY = timedelta(minutes=30)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4, 8 … minutes, at most
    LONGEST_RETRY_DELAY."""
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_RETRY_DELAY)
