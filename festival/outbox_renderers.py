"""The festival app's kinds of outbox message and their renderers, registered in
FestivalConfig.ready."""

from festival.emails import email_confirmation_message, story_review_message
from festival.outbox import kinds
from festival.password_reset import PASSWORD_RESET, password_reset_message
from festival.services import EMAIL_CONFIRMATION, STORY_REVIEW

kinds.register(EMAIL_CONFIRMATION, email_confirmation_message, label="Email address check")
kinds.register(STORY_REVIEW, story_review_message, label="Story to review")
kinds.register(PASSWORD_RESET, password_reset_message, label="Password reset")
