from .festival import Festival, validate_timezone
from .speaker import Speaker
from .story import Story, Tag
from .user import User
from .venue import Room, Venue

__all__ = ["Festival", "Room", "Speaker", "Story", "Tag", "User", "Venue", "validate_timezone"]
