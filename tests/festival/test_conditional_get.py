import pytest
from django.test import RequestFactory

from festival.conditional_get import accepts_gzip


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("GZIP", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, br", False),
        ("*;q=0", False),
        ("identity", False),
        ("", False),
        ("gzip;q=nonsense", False),
        ("x-gzip-ish", False),
        ("x-gzip", True),
        ("gzip; q=0.8; foo=1", True),
        ("gzip;foo=1;q=0", False),
    ],
)
def test_accepts_gzip_reads_the_quality(header, accepted):
    request = RequestFactory().get("/", headers={"accept-encoding": header} if header else {})

    assert accepts_gzip(request) is accepted
