from festival.outbox.retries import MAX_ATTEMPTS, retry_delay


def test_the_retry_delay_doubles_up_to_thirty_minutes():
    assert [retry_delay(attempts).seconds // 60 for attempts in range(1, 8)] == [
        1, 2, 4, 8, 16, 30, 30,
    ]  # fmt: skip


def test_a_message_is_given_up_after_five_attempts():
    assert MAX_ATTEMPTS == 5
