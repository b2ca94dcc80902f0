"""The site in a real browser: Debian's headless Chromium driven by Playwright, against
pytest-django's live server holding the demo festival (`load_demo`).

One browser for the whole run; each test gets the demo afresh (the live server's database is
flushed after every test) and opens its own browser contexts, so cookies never leak between
journeys. Chromium missing: skipped locally, a failure under CI=true (.ci/run installs it).
"""

import io
import os
import shutil
from collections.abc import Callable, Iterator

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.demo_site import DEMO_PASSWORD, missing

# Playwright's sync API runs an event loop in this thread; Django then refuses database calls
# from it (SynchronousOnlyOperation) unless told the loop is not serving requests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        missing("needs Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def site(live_server, browser: Browser) -> str:
    """The live server's address, with the demo festivals, people and stories loaded."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def open_page(browser: Browser, site: str) -> Iterator[Callable[..., Page]]:
    """open_page(viewport, as_user=None): a new tab in a browser context of its own (its own
    cookies), logged in as `as_user` when given. Closed after the test."""
    contexts: list[BrowserContext] = []

    def open_(viewport: dict, as_user: str | None = None) -> Page:
        context = browser.new_context(viewport=viewport, base_url=site)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if as_user is not None:
            log_in(page, site, as_user)
        return page

    yield open_
    for context in contexts:
        context.close()
