"""A process's own copy of the last few values read from the shared cache, by a key that is a
digest of everything the value depends on (a page's or a feed's version): such a key never
names stale content, so the copy needs no invalidation, and a hit costs no trip to Redis and
no unpickling of a body of hundreds of kilobytes."""

import threading
from collections import OrderedDict

_memos: list["Memo"] = []


class Memo:
    """The `entries` most recently used values, by content-addressed key; thread-safe."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._values: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()
        _memos.append(self)

    def get(self, key: str):
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: str, value) -> None:
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.entries:
                self._values.popitem(last=False)

    def values(self) -> dict:
        with self._lock:
            return dict(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def forget_all() -> None:
    """Empty every memo of this process (tests; another worker played by the same process)."""
    for memo in _memos:
        memo.clear()
