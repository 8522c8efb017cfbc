"""Many visitors at once: 400 requests from 8 clients, against `make run`'s server and gunicorn."""

import statistics
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from bench import servers
from bench.report import Section, Target
from places.models import Place

CLIENTS = 8
REQUESTS = 400


def _paths() -> list[str]:
    slug = Place.objects.filter(status="published").order_by("pk").values_list("slug", flat=True)[0]
    return [
        "/",
        "/lieux/?q=atelier",
        "/lieux/?near=48.75,-0.57&rayon=20",
        "/api/places/?type=fablab&service=wifi",
        f"/lieux/{slug}/",
        "/api/places/markers.json?bbox=-1,48,0,49",
        "/lieux/?ouvert=1",
        "/api/places/?q=cafe&near=48.75,-0.57",
    ]


def _connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def _hammer(base: str, paths: list[str]) -> dict:
    """REQUESTS requests from CLIENTS threads, while the database's connections are counted."""
    errors: list[str] = []
    times: list[float] = []
    peak = [0]
    done = threading.Event()

    def watch():
        while not done.wait(0.05):
            peak[0] = max(peak[0], _connections())

    def one(i: int) -> None:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + paths[i % len(paths)], timeout=60) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:
            errors.append(f"{paths[i % len(paths)]}: {error}")
        times.append((time.perf_counter() - started) * 1000)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(one, range(REQUESTS)))
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    times.sort()
    return {
        "errors": errors,
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95)],
        "rate": REQUESTS / seconds,
        "connections": peak[0],
    }


def concurrent_visitors() -> list[Section]:
    paths = _paths()
    section = Section(f"{REQUESTS} requests from {CLIENTS} clients at once", unit="ms")
    runs = {
        "make run (runserver, DEBUG=1)": (servers.runserver_command, {"DEBUG": "1"}),
        "gunicorn, 5 workers": (
            lambda port: servers.gunicorn_command(port, workers=5, threads=1),
            {},
        ),
    }
    for name, (command, environment) in runs.items():
        with servers.serve(command, **environment) as base:
            result = _hammer(base, paths)
        section.rows[name] = {"median": result["median"], "p95": result["p95"]}
        section.targets.append(Target(f"{name}: no error", len(result["errors"]), "<=", 0, ""))
        section.notes.append(
            f"{name}: {result['rate']:.0f} requests/s, at most {result['connections']} database "
            f"connections; errors: {'; '.join(result['errors'][:3]) or 'none'}"
        )
    return [section]
