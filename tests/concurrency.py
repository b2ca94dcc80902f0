"""Real threads for concurrency tests on PostgreSQL."""

import threading

from django.db import connection


def run_at_once(actions) -> list[Exception]:
    """Start every action on its own thread at the same moment; return what they raised."""
    barrier = threading.Barrier(len(actions))
    failures: list[Exception] = []

    def run(action):
        try:
            barrier.wait()
            action()
        except Exception as failure:
            failures.append(failure)
        finally:
            # Each thread has its own connection; leave none open for the test database drop.
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures
