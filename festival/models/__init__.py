from .festival import Festival, validate_timezone
from .outbox_message import OutboxMessage
from .speaker import Speaker
from .story import Story, Tag
from .user import User
from .venue import Room, Venue

__all__ = [
    "Festival",
    "OutboxMessage",
    "Room",
    "Speaker",
    "Story",
    "Tag",
    "User",
    "Venue",
    "validate_timezone",
]
