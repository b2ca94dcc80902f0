"""The outbox: every email Convene sends is first a row (festival.OutboxMessage), written in
the transaction of the change that causes it, then sent by `scan.send_due_messages`.

`services.owe_message` writes the row and, once committed, wakes the sender; `kinds` maps each
kind of message to the function that renders it; `retries` is the one backoff that every
mail row (outbox, reminders, change notices) follows.
"""
