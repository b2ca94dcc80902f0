"""The events app's kinds of outbox message and their renderers, registered in
EventsConfig.ready."""

from events.bookings.emails import booking_confirmation_message, promotion_message
from events.bookings.services import BOOKING_CONFIRMATION, WAITLIST_PROMOTION
from events.writeups.emails import writeup_notice_message
from events.writeups.services import WRITEUP_NOTICE
from festival.outbox import kinds

kinds.register(BOOKING_CONFIRMATION, booking_confirmation_message, label="Booking confirmation")
kinds.register(WAITLIST_PROMOTION, promotion_message, label="Place from the waitlist")
kinds.register(WRITEUP_NOTICE, writeup_notice_message, label="New write-up")
