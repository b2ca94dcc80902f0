"""The events app's admin, one module per part of the model."""

from events.admin import bookings, programme, writeups

__all__ = ["bookings", "programme", "writeups"]
