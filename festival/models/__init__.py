from .access_provision import (
    BUILDING_PROVISIONS,
    STANDARD_CODES,
    STANDARD_PROVISIONS,
    AccessProvision,
    Provision,
)
from .festival import Festival, validate_timezone
from .outbox_message import OutboxMessage
from .speaker import Speaker
from .story import Story, Tag
from .user import User
from .venue import Room, Venue

__all__ = [
    "BUILDING_PROVISIONS",
    "STANDARD_CODES",
    "STANDARD_PROVISIONS",
    "AccessProvision",
    "Festival",
    "OutboxMessage",
    "Provision",
    "Room",
    "Speaker",
    "Story",
    "Tag",
    "User",
    "Venue",
    "validate_timezone",
]
