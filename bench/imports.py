"""An import never blocking hosts' saves: `import_places` runs while a host saves every 200 ms."""

import subprocess
import sys
import time
from pathlib import Path

from django.db import OperationalError, connection
from django.db.models import Max

from bench import generate
from bench.report import Section, Target, number
from places.models import Place

BASE = Path(__file__).resolve().parent.parent
CSV = BASE / "var" / "bench" / "import.csv"
LOG = BASE / "var" / "bench" / "import.log"
PERIOD_S = 0.2
GIVE_UP_S = 60  # a save waiting this long gives up (lock_timeout): the bench never hangs


def import_while_saving(*, rows: int) -> list[Section]:
    first = (Place.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    generate.write_import(CSV, rows, first=first)
    pk = Place.objects.filter(status="published").order_by("pk").values_list("pk", flat=True)[0]
    saves = Place.objects.filter(pk=pk)
    before = Place.objects.count()
    waits, failures = [], []
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{GIVE_UP_S}s'")
    LOG.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with LOG.open("wb") as log:
        command = [sys.executable, "manage.py", "import_places", str(CSV)]
        process = subprocess.Popen(command, cwd=BASE, stdout=log, stderr=log)
    try:
        while process.poll() is None:
            tick = time.perf_counter()
            try:
                saves.update(summary=f"Mis à jour par ses hôtes ({len(waits)}).")
            except OperationalError as error:  # lock_timeout, or the site's statement_timeout
                failures.append(str(error).splitlines()[0])
            waits.append(time.perf_counter() - tick)
            time.sleep(max(0.0, PERIOD_S - (time.perf_counter() - tick)))
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
        CSV.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    imported = Place.objects.count() - before
    longest = max(waits, default=0.0)
    section = Section(f"An import of {rows:,} places while a host saves every 200 ms", unit="s")
    section.rows["import_places"] = {"import": seconds, "longest save": longest}
    gave_up = longest >= GIVE_UP_S - 0.5
    section.targets.append(
        Target(
            "no save waits more than 1 s",
            longest,
            "<=",
            1,
            unit=" s",
            note=f"> {GIVE_UP_S} s: the save gave up" if gave_up else "",
        )
    )
    section.notes.append(
        f"{len(waits)} saves, {sum(wait > 1 for wait in waits)} waited over 1 s, "
        f"{len(failures)} failed{': ' + failures[0] if failures else ''}"
    )
    status = "exit 0" if process.returncode == 0 else f"exit {process.returncode}, see {LOG}"
    section.notes.append(
        f"import_places: {status}, {imported:,} places added in {number(seconds)} s"
    )
    if imported != rows:
        section.targets.append(
            Target("the import adds every place", imported, ">=", rows, unit=" places")
        )
    return [section]


# --- Imports as the directory grows: time per place and peak memory ---------------------------

FULL = 100_000  # the directory that imports go into, besides an empty one
IMPORT_SIZES = [1_000, 10_000, 100_000]
MEMORY_LIMIT_MB = 300
GEOJSON = BASE / "var" / "bench" / "import.geojson"


def _timed_import(path: Path) -> tuple[float, float, int]:
    """`import_places` in its own process: (seconds, peak resident memory in MB, exit code).

    /usr/bin/time measures the process whole, Python and the libraries it loads."""
    LOG.parent.mkdir(parents=True, exist_ok=True)
    command = ["/usr/bin/time", "-f", "peak-rss-kb %M", sys.executable, "manage.py"]
    started = time.perf_counter()
    with LOG.open("w") as log:
        done = subprocess.run(
            [*command, "import_places", str(path)], cwd=BASE, stdout=log, stderr=log
        )
    seconds = time.perf_counter() - started
    peak = next(
        (line.split()[1] for line in LOG.read_text().splitlines() if "peak-rss-kb" in line), "0"
    )
    return seconds, int(peak) / 1024, done.returncode


def _forget_imported(*, above: int) -> None:
    """The places an import added (ids above `above`) gone, and the tables as before it.

    Triggers are off meanwhile (session_replication_role): deleting tags would make the
    database recompute the search vector of every place about to go."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            for table in ("places_place_types", "places_place_services"):
                cursor.execute(f"DELETE FROM {table} WHERE place_id > %s", [above])
            cursor.execute("DELETE FROM places_place WHERE id > %s", [above])
        finally:
            cursor.execute("RESET session_replication_role")
        cursor.execute("VACUUM ANALYZE")


def import_scaling(*, sizes: list[int]) -> list[Section]:
    """GeoJSON imports of each size into an empty directory, then into a FULL-place one."""
    section = Section(
        f"Imports of GeoJSON files into an empty directory and into a {FULL:,}-place one",
        unit="",
    )
    files, per_place = {}, {}
    for directory in ("empty", "full"):
        generate.seed(FULL if directory == "full" else 0)
        above = Place.objects.aggregate(last=Max("pk"))["last"] or 0
        for size in sizes:
            # The same places into both directories (ids past FULL: slugs new to both).
            files[size] = generate.write_geojson_import(GEOJSON, size, first=FULL + 1)
            seconds, peak_mb, status = _timed_import(GEOJSON)
            added = Place.objects.filter(pk__gt=above).count()
            _forget_imported(above=above)
            row = section.rows.setdefault(f"{size:,} features ({files[size] / 1e6:.1f} MB)", {})
            row[f"{directory}: s"] = seconds
            row[f"{directory}: ms/place"] = 1000 * seconds / size
            row[f"{directory}: peak MB"] = peak_mb
            per_place[directory, size] = 1000 * seconds / size
            if status != 0 or added != size:
                section.targets.append(
                    Target(
                        f"{size:,} features into the {directory} directory: all imported",
                        added,
                        ">=",
                        size,
                        unit=" places",
                        note=f"exit {status}, see {LOG}",
                    )
                )
            if size == max(sizes):
                section.targets.append(
                    Target(
                        f"{size:,} features ({files[size] / 1e6:.0f} MB) into the {directory} "
                        f"directory: peak memory",
                        peak_mb,
                        "<=",
                        MEMORY_LIMIT_MB,
                        unit=" MB",
                    )
                )
    GEOJSON.unlink(missing_ok=True)
    for size in sizes:
        ratio = per_place["full", size] / per_place["empty", size]
        section.rows[f"{size:,} features ({files[size] / 1e6:.1f} MB)"]["full/empty"] = ratio
        if size >= 10_000:  # a thousand places take seconds: the machine's noise is larger
            section.targets.append(
                Target(
                    f"{size:,} features: time per place into {FULL:,} places within 1.5× of "
                    "into none",
                    ratio,
                    "<=",
                    1.5,
                )
            )
    section.notes.append(
        "each import in its own process (/usr/bin/time: peak resident memory of the whole "
        "process); the places it added are deleted after it (then VACUUM ANALYZE)"
    )
    return [section]
