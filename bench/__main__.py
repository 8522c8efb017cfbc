"""`python -m bench [SIZES]`: recreate the bench database, seed each size, measure, judge, report.

It runs against its own database (`fabrique_bench`, dropped and made again at each run, or
BENCH_DATABASE_URL, which it empties and fills): never point it at data you care about.
"""

import argparse
import os
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("DB_NAME", "fabrique_bench")  # a helper measures in its own
SIZES = [1_000, 10_000, 100_000]
CHANGE_SIZE = 20_000  # the first visitor after a change: at this size when run, else the largest
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 20_000))
# Imports into an empty directory and into a full one, at these numbers of features.
IMPORT_SIZES = [int(s) for s in os.environ.get("BENCH_IMPORT_SIZES", "1000 10000 100000").split()]


def recreate_database() -> None:
    """The migrations are being reset upstream: a fresh database each run."""
    if "BENCH_DATABASE_URL" in os.environ:
        print("BENCH_DATABASE_URL is set: that database is migrated, not recreated")
        return
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    subprocess.run(["dropdb", "--if-exists", DB_NAME], check=True, env=environment)
    script = str(BASE / "scripts" / "setup-db.sh")
    subprocess.run([script], check=True, env={**environment, "DB_NAME": DB_NAME})


def configure() -> None:
    """The production-like settings, before Django reads them."""
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"postgis:///{DB_NAME}")
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="fabrique.settings",
    )
    # Seeding, ANALYZE and the naive peers run longer than a request may (the site's
    # DB_STATEMENT_TIMEOUT): no limit in this process; gunicorn keeps the site's default.
    os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
    # Manifest static files of our own, so collectstatic never touches the developers' var/static.
    os.environ.setdefault("STATIC_ROOT", str(BASE / "var" / "bench" / "static"))
    sys.path.insert(0, str(BASE))

    import django

    django.setup()


def collect_static() -> None:
    """collectstatic (manifest and compressed copies, a minute) unless nothing changed since."""
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
    parser.add_argument(
        "sizes", nargs="*", type=int, help="default: $BENCH_SIZES or 1000 10000 100000"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium")
    parser.add_argument(
        "--only",
        choices=["imports", "agenda"],
        help="only these cases; with imports, SIZES are the numbers of features imported",
    )
    options = parser.parse_args()
    sizes = sorted(
        options.sizes or [int(s) for s in os.environ.get("BENCH_SIZES", "").split()] or SIZES
    )
    started = time.perf_counter()
    recreate_database()
    configure()

    from django.core.management import call_command
    from django.test import Client

    from bench import browser, cases, events, generate, imports, load, report

    call_command("migrate", interactive=False, verbosity=0)
    collect_static()
    environment = report.environment()
    print(f"CPU {environment['cpu']}; {environment['postgresql']}")
    change_size = CHANGE_SIZE if CHANGE_SIZE in sizes else sizes[-1]
    client = Client()
    sections = {}
    if options.only == "imports":
        import_sizes, sizes = sizes, []
    else:
        import_sizes = IMPORT_SIZES
    for size in sizes:
        seeded = generate.seed(size)
        title = f"N = {size:,} places ({seeded.published:,} published, seeded in {seeded.seconds:.0f} s)"
        print(f"\n{title}\n{'=' * len(title)}")
        largest = size == sizes[-1]
        if options.only == "agenda":
            sections[size] = []
            for section in report.guarded("agenda", partial(events.agenda, client)):
                report.print_section(section)
                sections[size].append(section)
            continue
        runs = [
            ("searches", partial(cases.searches, client, size=size)),
            ("place page", partial(cases.place_page, client)),
            ("map documents", partial(cases.map_documents, client, size=size, largest=largest)),
        ]
        ends = size in (sizes[0], sizes[-1])
        if not options.no_browser and (ends or size == change_size):
            run = partial(
                browser.cases,
                weigh=size == sizes[0],
                ttfm=ends,
                largest=largest,
                change=size == change_size,
            )
            runs.append(("Chromium", run))
        if largest:
            runs.append(("import", partial(imports.import_while_saving, rows=IMPORT_ROWS)))
            runs.append(("load", load.concurrent_visitors))
            runs.append(("agenda", partial(events.agenda, client)))
        sections[size] = []
        for name, run in runs:
            for section in report.guarded(name, run):
                report.print_section(section)
                sections[size].append(section)
    if options.only != "agenda":
        title = f"Imports into 0 and {imports.FULL:,} places"
        print(f"\n{title}\n{'=' * len(title)}")
        sections["imports"] = []
        for section in report.guarded(
            "imports", partial(imports.import_scaling, sizes=import_sizes)
        ):
            report.print_section(section)
            sections["imports"].append(section)
    across = report.Section("sizes")
    if len(sizes) > 1:
        span = f"{sizes[0]:,} to {sizes[-1]:,} places"
        across = report.across_sizes(sections[sizes[0]], sections[sizes[-1]], span)
        report.print_section(across)
    targets = [
        (f"N={size:,}" if isinstance(size, int) else size, target)
        for size, items in sections.items()
        for item in items
        for target in item.targets
    ]
    targets += [("sizes", target) for target in across.targets]
    failed = report.print_summary(targets)
    seconds = time.perf_counter() - started
    path = report.write_json(
        environment=environment, sections={**sections, "sizes": [across]}, seconds=seconds
    )
    print(f"Whole run: {seconds / 60:.1f} min; figures in {path.relative_to(BASE)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
