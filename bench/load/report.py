"""The launch figures from what the run leaves behind: locust's per-endpoint stats file, the
sessions' places, the bookings' times, and the table printed at the end.

Plain Python (no Django, no locust), so the tests run it without servers.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class EndpointFigure:
    """One row of locust's stats: requests, errors, requests/s over the run, percentiles in ms."""

    name: str
    requests: int
    errors: int
    requests_per_second: float
    p50: int
    p95: int
    p99: int


def endpoint_figures(stats_csv: str) -> list[EndpointFigure]:
    """The rows of locust's `<prefix>_stats.csv`, in its order (the "Aggregated" total last)."""
    figures = []
    for row in csv.DictReader(io.StringIO(stats_csv)):
        if int(row["Request Count"]) == 0:
            continue
        figures.append(
            EndpointFigure(
                name=row["Name"],
                requests=int(row["Request Count"]),
                errors=int(row["Failure Count"]),
                requests_per_second=float(row["Requests/s"]),
                p50=int(row["50%"]),
                p95=int(row["95%"]),
                p99=int(row["99%"]),
            )
        )
    return figures


def places_oversold(sessions: Iterable[tuple[int, int | None]]) -> int:
    """Places given beyond capacity, over (going, capacity) pairs; a drop-in (None) has none."""
    return sum(max(0, going - capacity) for going, capacity in sessions if capacity is not None)


def bookings_per_second(created: list[datetime]) -> float:
    """Bookings over the time from the first to the last one written (0 for fewer than two)."""
    if len(created) < 2:
        return 0.0
    seconds = (max(created) - min(created)).total_seconds()
    return len(created) / seconds if seconds else 0.0


def figures_table(figures: list[EndpointFigure]) -> str:
    """A Markdown table, one row per endpoint, as the README quotes it."""
    lines = [
        "| endpoint | requests | requests/s | p50 | p95 | p99 | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for figure in figures:
        lines.append(
            f"| {figure.name} | {figure.requests:,} | {figure.requests_per_second:,.1f} "
            f"| {figure.p50:,} ms | {figure.p95:,} ms | {figure.p99:,} ms | {figure.errors} |"
        )
    return "\n".join(lines)
