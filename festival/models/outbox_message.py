from django.db import models

# Owed and not given up on: what a sender may still send. The partial index, the sender's
# claim and the organisers' list all mean this.
WAITING = models.Q(sent_at__isnull=True, cancelled_at__isnull=True, failed_at__isnull=True)


class OutboxMessageQuerySet(models.QuerySet["OutboxMessage"]):
    def waiting(self) -> "OutboxMessageQuerySet":
        """Owed and not given up on: sent by the next sender to reach them."""
        return self.filter(WAITING)

    def due(self, *, now) -> "OutboxMessageQuerySet":
        return self.waiting().filter(due_at__lte=now)


class OutboxMessage(models.Model):
    """One email Convene owes somebody, written in the transaction of the change that causes it.

    The row is the truth of what is owed and what went: a sender claims due rows with
    select_for_update(skip_locked=True) and sets `sent_at` in the transaction that sends, so a
    broker that is down delays mail but never loses it. `kind` names the renderer that turns
    `payload` (ids, never rendered text: the email says what is true when it goes) into the
    email. `dedupe_key` is unique, so the same message can never be owed twice.
    """

    kind = models.CharField(max_length=64)
    dedupe_key = models.CharField(max_length=200, unique=True)
    payload = models.JSONField(default=dict)
    # Who it is for, as known when it was owed: shown to organisers when it is stuck. The
    # renderer addresses the email (a person may change their address before it goes).
    recipient = models.CharField(max_length=254)
    festival = models.ForeignKey(
        "festival.Festival",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
        help_text="The festival whose organisers see it if it cannot be sent.",
    )
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when there was nothing left to say when it was due."
    )
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set after the last attempt failed; shown to organisers."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            # The sender's claim: only rows still owed are indexed, so the index stays small
            # however many messages have gone.
            models.Index(
                fields=["due_at"],
                condition=WAITING,
                name="outbox_waiting_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient}"
