"""Whole requests through Django's request path: the searches, a place page, the map documents."""

import json
from functools import partial
from urllib.parse import unquote, urlencode

from django.core.cache import cache
from django.db import connection
from django.test import Client

from bench import generate, naive
from bench.report import Section, Target, felt, number
from bench.timing import Case, alternate, naive_case
from places.models import Place

# Speed-ups over a naive peer are claims at scale (a scan of 10,000 rows is itself fast):
# judged from this size, shown below it.
AT_SCALE = 100_000
FACES = ["/", "/lieux/", "/api/places/"]
LIST, API = "/lieux/", "/api/places/"
SEARCHES = [
    {"q": generate.SELECTIVE},
    {"q": generate.BROAD},
    {"near": "48.75,-0.57"},
    {"type": ["fablab", "coworking"], "service": "wifi"},
    {"ouvert": "1"},
]
MAP_DOCUMENTS = ["/api/places.geojson", "/api/places/markers.json"]
# Cold builds take seconds at 100,000 on a shared machine: more rounds steady their medians.
MAP_ROUNDS = 9


def _naive_peer(query: dict):
    """The textbook query for the same first page, or None."""
    if "q" in query:
        return partial(naive.text_search, query["q"])
    if "near" in query:
        lat, lon = query["near"].split(",")
        return partial(naive.nearest, float(lat), float(lon))
    return None


def _get(client: Client, path: str, data=None, *, status: int = 200, **headers):
    response = client.get(path, data, **headers)
    if response.status_code != status:
        raise RuntimeError(f"GET {path} {data or ''} answered {response.status_code}")
    return response


def _matches(text: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE name_vector @@ query) FROM places_place, "
            "websearch_to_tsquery('fr_unaccent', %s) AS query "
            "WHERE status = 'published' AND search_vector @@ query",
            [text],
        )
        matches, by_name = cursor.fetchone()
    return f"{matches:,} published places match “{text}”, {by_name:,} by their name"


def searches(client: Client, *, size: int) -> list[Section]:
    section = Section("Searches: whole requests (median ms)", scaled=dict.fromkeys(FACES, 2.0))
    for query in SEARCHES:
        label, peer = unquote(urlencode(query, doseq=True)), _naive_peer(query)
        for face in FACES:
            _get(client, face, query)
        cases = [Case(face, partial(client.get, face, query)) for face in FACES]
        if peer is not None:
            cases.append(naive_case("naive peer", peer))
        medians = alternate(cases, rounds=11)
        section.rows[label] = {**medians, "naive peer": medians.get("naive peer")}
        api, html = felt(medians[API]), felt(medians[LIST])
        agree = max(api, html) / min(api, html)
        section.targets.append(Target(f"{label}: {API} and {LIST} within 1.3×", agree, "<=", 1.3))
        what = f"{label}: ≥ 100× faster than its naive peer (slowest face)"
        speedup = medians["naive peer"] / max(medians[f] for f in FACES) if peer else None
        if size >= AT_SCALE:
            note = "" if peer else "no naive peer"
            section.targets.append(Target(what, speedup, ">=", 100, note=note))
        elif peer:
            section.notes.append(f"{what}: {number(speedup)}× (judged from {AT_SCALE:,} places)")
        if "q" in query:
            section.notes.append(_matches(query["q"]))
    section.notes.append("no naive peer for types and services, nor for open now (n/a)")
    return [section]


def place_page(client: Client) -> list[Section]:
    url = Place.objects.filter(status="published").order_by("pk").first().get_absolute_url()
    etag = _get(client, url).get("ETag")
    cases = [Case("full", partial(client.get, url))]
    if etag:
        _get(client, url, status=304, HTTP_IF_NONE_MATCH=etag)
        cases.append(Case("304", partial(client.get, url, HTTP_IF_NONE_MATCH=etag)))
    medians = alternate(cases, rounds=15)
    section = Section("A place page (median ms)", scaled={"full": 2.0, "304": 2.0})
    section.rows["/lieux/<slug>/"] = {"full": medians["full"], "304": medians.get("304")}
    speedup = medians["full"] / medians["304"] if etag else None
    section.targets.append(
        Target(
            "304 ≥ 10× faster than a full answer", speedup, ">=", 10, note="" if etag else "no ETag"
        )
    )
    section.notes.append(f"{url}, ETag {etag or 'none'}")
    return [section]


def _last_sql(client: Client, url: str):
    """The response of a cold request and the last SQL it ran (the one building the bytes)."""
    queries = []

    def capture(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    cache.clear()
    with connection.execute_wrapper(capture):
        response = _get(client, url)
    return response, *queries[-1]


def _run_sql(sql: str, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _as_bytes(value) -> bytes:
    return value.encode() if isinstance(value, str) else bytes(value)


def map_documents(client: Client, *, size: int, largest: bool) -> list[Section]:
    section = Section("The whole-map documents (median ms)")
    for url in MAP_DOCUMENTS:
        response, sql, params = _last_sql(client, url)
        cases = [
            Case("cold", partial(client.get, url), setup=cache.clear),
            Case("SQL floor", partial(_run_sql, sql, params)),
        ]
        if url.endswith(".geojson"):
            cases.append(naive_case("DRF-gis", naive.geojson))
        medians = alternate(cases, rounds=MAP_ROUNDS)
        etag = response.get("ETag")
        if etag:
            revalidate = Case("304", partial(client.get, url, HTTP_IF_NONE_MATCH=etag))
            medians |= alternate([revalidate], rounds=15)
        section.rows[url] = medians
        floor_ratio = medians["cold"] / medians["SQL floor"]
        if largest:
            section.targets.append(
                Target(f"{url} cold ≤ 1.3× its SQL floor", floor_ratio, "<=", 1.3)
            )
        else:
            section.notes.append(f"{url} cold: {number(floor_ratio)}× its SQL floor")
        if "DRF-gis" in medians:
            speedup = medians["DRF-gis"] / medians["cold"]
            what = f"{url} cold ≥ 20× faster than DRF-gis"
            if size >= AT_SCALE:
                section.targets.append(Target(what, speedup, ">=", 20))
            else:
                section.notes.append(f"{what}: {number(speedup)}× (judged from {AT_SCALE:,})")
        same = _as_bytes(_run_sql(sql, params)) == response.content
        same = "the same bytes" if same else "OTHER bytes"
        data = json.loads(response.content)
        count = len(data["features"] if isinstance(data, dict) else data)
        section.notes.append(
            f"{url}: {count:,} places, {len(response.content) / 1e6:.2f} MB; "
            f"its last SQL gives {same}; {'ETag ' + etag if etag else 'no ETag'}"
        )
    return [section]
