"""What a reminder's kind says: "before:1440" is an attendee's reminder a day before the session,
"speaker-before:60" a speaker's an hour before, "write-up-prompt" the speaker's prompt after it."""

from datetime import datetime, timedelta

from django.utils.translation import ngettext

from events.models import Session

ATTENDEE_PREFIX = "before:"
SPEAKER_PREFIX = "speaker-before:"
WRITE_UP_PROMPT = "write-up-prompt"


def kind_due_at(session: Session, kind: str) -> datetime:
    """When a reminder of `kind` about `session` is due."""
    if kind == WRITE_UP_PROMPT:
        return session.end
    minutes = int(kind.rsplit(":", 1)[1])
    return session.start - timedelta(minutes=minutes)


def kind_label(kind: str) -> str:
    """ "before:1440" as people say it: "1 day before" (attendee), "speaker, 1 hour before"."""
    if kind == WRITE_UP_PROMPT:
        return "write-up prompt (speaker)"
    prefix, minutes = kind.rsplit(":", 1)
    amount = int(minutes)
    if amount % 1440 == 0:
        span = ngettext("%(count)s day", "%(count)s days", amount // 1440)
        span %= {"count": amount // 1440}
    elif amount % 60 == 0:
        span = ngettext("%(count)s hour", "%(count)s hours", amount // 60)
        span %= {"count": amount // 60}
    else:
        span = ngettext("%(count)s minute", "%(count)s minutes", amount) % {"count": amount}
    return f"{span} before" + (" (speaker)" if prefix + ":" == SPEAKER_PREFIX else "")
