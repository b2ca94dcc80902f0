"""A booking deleted with its person's account (the only way a booking row goes: a session
with bookings cannot be deleted): the place it held is free again, so the next person on the
waitlist gets it and the programme stops saying the session is full; a waitlist spot closes
its gap."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from events.bookings.services import close_waitlist_gap, locked_session, promote_from_waitlist
from events.enums import AttendanceStatus
from events.models import Attendance, Session
from events.programme.stamp import touch_places


@receiver(post_delete, sender=Attendance)
def free_what_it_held(sender, instance: Attendance, **kwargs) -> None:
    if instance.status == AttendanceStatus.CANCELLED:
        return
    session_id, position = instance.session_id, instance.position
    # After the delete commits: the promotion locks the session, as every booking change does.
    transaction.on_commit(lambda: free_place(session_id, position))


@transaction.atomic
def free_place(session_id: int, position: int | None) -> None:
    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        return
    session = locked_session(session)
    if position is not None:
        close_waitlist_gap(session=session, after=position, count=1)
        return
    promote_from_waitlist(session=session)
    touch_places(session.festival_id)
