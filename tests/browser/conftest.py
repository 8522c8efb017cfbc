"""Browser fixtures: Debian's Chromium driven by Playwright on the live server, offline.

Every page is French (fr-FR, Europe/Paris), map tiles are answered locally with a 1x1 PNG,
any other outside request is aborted, and a test fails when the page logged a JavaScript
error or threw one.
"""

import asyncio
import base64
import io
import os
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from places.models import Place
from tests.browser.pages import CATCH_MAPS
from tests.factories import ensure_taxonomy

ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# A valid 1x1 transparent PNG: every map tile.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
# Time for one step of a page (a search, the map's markers) on a busy two-core machine.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


# Playwright's sync API marks its asyncio event loop as running in this thread from its start
# to its stop (between two calls too). Django then takes every query for one made inside
# async code and raises SynchronousOnlyOperation. Hence, around each phase of the browser
# tests only (a conftest's runtest hooks apply to its own folder):
# - DJANGO_ALLOW_ASYNC_UNSAFE: the queries of these fixtures and tests, and the flush after
#   them, are plain synchronous ones;
# - Playwright's loop is marked running during the phase and unmarked after it, so that the
#   other tests xdist gives this worker run untouched. Neither leaks out: another test runs
#   `manage.py check --deploy` in a subprocess, which rightly warns about that variable.
_playwright_loops: list = []  # the loop of the session's Playwright, once started


@contextmanager
def _playwright_turn():
    before = os.environ.get(ALLOW_ASYNC_UNSAFE)
    os.environ[ALLOW_ASYNC_UNSAFE] = "true"
    if _playwright_loops:
        asyncio._set_running_loop(_playwright_loops[0])
    try:
        yield
    finally:
        asyncio._set_running_loop(None)
        if before is None:
            del os.environ[ALLOW_ASYNC_UNSAFE]
        else:
            os.environ[ALLOW_ASYNC_UNSAFE] = before


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    with _playwright_turn():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with _playwright_turn():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    with _playwright_turn():
        return (yield)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        _playwright_loops.append(asyncio.get_running_loop())
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
        finally:
            # The session may end with another folder's test: Playwright's turn, to stop.
            asyncio._set_running_loop(_playwright_loops.pop())
        browser.close()


def _route(route):
    """The live server answers; tiles get a local PNG; nothing else leaves the machine."""
    url = urlsplit(route.request.url)
    if url.scheme in ("data", "blob") or url.hostname in LOCAL_HOSTS:
        route.continue_()
    elif route.request.resource_type == "image" or url.path.endswith(".png"):
        route.fulfill(status=200, content_type="image/png", body=TILE)
    else:
        route.abort()


def _watch_console(context, errors: list[str]) -> None:
    """Collects the JavaScript errors of every page of `context`: logged or uncaught."""

    def logged(message):
        if message.type == "error":
            where = message.page.url if message.page else "a worker"
            errors.append(f"console error on {where}: {message.text} {message.location}")

    def uncaught(web_error):
        where = web_error.page.url if web_error.page else "a worker"
        errors.append(f"uncaught error on {where}: {web_error.error}")

    context.on("console", logged)
    context.on("weberror", uncaught)


@pytest.fixture
def console_errors():
    """The JavaScript errors of the test's pages; the test fails at teardown if any."""
    errors: list[str] = []
    yield errors
    if errors:
        pytest.fail("JavaScript errors in the console:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def new_page(browser, live_server, console_errors):
    """`new_page(viewport=..., **context_options)`: a page in a context of its own.

    Relative URLs (`page.goto("/lieux/")`) go to the live server.
    """
    contexts = []

    def make(*, viewport=DESKTOP, **options):
        context = browser.new_context(
            base_url=live_server.url,
            locale="fr-FR",
            timezone_id="Europe/Paris",
            viewport=viewport,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", _route)
        context.add_init_script(CATCH_MAPS)
        _watch_console(context, console_errors)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop page (1280x800)."""
    return new_page()


@pytest.fixture
def phone_page(new_page):
    """A phone's page (360x740, touch)."""
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture
def demo(transactional_db):
    """The Bocage demo data, on a database the live server sees (committed).

    Transactional tests end with a flush that also empties the tables filled by data
    migrations: the taxonomy comes back first.
    """
    ensure_taxonomy()
    call_command("load_demo", stdout=io.StringIO())
    return Place.objects.published()
