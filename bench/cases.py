"""Whole requests through Django's request path: the searches, a place page, the map documents."""

import json

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
FLERS = (48.75, -0.57)
# label: (query string, naive peer or None)
SEARCHES = {
    f"q={generate.SELECTIVE}": (
        {"q": generate.SELECTIVE},
        lambda: naive.text_search(generate.SELECTIVE),
    ),
    f"q={generate.BROAD}": ({"q": generate.BROAD}, lambda: naive.text_search(generate.BROAD)),
    "near=48.75,-0.57": ({"near": "48.75,-0.57"}, lambda: naive.nearest(*FLERS)),
    "type=fablab&type=coworking&service=wifi": (
        {"type": ["fablab", "coworking"], "service": "wifi"},
        None,
    ),
    "ouvert=1": ({"ouvert": "1"}, None),
}
MAP_DOCUMENTS = ["/api/places.geojson", "/api/places/markers.json"]
# Cold builds take seconds at 100,000 on a shared machine: more rounds steady their medians.
MAP_ROUNDS = 9


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
    for label, (query, peer) in SEARCHES.items():
        for face in FACES:
            _get(client, face, query)
        cases = [
            Case(face, lambda face=face, query=query: client.get(face, query)) for face in FACES
        ]
        if peer is not None:
            cases.append(naive_case("naive peer", peer))
        medians = alternate(cases)
        section.rows[label] = {**medians, "naive peer": medians.get("naive peer")}
        api, html = felt(medians[API]), felt(medians[LIST])
        section.targets.append(
            Target(
                f"{label}: {API} and {LIST} within 1.3×", max(api, html) / min(api, html), "<=", 1.3
            )
        )
        slowest = max(medians[face] for face in FACES)
        what = f"{label}: ≥ 100× faster than its naive peer (slowest face)"
        if peer is None:
            if size >= AT_SCALE:
                section.targets.append(Target(what, None, ">=", 100, note="no naive peer"))
        elif size >= AT_SCALE:
            section.targets.append(Target(what, medians["naive peer"] / slowest, ">=", 100))
        else:
            speedup = medians["naive peer"] / slowest
            section.notes.append(f"{what}: {number(speedup)}× (judged from {AT_SCALE:,} places)")
        if "q" in query:
            section.notes.append(_matches(query["q"]))
    section.notes.append("no naive peer for types and services or open now (n/a)")
    return [section]


def place_page(client: Client) -> list[Section]:
    place = Place.objects.filter(status="published").order_by("pk").first()
    url = place.get_absolute_url()
    etag = _get(client, url).get("ETag")
    section = Section("A place page (median ms)", scaled={"full": 2.0, "304": 2.0})
    what = "304 ≥ 10× faster than a full answer"
    if etag is None:
        medians = alternate([Case("full", lambda: client.get(url))], rounds=15)
        section.targets.append(Target(what, None, ">=", 10, note="no ETag"))
    else:
        _get(client, url, status=304, HTTP_IF_NONE_MATCH=etag)
        medians = alternate(
            [
                Case("full", lambda: client.get(url)),
                Case("304", lambda: client.get(url, HTTP_IF_NONE_MATCH=etag)),
            ],
            rounds=15,
        )
        section.targets.append(Target(what, medians["full"] / medians["304"], ">=", 10))
    section.rows["/lieux/<slug>/"] = {"full": medians["full"], "304": medians.get("304")}
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


def _run_sql(sql: str, params) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        value = cursor.fetchone()[0]
    return value.encode() if isinstance(value, str) else bytes(value)


def map_documents(client: Client, *, size: int, largest: bool) -> list[Section]:
    section = Section("The whole-map documents (median ms)")
    for url in MAP_DOCUMENTS:
        response, sql, params = _last_sql(client, url)
        cases = [
            Case("cold", lambda url=url: client.get(url), setup=cache.clear),
            Case("SQL floor", lambda sql=sql, params=params: _run_sql(sql, params)),
        ]
        if url.endswith(".geojson"):
            cases.append(naive_case("DRF-gis", naive.geojson))
        medians = alternate(cases, rounds=MAP_ROUNDS)
        etag = response.get("ETag")
        if etag:
            revalidate = Case(
                "304", lambda url=url, etag=etag: client.get(url, HTTP_IF_NONE_MATCH=etag)
            )
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
        same = "the same bytes" if _run_sql(sql, params) == response.content else "OTHER bytes"
        data = json.loads(response.content)
        count = len(data["features"] if isinstance(data, dict) else data)
        section.notes.append(
            f"{url}: {count:,} places, {len(response.content) / 1e6:.2f} MB; "
            f"its last SQL gives {same}; {'ETag ' + etag if etag else 'no ETag'}"
        )
    return [section]
