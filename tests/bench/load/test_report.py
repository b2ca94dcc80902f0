from datetime import UTC, datetime, timedelta

from bench.load.report import (
    EndpointFigure,
    bookings_per_second,
    endpoint_figures,
    figures_table,
    places_oversold,
)

# The head of a stats file as locust 2.47 writes it with --csv, and two of its rows.
STATS_CSV = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
    "GET,programme day page,142,0,20000,19236.5,1834.2,37411.0,353738.0,2.62,0.0,"
    "20000,24000,28000,30000,34000,36000,37000,37000,37000,37000,37000\n"
    "POST,log in (POST),0,0,0,0.0,0,0,0.0,0.0,0.0,"
    "N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\n"
    ",Aggregated,286,1,17000,17000.1,422.0,37671.0,200000.0,5.31,0.02,"
    "17000,21000,25000,28000,32000,35000,36000,37000,37000,37000,37000\n"
)


def test_endpoint_figures_reads_each_row_and_skips_one_with_no_requests():
    assert endpoint_figures(STATS_CSV) == [
        EndpointFigure("programme day page", 142, 0, 2.62, 20000, 36000, 37000),
        EndpointFigure("Aggregated", 286, 1, 5.31, 17000, 35000, 37000),
    ]


def test_places_oversold_counts_places_beyond_capacity_and_none_for_drop_ins():
    assert places_oversold([(5, 5), (7, 5), (3, 10), (40, None), (6, 4)]) == 4


def test_places_oversold_is_zero_when_no_session_is_over():
    assert places_oversold([(5, 5), (0, 5)]) == 0


def test_bookings_per_second_from_the_first_to_the_last_written():
    first = datetime(2030, 6, 3, 9, tzinfo=UTC)
    written = [first + timedelta(milliseconds=250 * n) for n in range(9)]
    assert bookings_per_second(written) == 4.5


def test_bookings_per_second_is_zero_for_fewer_than_two():
    assert bookings_per_second([datetime(2030, 6, 3, tzinfo=UTC)]) == 0.0


def test_figures_table_is_markdown_with_thousands_and_milliseconds():
    figures = [
        EndpointFigure("programme day page", 1420, 0, 2.62, 20000, 36000, 37000),
        EndpointFigure("calendar feed, If-None-Match", 8, 0, 0.1, 26, 35, 35),
    ]
    assert figures_table(figures) == (
        "| endpoint | requests | requests/s | p50 | p95 | p99 | errors |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| programme day page | 1,420 | 2.6 | 20,000 ms | 36,000 ms | 37,000 ms | 0 |\n"
        "| calendar feed, If-None-Match | 8 | 0.1 | 26 ms | 35 ms | 35 ms | 0 |"
    )
