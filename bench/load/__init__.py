"""`make bench-load`: the programme's launch day under locust (see bench/load/__main__.py)."""
