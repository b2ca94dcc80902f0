"""Timing that survives a noisy machine: many runs, the median and the spread."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    runs: int
    median_ms: float
    low_ms: float
    high_ms: float

    def __str__(self) -> str:
        return (
            f"median {self.median_ms:.1f} ms (min {self.low_ms:.1f}, max {self.high_ms:.1f}, "
            f"{self.runs} runs)"
        )


def time_calls(call: Callable[[], object], *, runs: int, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(runs, statistics.median(samples), min(samples), max(samples))


def count_queries(call: Callable[[], object]) -> int:
    """Queries one call makes. The log is emptied first: it keeps only the last 9,000 queries,
    and a full log makes CaptureQueriesContext count none."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)
