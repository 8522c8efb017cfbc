"""In Chromium against gunicorn: time to first marker, the map page's weight, a load after a change.

The site runs under gunicorn on a free local port against the bench database; Debian's
Chromium is driven by Playwright (never `playwright install`), and every request that is not
for 127.0.0.1 (map tiles) is answered with a 1x1 PNG. One visit warms the server (templates,
map documents), then each measured visit is a fresh browser context: server warm, browser cold.
"""

import base64
import re
import statistics
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import brotli
from django.db import connection

from bench import servers
from bench.report import Section, Target

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ROUNDS = 5
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
    "AAAABJRU5ErkJggg=="
)
NOT_LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1[:/])")
# Installed before any script of the page: when the first marker or cluster enters the DOM,
# and when the page says every marker is loaded (#map gets data-markers="<count>").
MARKS = """
(() => {
  const marks = (window.__bench = {});
  const selector = ".marker, .cluster, .leaflet-marker-icon, .marker-cluster";
  const isMarker = (node) => node.nodeType === 1
    && (node.matches(selector) || node.querySelector(selector));
  new MutationObserver((records) => {
    if (marks.ttfm === undefined
        && records.some((record) => [...record.addedNodes].some(isMarker))) {
      marks.ttfm = performance.now();
    }
    const map = document.getElementById("map");
    if (marks.all === undefined && map && map.dataset.markers) {
      marks.all = performance.now();
    }
  }).observe(document, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-markers"],
  });
})();
"""


def _gunicorn():
    """One worker with threads: its memory cache, warmed by the first visit, serves every later
    one (with several workers, a visit could meet one that never built the markers)."""
    return servers.serve(servers.gunicorn_command)


class Visitor:
    def __init__(self, browser, base: str):
        self.browser, self.base = browser, base
        self.says_all = True  # until a visit shows that the page never sets data-markers

    def visit(self, *, weigh: bool = False) -> dict:
        """One visit of the map in a fresh context: ms from navigation to the first marker and
        (when the page says it) to all markers; with `weigh`, the JS and CSS it loaded."""
        context = self.browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
        context.route(
            NOT_LOCAL, lambda route: route.fulfill(content_type="image/png", body=TINY_PNG)
        )
        context.add_init_script(MARKS)
        responses = []
        if weigh:
            context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(f"{self.base}/", wait_until="commit")
            page.wait_for_function(
                "window.__bench && window.__bench.ttfm !== undefined", timeout=60_000
            )
            if self.says_all:
                try:
                    page.wait_for_function("window.__bench.all !== undefined", timeout=60_000)
                except Exception:  # Playwright's TimeoutError: the page has no such mark
                    self.says_all = False
            marks = page.evaluate("() => window.__bench")
            marks["errors"] = errors
            marks["files"] = _weigh(responses, self.base)
            return marks
        finally:
            context.close()


def _weigh(responses: list, base: str) -> list[dict]:
    """The scripts and stylesheets of our own site that the page loaded, brotli-11 each."""
    files = []
    for response in responses:
        kind, path = response.request.resource_type, response.url.split("?")[0]
        if response.url.startswith(base) and (
            kind in ("script", "stylesheet") or path.endswith((".js", ".css"))
        ):
            body = response.body()
            brotli11 = len(brotli.compress(body, quality=11))
            files.append(
                {"url": path.removeprefix(base), "bytes": len(body), "brotli-11": brotli11}
            )
    return files


@contextmanager
def _visitor():
    from playwright.sync_api import sync_playwright

    with _gunicorn() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield Visitor(browser, base)
        finally:
            browser.close()


def _change() -> None:
    """A host's edit, committed: the database triggers bump the data version. In a thread of
    its own, as Django refuses the database inside Playwright's event loop."""

    def update() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE places_place SET summary = summary || '' WHERE id = "
                "(SELECT min(id) FROM places_place WHERE status = 'published')"
            )
        connection.close()

    with ThreadPoolExecutor(1) as executor:
        executor.submit(update).result()


def _medians(visits: list[dict], says_all: bool) -> dict:
    return {
        "first marker": statistics.median(visit["ttfm"] for visit in visits),
        "all markers": statistics.median(visit["all"] for visit in visits) if says_all else None,
    }


def cases(*, weigh: bool, ttfm: bool, largest: bool, change: bool) -> list[Section]:
    """The weight (`weigh`), the time to first marker (`ttfm`) and the first visit after a
    change against a warm one (`change`), in one gunicorn session."""
    sections, visits = [], []
    with _visitor() as visitor:
        visits.append(visitor.visit(weigh=weigh))
        if weigh:
            files = visits[0]["files"]
            weight = Section("The map page's JS + CSS", unit="bytes")
            weight.rows = {item.pop("url"): item for item in files}
            total = sum(item["brotli-11"] for item in files) / 1000
            weight.targets.append(Target("JS + CSS ≤ 60 KB brotli", total, "<=", 60, unit=" KB"))
            sections.append(weight)
        if ttfm:
            fresh = [visitor.visit() for _ in range(ROUNDS)]
            visits += fresh
            section = Section("Chromium (median ms)", scaled={"first marker": 1.5})
            section.rows["/ (browser cold, server warm)"] = _medians(fresh, visitor.says_all)
            if largest:
                median = section.rows["/ (browser cold, server warm)"]["first marker"]
                section.targets.append(
                    Target("time to first marker < 2 s", median, "<", 2000, unit=" ms")
                )
            section.notes.append(
                "samples " + ", ".join(f"{visit['ttfm']:.0f}" for visit in fresh) + " ms"
            )
            sections.append(section)
        if change:
            warm, changed = [], []
            for _ in range(ROUNDS):
                warm.append(visitor.visit())
                _change()
                changed.append(visitor.visit())
            visits += warm + changed
            section = Section("The first visitor after a change (median ms)")
            section.rows["warm"] = _medians(warm, visitor.says_all)
            section.rows["first after a change"] = _medians(changed, visitor.says_all)
            key = "all markers" if visitor.says_all else "first marker"
            ratio = section.rows["first after a change"][key] / section.rows["warm"][key]
            section.targets.append(Target(f"after a change, {key} ≤ 2× warm", ratio, "<=", 2))
            sections.append(section)
    errors = sorted({error for visit in visits for error in visit["errors"]})
    if errors:
        sections[-1].notes.append("page errors: " + " | ".join(errors))
    return sections
