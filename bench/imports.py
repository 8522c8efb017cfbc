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
