"""What each kind of outbox message is: a name and the function that renders it.

The apps register their kinds in `AppConfig.ready` (festival/outbox_renderers.py,
events/outbox_renderers.py), so the sender, which lives in the lower app, never imports the
apps above it. A renderer takes the row and returns the email as it should go *now*, or None
when there is nothing left to say (the booking was cancelled, the story published meanwhile):
the row is then closed unsent.
"""

from collections.abc import Callable

from django.core.mail import EmailMessage

from festival.models import OutboxMessage

Renderer = Callable[[OutboxMessage], EmailMessage | None]

_renderers: dict[str, Renderer] = {}
_labels: dict[str, str] = {}


class UnknownMessageKind(LookupError):
    """A row's kind that no app registered: a typo or a kind removed with rows still owed."""


def register(kind: str, render: Renderer, *, label: str) -> None:
    """`label` names the kind for organisers ("Booking confirmation")."""
    if _renderers.get(kind, render) is not render:
        raise ValueError(f"Two renderers for the outbox kind {kind!r}: give one a new name.")
    _renderers[kind] = render
    _labels[kind] = label


def label_of(kind: str) -> str:
    return _labels.get(kind, kind)


def renderer_for(kind: str) -> Renderer:
    try:
        return _renderers[kind]
    except KeyError:
        raise UnknownMessageKind(
            f"No renderer for outbox kind {kind!r}: register one in an AppConfig.ready."
        ) from None
