# Convene: `make run` for the demo, `make test` for the suite, `make bench` for the figures,
# `make bench-load` for launch day under locust (about 2 minutes; not part of `make bench`).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
DATA_DIR ?= var

.PHONY: install run worker test lint format bench bench-http bench-load clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# node_modules: ical.js for the calendar tests. Skipped where npm is missing, so `make run`
# still works; the tests then skip ical.js locally (CI runs `npm ci` and fails without it).
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: skipping node_modules (the calendar tests need it for ical.js)"; fi

install: $(VENV)/.installed node_modules/.package-lock.json

# The demo: SQLite and kombu's filesystem broker unless DATABASE_URL / CELERY_BROKER_URL say
# otherwise. The worker (with beat inside it, solo pool) stops when the server stops.
run: export DEBUG ?= true
run: export CONVENE_DATA_DIR ?= $(CURDIR)/$(DATA_DIR)
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(BIN)/celery -A config worker -B --pool=solo --loglevel=INFO \
		--schedule "$$CONVENE_DATA_DIR/celerybeat-schedule" & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

# ruff, then the architecture contracts in pyproject.toml (import-linter).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/pytest

# SQLite in memory, then this machine's PostgreSQL when one answers (a throwaway test_bench).
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/bench
bench: install
	env -u DATABASE_URL $(BIN)/python -m bench
	if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		DATABASE_URL=$(BENCH_POSTGRES_URL) $(BIN)/python -m bench; fi
	$(MAKE) --no-print-directory bench-http

# Over HTTP: gunicorn (2 workers) on loopback, wrk for 20 s on each page, then the issue's
# 160-session programme day beside its bytes as a static file (anonymous, signed in, gzip; 3
# interleaved rounds of 8 s), on PostgreSQL (a throwaway test_<name>_http, named after
# BENCH_POSTGRES_URL's database); about 3.5 minutes; skipped where wrk or PostgreSQL is missing.
bench-http: install
	env -u DATABASE_URL BENCH_POSTGRES_URL=$(BENCH_POSTGRES_URL) $(BIN)/python -m bench.http

# Launch day under locust, headless: 300 visitors browse, 100 of them signed in (10 through the
# login form) book popular sessions at one moment, 20 calendar apps poll with If-None-Match;
# gunicorn (2 workers) with the production settings on a throwaway PostgreSQL database
# (test_loadbench), Redis db 9 as cache and broker, a real Celery worker mailing an SMTP sink.
# About 1.5 to 2 minutes on a quiet machine (3.5 while other jobs load it), so not part of
# `make bench`; exits 1 on any error or place oversold.
BENCH_LOAD_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/loadbench
BENCH_LOAD_REDIS_URL ?= redis://127.0.0.1:6379/9
bench-load: install
	env -u DATABASE_URL BENCH_LOAD_POSTGRES_URL=$(BENCH_LOAD_POSTGRES_URL) \
		BENCH_LOAD_REDIS_URL=$(BENCH_LOAD_REDIS_URL) $(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) $(DATA_DIR) .pytest_cache .ruff_cache
