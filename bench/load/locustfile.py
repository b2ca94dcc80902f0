"""The launch-day scenario, for locust; `python -m bench.load` writes the plan it reads
(CONVENE_LOAD_PLAN: the festival's paths, the bookers' emails and their password).

1. Signing in: 10 of the 100 bookers log in at once through the login form (the production
   PBKDF2 hash); the other 90 bring the session such a login leaves (made beforehand: 100
   hashes at once would take this machine's 2 cores a minute). Everyone else waits, so the
   logins' cost stays in their own row.
2. Launch (`PLAN["browse_seconds"]`): the 200 visitors arrive over 10 s, open the programme,
   then browse programme days, session pages and speaker pages 10 to 30 s apart; the bookers,
   signed in, browse the same way. `PLAN["doors_after_seconds"]` in, every booker books two
   popular sessions at the same moment (five places each, so waitlists form).
   The 20 calendar apps fetch the whole festival's feed or a filtered one once, then poll it
   with If-None-Match every 2 to 4 s; anything but a 304 is an error.
Then, once every booking has been answered, locust stops itself.

`Baseline` is for the closed-loop baseline only (8 users, no wait, one path from
CONVENE_LOAD_BASELINE_PATH): the programme day page, and the same bytes as a static file.
"""

import itertools
import json
import os
import random
import time
from http.cookiejar import Cookie
from pathlib import Path
from urllib.parse import urlencode

import gevent
from gevent.event import Event
from locust import FastHttpUser, between, constant, events, task

PLAN = json.loads(Path(os.environ["CONVENE_LOAD_PLAN"]).read_text())
VISITORS = 200
BOOKERS = len(PLAN["bookers"])
CALENDAR_APPS = 20
# One seed: the same pages asked for on every run (their order follows the server's pace).
CHOOSER = random.Random(13)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}

booker_numbers = itertools.count()
calendar_app_numbers = itertools.count()
signed_in: list[int] = []
everyone_signed_in = Event()
doors_open = Event()
booked: list[int] = []
everyone_booked = Event()


def launch(environment) -> None:
    """The scenario's clock: sign-in, arrivals and browsing, the doors, the end."""
    started = time.monotonic()
    if not everyone_signed_in.wait(timeout=PLAN["sign_in_deadline_seconds"]):
        print(f"launch: sign-in deadline passed with {len(signed_in)} of {BOOKERS} signed in")
    everyone_signed_in.set()
    print(
        f"launch: {len(signed_in)} bookers signed in after {time.monotonic() - started:.1f} s",
        flush=True,
    )
    gevent.sleep(PLAN["doors_after_seconds"])
    doors_open.set()
    gevent.sleep(PLAN["browse_seconds"] - PLAN["doors_after_seconds"])
    # Every booking answered, so none is left out of the figures (a slow server needs longer).
    if not everyone_booked.wait(timeout=PLAN["bookings_deadline_seconds"]):
        print(f"launch: bookings deadline passed with {len(booked)} of {BOOKERS} bookers answered")
    environment.runner.quit()


@events.test_start.add_listener
def on_test_start(environment, **_kwargs) -> None:
    if "CONVENE_LOAD_BASELINE_PATH" not in os.environ:
        gevent.spawn(launch, environment)


def session_cookie(key: str) -> Cookie:
    """The `sessionid` cookie a login through the form would have set."""
    return Cookie(
        version=0, name="sessionid", value=key, port=None, port_specified=False,
        domain="127.0.0.1", domain_specified=False, domain_initial_dot=False, path="/",
        path_specified=True, secure=False, expires=None, discard=True, comment=None,
        comment_url=None, rest={}, rfc2109=False,
    )  # fmt: skip


def arrive(within: float) -> None:
    """Wait for the sign-in to end, then arrive at a random moment `within` seconds."""
    everyone_signed_in.wait()
    gevent.sleep(CHOOSER.uniform(0, within))


class Browser(FastHttpUser):
    """Reads the public pages: a programme day (500 sessions), a session, a speaker."""

    abstract = True
    wait_time = between(10, 30)
    label = ""

    def expect(
        self, path: str, *, name: str, status: int = 200, location: str = "", **options
    ) -> None:
        """One request, an error unless it answers `status` (and redirects to `location`,
        when given: redirects are not followed)."""
        method = options.pop("method", "GET")
        with self.client.request(
            method, path, name=name, allow_redirects=False, catch_response=True, **options
        ) as response:
            went_to = (response.headers or {}).get("Location")
            if response.status_code != status:
                response.failure(f"expected {status}, got {response.status_code}")
            elif location and went_to != location:
                response.failure(f"expected a redirect to {location}, got one to {went_to}")

    def on_start(self) -> None:
        arrive(within=10)
        self.expect(PLAN["programme_days"][0], name=f"programme day page{self.label}")

    @task(1)
    def programme_day(self) -> None:
        path = CHOOSER.choice(PLAN["programme_days"])
        self.expect(path, name=f"programme day page{self.label}")

    @task(3)
    def session_page(self) -> None:
        self.expect(CHOOSER.choice(PLAN["sessions"]), name=f"session page{self.label}")

    @task(1)
    def speaker_page(self) -> None:
        self.expect(CHOOSER.choice(PLAN["speakers"]), name=f"speaker page{self.label}")


class Visitor(Browser):
    fixed_count = VISITORS


class Booker(Browser):
    """Logs in, waits on a popular session's page, books at the doors' opening, browses."""

    fixed_count = BOOKERS
    label = ", signed in"

    def on_start(self) -> None:
        number = next(booker_numbers)
        popular = PLAN["popular"]
        booker = PLAN["bookers"][number]
        if booker["session"]:
            self.client.cookiejar.set_cookie(session_cookie(booker["session"]))
        else:
            self.log_in(booker["email"])
        signed_in.append(number)
        if len(signed_in) == BOOKERS:
            everyone_signed_in.set()
        # Two of the popular sessions each; every one is asked for by 2 * BOOKERS / len people.
        mine = [
            popular[number % len(popular)],
            popular[(number + len(popular) // 2) % len(popular)],
        ]
        arrive(within=10)
        self.expect(mine[0], name=f"session page{self.label}")
        doors_open.wait()
        for path in mine:
            self.book(path)
        booked.append(number)
        if len(booked) == BOOKERS:
            everyone_booked.set()

    def csrf_token(self) -> str:
        # Empty when the page that sets it failed: the POST is then refused, and counted.
        return next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def log_in(self, email: str) -> None:
        login = PLAN["login"]
        self.expect(login, name="log-in page")
        form = {
            "username": email,
            "password": PLAN["password"],
            "csrfmiddlewaretoken": self.csrf_token(),
        }
        self.expect(
            login, name="log in (POST)", status=302, location=PLAN["after_login"],
            method="POST", data=urlencode(form), headers=FORM,
        )  # fmt: skip

    def book(self, session_path: str) -> None:
        form = urlencode({"csrfmiddlewaretoken": self.csrf_token()})
        self.expect(
            session_path + "book/", name="book a popular session (POST)", status=302,
            location=session_path, method="POST", data=form, headers=FORM,
        )  # fmt: skip


class CalendarApp(FastHttpUser):
    """Polls one feed as a calendar app does, with the ETag it was given."""

    fixed_count = CALENDAR_APPS
    wait_time = between(2, 4)

    def on_start(self) -> None:
        arrive(within=5)
        feed = PLAN["feeds"][next(calendar_app_numbers) % len(PLAN["feeds"])]
        self.path = feed
        with self.client.get(feed, name="calendar feed, first fetch", catch_response=True) as got:
            self.etag = (got.headers or {}).get("ETag", "")
            if got.status_code != 200 or not self.etag:
                got.failure(f"expected 200 with an ETag, got {got.status_code}")

    @task
    def poll(self) -> None:
        with self.client.get(
            self.path,
            name="calendar feed, If-None-Match",
            headers={"If-None-Match": self.etag},
            catch_response=True,
        ) as polled:
            if polled.status_code != 304:
                polled.failure(f"expected 304, got {polled.status_code}")


class Baseline(FastHttpUser):
    """One path as fast as it answers: the closed-loop baseline."""

    wait_time = constant(0)

    @task
    def read(self) -> None:
        self.client.get(
            os.environ["CONVENE_LOAD_BASELINE_PATH"],
            name=os.environ["CONVENE_LOAD_BASELINE_NAME"],
        )
