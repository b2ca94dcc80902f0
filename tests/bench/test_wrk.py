import pytest

from bench.wrk import HttpFigure, MedianFigure, latency_ms, medians, p99_line, parse_wrk, ratio_line

# What wrk 4.1 (Debian's package) printed with --latency on this machine, verbatim.
OUTPUT = """Running 2s test @ http://127.0.0.1:18765/a.txt
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.24ms    1.86ms  25.62ms   89.94%
    Req/Sec     0.94k   403.23     2.34k    72.50%
  Latency Distribution
     50%    2.93ms
     75%    3.60ms
     90%    4.55ms
     99%   11.64ms
  3753 requests in 2.00s, 700.20KB read
Requests/sec:   1874.12
Transfer/sec:    349.66KB
"""
# wrk adds this line when requests timed out or failed at the socket.
SOCKET_ERRORS = OUTPUT.replace(
    "Requests/sec:", "  Socket errors: connect 0, read 2, write 0, timeout 5\nRequests/sec:"
)


def test_parse_wrk_reads_the_rate_and_the_median_and_99th_percentile():
    assert parse_wrk("anonymous", OUTPUT) == HttpFigure("anonymous", 1874.12, "2.93ms", "11.64ms")


def test_parse_wrk_counts_socket_errors_of_every_kind():
    figure = parse_wrk("anonymous", SOCKET_ERRORS)
    assert figure == HttpFigure("anonymous", 1874.12, "2.93ms", "11.64ms", socket_errors=7)
    assert str(figure) == "anonymous: 1874 requests/s, p50 2.93ms, p99 11.64ms, 7 socket errors"


def test_parse_wrk_refuses_a_run_with_error_responses():
    output = OUTPUT.replace("Requests/sec:", "  Non-2xx or 3xx responses: 12\nRequests/sec:")
    with pytest.raises(RuntimeError) as refused:
        parse_wrk("signed in", output)
    assert str(refused.value) == f"signed in answered with errors:\n{output}"


def test_parse_wrk_refuses_output_without_figures():
    printed = "unable to connect to 127.0.0.1:8000 Connection refused\n"
    with pytest.raises(RuntimeError) as refused:
        parse_wrk("static file", printed)
    assert str(refused.value) == f"wrk printed no figures for static file:\n{printed}"


@pytest.mark.parametrize(
    ("printed", "milliseconds"),
    [("850.00us", 0.85), ("254.51ms", 254.51), ("1.39s", 1390.0), ("1.50m", 90_000.0)],
)
def test_latency_ms_reads_each_unit_wrk_prints(printed, milliseconds):
    assert latency_ms(printed) == pytest.approx(milliseconds)


def test_latency_ms_refuses_what_is_no_latency():
    with pytest.raises(ValueError) as refused:
        latency_ms("12 ms")
    assert str(refused.value) == "not a wrk latency: '12 ms'"


def test_medians_take_each_pages_median_rate_and_median_p99_over_the_rounds():
    rounds = [
        [HttpFigure("static file", 3101, "2.39ms", "5.04ms"),
         HttpFigure("anonymous", 46, "168.35ms", "254.51ms")],
        [HttpFigure("static file", 1090, "5.05ms", "243.19ms"),
         HttpFigure("anonymous", 16, "476.18ms", "1.39s")],
        [HttpFigure("static file", 1825, "3.68ms", "542.47ms"),
         HttpFigure("anonymous", 14, "562.35ms", "748.39ms")],
    ]  # fmt: skip
    assert medians(rounds) == {
        "static file": MedianFigure("static file", 1825, 243.19),
        "anonymous": MedianFigure("anonymous", 16, 748.39),
    }


def test_ratio_line_gives_the_ratio_of_the_medians_beside_its_target():
    static = MedianFigure("static file", 1825, 243.19)
    assert ratio_line(
        "anonymous / static file", MedianFigure("anonymous", 16, 748.39), static, at_least=0.40
    ) == ("anonymous / static file: 16 / 1825 requests/s = 0.009 (target >= 0.40: not met)")
    assert ratio_line(
        "signed in / static file", MedianFigure("signed in", 365, 80.0), static, at_least=0.20
    ) == ("signed in / static file: 365 / 1825 requests/s = 0.200 (target >= 0.20: met)")


def test_p99_line_meets_its_target_only_under_it():
    assert p99_line("p99 anonymous", MedianFigure("anonymous", 16, 99.4), under_ms=100) == (
        "p99 anonymous: 99 ms (target < 100 ms: met)"
    )
    assert p99_line("p99 signed in", MedianFigure("signed in", 16, 100.0), under_ms=100) == (
        "p99 signed in: 100 ms (target < 100 ms: not met)"
    )
