"""`python -m bench 10000 50000 100000`: seed each size, measure, print, write results.json.

Runs against its own database (`fabrique_bench`, or BENCH_DATABASE_URL), which it empties
and fills: never point it at data you care about.
"""

import argparse
import os
import sys
import time
from functools import partial
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
BROWSER_SMALL = 1_000


def configure() -> None:
    """The production-like settings, before Django reads them."""
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgis:///fabrique_bench")
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="fabrique.settings",
    )
    # Manifest static files of our own, so collectstatic never touches the developers' var/static.
    os.environ.setdefault("STATIC_ROOT", str(BASE / "var" / "bench" / "static"))
    sys.path.insert(0, str(BASE))

    import django

    django.setup()


def collect_static() -> None:
    """collectstatic (manifest + compression takes a minute) unless nothing changed since."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        newest = max(
            Path(storage.path(path)).stat().st_mtime
            for finder in get_finders()
            for path, storage in finder.list(["CVS", ".*", "*~"])
        )
        if newest < manifest.stat().st_mtime:
            return
    print("collectstatic (manifest and compressed copies for DEBUG=0)…")
    call_command("collectstatic", interactive=False, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 50_000, 100_000])
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium (G9)")
    options = parser.parse_args()
    sizes = sorted(options.sizes)
    configure()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench import cases_map, cases_near, cases_search, generate, report
    from bench.browser_cases import browser_rows, run_browser
    from bench.report import guarded

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    collect_static()
    environment = report.environment(connection)
    print(f"CPU {environment['cpu']} ×{environment['cpus']}; {environment['postgresql']}")
    print(f"PostGIS {environment['postgis']}; Django {environment['django']}")

    browser = {}
    errors = []
    if not options.no_browser:
        browser[BROWSER_SMALL] = run_browser(BROWSER_SMALL, errors=errors)

    reports = []
    client = Client()
    for size in sizes:
        seeded = generate.seed(size)
        size_started = time.perf_counter()
        rows = [
            *guarded("EX", "KNN plan", cases_near.explain),
            *guarded("EX", "search plans", cases_search.explain),
            *guarded("G1", "GeoJSON", partial(cases_map.geojson, client, size=size)),
            *guarded("G3", "markers", partial(cases_map.markers, client)),
            *guarded("--", "home page", partial(cases_map.home_page, client)),
            *guarded("G5", "nearest", partial(cases_near.nearest, client, size=size)),
            *guarded("G6", "KNN correctness", cases_near.correctness),
            *guarded("G7", "search", partial(cases_search.text_search, size=size)),
        ]
        size_report = report.SizeReport(
            size=size,
            published=seeded.published,
            seed_seconds=seeded.seconds,
            rows=rows,
            seconds=time.perf_counter() - size_started,
        )
        report.print_size(size_report)
        reports.append(size_report)

    if not options.no_browser and sizes:
        browser[sizes[-1]] = run_browser(sizes[-1], seeded=True, errors=errors)
    rows = browser_rows({size: data for size, data in browser.items() if data}) + errors
    if rows:
        report.print_browser(rows)
    failed = report.print_summary(reports, rows)
    seconds = time.perf_counter() - started
    path = report.write_json(
        environment=environment,
        reports=reports,
        extra={"browser": {str(size): data for size, data in browser.items()}},
        seconds=seconds,
    )
    print(f"Whole run: {seconds / 60:.1f} min; figures in {path.relative_to(BASE)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
