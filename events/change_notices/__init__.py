"""Debounced change notices: one email per person summing up a few minutes of changes.

`collecting`: every change to a session (moved, room changed, cancelled, back on) is added to
the one open notice of each person going or waiting on it, opened with the debounce window.
`wording`: what a notice says about each session: the net change, in plain words.
`sending`: the scan beat runs every minute: claims due notices
(select_for_update(skip_locked=True)), sends, marks them sent, in one transaction.
"""

# `sending` is not imported here: it needs the calendar feeds, which import the services
# that import this package.
from events.change_notices.services import collect_change_notices

__all__ = ["collect_change_notices"]
