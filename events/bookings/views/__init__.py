"""Booking pages: `attendee` for the people who come, `organisers` for those who run it."""
