"""G9: time to first marker and the map page's JS + CSS weight, in Chromium against gunicorn.

The site runs under gunicorn on a free local port, against the bench database; Debian's
Chromium is driven by Playwright (never `playwright install`). Every request that is not for
127.0.0.1 (map tiles) is answered with a 1x1 PNG. One unmeasured visit warms the server
(templates, cached map documents), then each measured visit is a fresh browser context: the
server is warm, the browser cold.
"""

import base64
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import brotli

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
# One process with threads: its memory cache, warmed by the first visit, serves every later
# one (with 5 sync workers, each visit could meet a worker that never built the markers).
WORKERS = 1
THREADS = 8
ROUNDS = 5
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
    "AAAABJRU5ErkJggg=="
)
NOT_LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1[:/])")
# Installed before any script of the page: the first marker or cluster put in the DOM, and
# the moment the whole set of markers is loaded (#map gets data-markers="<count>").
MARKS = """
(() => {
  const marks = (window.__bench = {});
  const isMarker = (node) => node.nodeType === 1
    && (node.matches(".marker, .cluster") || node.querySelector(".marker, .cluster"));
  new MutationObserver((records) => {
    if (marks.ttfm === undefined
        && records.some((record) => [...record.addedNodes].some(isMarker))) {
      marks.ttfm = performance.now();
    }
    const map = document.getElementById("map");
    if (marks.all === undefined && map && map.dataset.markers) {
      marks.all = performance.now();
      marks.count = Number(map.dataset.markers);
    }
  }).observe(document, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-markers"],
  });
})();
"""


# Navigation milestones, to tell where the time to first marker goes.
TIMELINE = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    ...window.__bench,
    origin: performance.timeOrigin,
    html: navigation.responseEnd,
    dom_content_loaded: navigation.domContentLoadedEventEnd,
  };
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(log: Path):
    """gunicorn serving the site (environment of this process: bench DB, DEBUG=0)."""
    port = _free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        process = subprocess.Popen(
            [
                str(gunicorn),
                "fabrique.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                f"--workers={WORKERS}",
                "--worker-class=gthread",
                f"--threads={THREADS}",
                "--preload",
            ],
            cwd=Path(__file__).resolve().parent.parent,
            env=os.environ.copy(),
            stdout=output,
            stderr=output,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=30) as response:
                    if response.status == 200:
                        break
            except urllib.error.HTTPError as error:
                raise RuntimeError(f"GET / answered {error.code}, see {log}") from None
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start, see {log}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tiles(route) -> None:
    route.fulfill(status=200, content_type="image/png", body=TINY_PNG)


def _visit(browser, base: str, *, weigh: bool = False) -> dict:
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    context.route(NOT_LOCAL, _tiles)
    context.add_init_script(MARKS)
    responses, markers = [], []
    if weigh:
        context.on("response", lambda response: responses.append(response))
    context.on(
        "requestfinished",
        lambda request: markers.append(request) if "/markers.json" in request.url else None,
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{base}/", wait_until="commit")
        page.wait_for_function(
            "window.__bench && window.__bench.ttfm !== undefined", timeout=60_000
        )
        page.wait_for_function("window.__bench.all !== undefined", timeout=120_000)
        marks = page.evaluate(TIMELINE)
        marks["markers_requests"] = [
            {
                "url": request.url.removeprefix(base),
                "start": request.timing["startTime"] - marks["origin"],
                "end": request.timing["startTime"]
                + request.timing["responseEnd"]
                - marks["origin"],
            }
            for request in markers
        ]
        if weigh:
            marks["files"] = _weigh(responses, base)
        marks["errors"] = errors
        return marks
    finally:
        context.close()


def _weigh(responses, base: str) -> list[dict]:
    """Every script, stylesheet and worker script the page loaded, with its brotli-11 size."""
    files = []
    for response in responses:
        url = response.url
        kind = response.request.resource_type
        if not url.startswith(base) or not (
            kind in ("script", "stylesheet") or url.split("?")[0].endswith((".js", ".css"))
        ):
            continue
        body = response.body()
        files.append(
            {
                "url": url.removeprefix(base),
                "resource_type": kind,
                "bytes": len(body),
                "brotli11": len(brotli.compress(body, quality=11)),
                "served_encoding": response.headers.get("content-encoding", "identity"),
            }
        )
    return files


def measure(*, log: Path) -> dict:
    """TTFM (median of ROUNDS fresh contexts, after one warm-up visit) and the page weight."""
    from playwright.sync_api import sync_playwright

    with server(log) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            warmup = _visit(browser, base, weigh=True)
            visits = [_visit(browser, base) for _ in range(ROUNDS)]
        finally:
            browser.close()

    def median(key: str) -> float:
        return statistics.median(visit[key] for visit in visits)

    def markers_end(visit: dict, *, partial: bool) -> float | None:
        ends = [r["end"] for r in visit["markers_requests"] if ("bbox=" in r["url"]) == partial]
        return min(ends) if ends else None

    first_markers = [markers_end(visit, partial=True) for visit in visits]
    all_markers = [markers_end(visit, partial=False) for visit in visits]
    return {
        "html_ms": median("html"),
        "dom_content_loaded_ms": median("dom_content_loaded"),
        "viewport_markers_received_ms": (
            statistics.median(first_markers) if all(first_markers) else None
        ),
        "all_markers_received_ms": statistics.median(all_markers) if all(all_markers) else None,
        "ttfm_ms": median("ttfm"),
        "all_markers_ms": median("all"),
        "ttfm_samples_ms": [visit["ttfm"] for visit in visits],
        "markers": visits[0].get("count"),
        "markers_urls": sorted({r["url"] for r in visits[0]["markers_requests"]}),
        "files": warmup["files"],
        "errors": sorted({error for visit in [warmup, *visits] for error in visit["errors"]}),
    }
