"""wrk's printed figures, and side-by-side rounds read as medians and ratios (`make bench-http`).

Times on this machine move with whatever else it runs, so the programme page is measured in
rounds interleaved with the same bytes served as a static file, and judged by the ratio of the
medians rather than by its own requests per second.
"""

import re
import statistics
from dataclasses import dataclass

# wrk prints a latency with the unit it reads best in: 850.00us, 12.34ms, 1.20s, 1.00m.
MILLISECONDS_PER_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class HttpFigure:
    page: str
    requests_per_second: float
    p50: str
    p99: str
    # Requests wrk gave up on or could not make: the latencies leave them out.
    socket_errors: int = 0

    def __str__(self) -> str:
        errors = f", {self.socket_errors} socket errors" if self.socket_errors else ""
        return (
            f"{self.page}: {self.requests_per_second:.0f} requests/s, "
            f"p50 {self.p50}, p99 {self.p99}{errors}"
        )

    @property
    def p99_ms(self) -> float:
        return latency_ms(self.p99)


@dataclass(frozen=True)
class MedianFigure:
    page: str
    requests_per_second: float
    p99_ms: float

    def __str__(self) -> str:
        return f"{self.page}: {self.requests_per_second:.0f} requests/s, p99 {self.p99_ms:.0f} ms"


def latency_ms(printed: str) -> float:
    """A latency as wrk prints it, in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", printed)
    if match is None:
        raise ValueError(f"not a wrk latency: {printed!r}")
    return float(match.group(1)) * MILLISECONDS_PER_UNIT[match.group(2)]


def parse_wrk(page: str, output: str) -> HttpFigure:
    """The figures from `wrk --latency` output."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"{page} answered with errors:\n{output}")
    if not (rate and p50 and p99):
        raise RuntimeError(f"wrk printed no figures for {page}:\n{output}")
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = sum(int(count) for count in errors.groups()) if errors else 0
    return HttpFigure(page, float(rate.group(1)), p50.group(1), p99.group(1), socket_errors)


def medians(rounds: list[list[HttpFigure]]) -> dict[str, MedianFigure]:
    """Each page's median requests/s and median p99 over the rounds, in the first round's
    order (wrk's latencies are per run, so the p99 quoted is the median run's)."""
    pages = [figure.page for figure in rounds[0]]
    runs = {page: [f for one in rounds for f in one if f.page == page] for page in pages}
    return {
        page: MedianFigure(
            page,
            statistics.median(f.requests_per_second for f in figures),
            statistics.median(f.p99_ms for f in figures),
        )
        for page, figures in runs.items()
    }


def ratio_line(label: str, page: MedianFigure, static: MedianFigure, *, at_least: float) -> str:
    ratio = page.requests_per_second / static.requests_per_second
    verdict = "met" if ratio >= at_least else "not met"
    return (
        f"{label}: {page.requests_per_second:.0f} / {static.requests_per_second:.0f} "
        f"requests/s = {ratio:.3f} (target >= {at_least:.2f}: {verdict})"
    )


def p99_line(label: str, page: MedianFigure, *, under_ms: float) -> str:
    verdict = "met" if page.p99_ms < under_ms else "not met"
    return f"{label}: {page.p99_ms:.0f} ms (target < {under_ms:.0f} ms: {verdict})"
