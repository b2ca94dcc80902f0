"""Debounced change notices: one email per person summing up a few minutes of changes.

- `services`: every change to a session (moved, room changed, cancelled, back on) is added to
  the one open notice of each person going or waiting on it, opened with the debounce window;
- `presenters`: what a notice says about each session: the net change, in plain words;
- `scan`: beat runs it every minute: claims due notices (select_for_update(skip_locked=True)),
  sends, marks them sent, one per transaction;
- `emails`: the message, with the .ics of each changed session the person has a place on.
"""
