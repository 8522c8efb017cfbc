"""G1 (the GeoJSON endpoint), G2 (revalidation) and G3 (the compact markers), plus the home page."""

import gzip
import json

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench import naive, proposals
from bench.report import Row, Target
from bench.timing import Case, alternate, naive_case
from places import mapdata
from places.selectors import PlaceFilters

# Cold builds take seconds at 100k on a shared machine: a few more rounds steady the medians.
MAP_ROUNDS = 9
# DRF-gis takes ~1 ms a feature here (it reads every column, the stored tsvector included):
# at 100k one run takes minutes, for an answer known from 10k and 50k.
NAIVE_GEOJSON_MAX = 50_000


def _captured_build(kind: str) -> tuple[str, tuple, bytes]:
    """The SQL (text and parameters) that builds the document, as the view runs it."""
    document = mapdata.map_document(kind=kind, filters=PlaceFilters())
    queries = []

    def capture(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        body = document.build()
    sql, params = queries[-1]
    return sql, params, body


def _sql_floor(sql: str, params) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bytes(cursor.fetchone()[0])


def _clear(_i: int) -> None:
    cache.clear()


def _num_queries(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def geojson(client: Client, *, size: int) -> list[Row]:
    url = reverse("api:place-geojson")
    sql, params, built = _captured_build("geojson")
    cache.clear()
    response = client.get(url)
    floor_body = _sql_floor(sql, params)
    features = len(json.loads(response.content)["features"])
    proposed_sql, proposed_params = proposals.geojson_sql()
    cases = [
        Case("candidate", lambda i: client.get(url), setup=_clear),
        Case("floor", lambda i: _sql_floor(sql, params)),
        Case("proposed", lambda i: _sql_floor(proposed_sql, proposed_params)),
    ]
    with_naive = size <= NAIVE_GEOJSON_MAX
    if with_naive:
        cases.append(naive_case("naive", lambda i: naive.geojson_bytes()))
        naive_features = len(json.loads(cases[-1].first)["features"])
    timings = alternate(cases, rounds=MAP_ROUNDS)
    cold = Row.measured("G1", "GeoJSON cold (identity)", timings)
    identical = response.content == floor_body == built
    cold.targets += [
        Target("G1", "body == bytes of the bare SQL", float(identical), "==", 1),
        Target("G1", "cold ≤ 1.3× floor", cold.ratio_floor, "<=", 1.3),
    ]
    if with_naive:
        cold.targets.append(Target("G1", "≥ 20× faster than DRF-gis", cold.speedup, ">=", 20))
        if naive_features != features:
            cold.notes.append(f"naive has {naive_features} features, endpoint {features}")
    else:
        cold.notes.append(f"naive DRF-gis view not run above {NAIVE_GEOJSON_MAX:,} places")
    cold.extra = {
        "features": features,
        "bytes": len(response.content),
        "bytes_per_feature": len(response.content) / max(features, 1),
        "queries_cold": _num_queries(lambda: (cache.clear(), client.get(url))),
    }
    proposed = _sql_floor(proposed_sql, proposed_params)
    _note_proposal(cold, timings, same=_features(proposed) == _features(response.content))
    cold.notes.append(
        f"{features:,} features, {len(response.content) / 1e6:.2f} MB, "
        f"{cold.extra['bytes_per_feature']:.1f} B/feature, "
        f"{cold.extra['queries_cold']} queries per cold request"
    )

    # Warm: a cache hit (br, as browsers ask) and a revalidation; nothing clears the cache.
    etag = client.get(url, HTTP_ACCEPT_ENCODING="br")["ETag"]
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=etag)
    warm_timings = alternate(
        [
            Case("warm", lambda i: client.get(url, HTTP_ACCEPT_ENCODING="br")),
            Case("304", lambda i: client.get(url, HTTP_IF_NONE_MATCH=etag)),
        ],
        rounds=21,
    )
    warm = Row("G1", "GeoJSON warm (cache hit, br)", warm_timings.median_ms("warm"))
    warm.notes.append(f"{cold.candidate_ms / warm.candidate_ms:.0f}× faster than cold")
    not_modified = Row("G2", "GeoJSON 304 (If-None-Match)", warm_timings.median_ms("304"))
    speedup = cold.candidate_ms / not_modified.candidate_ms
    not_modified.targets += [
        Target("G2", "answers 304", float(revalidated.status_code == 304), "==", 1),
        Target("G2", "304 ≥ 10× faster than cold", speedup, ">=", 10),
    ]
    queries_304 = _num_queries(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag))
    not_modified.notes.append(f"{speedup:.0f}× faster than cold; {queries_304} query")
    return [cold, warm, not_modified]


def _features(body: bytes) -> list:
    data = json.loads(body)
    items = data["features"] if isinstance(data, dict) else data
    return sorted(items, key=lambda item: item["id"] if isinstance(item, dict) else item[0])


def _note_proposal(row: Row, timings, *, same: bool) -> None:
    proposed = timings.median_ms("proposed")
    row.extra["proposed_sql_ms"] = proposed
    row.notes.append(
        f"proposed SQL (bench/proposals.py: no ICU sort, semi-join, ORDER BY id): "
        f"{proposed:.1f} ms = {proposed / row.floor_ms:.2f}× today's floor; "
        f"same features: {'yes' if same else 'NO'}"
    )


def _compact_gzip(rows: list, *, order_by_id: bool = False) -> bytes:
    rows = sorted(rows) if order_by_id else rows
    compact = [[pk, round(lon, 5), round(lat, 5), kind] for pk, lon, lat, kind in rows]
    return gzip.compress(json.dumps(compact, separators=(",", ":")).encode(), compresslevel=6)


def markers(client: Client) -> list[Row]:
    url = reverse("api:place-markers")
    sql, params, built = _captured_build("markers")
    cache.clear()
    identity = client.get(url).content
    br = client.get(url, HTTP_ACCEPT_ENCODING="br")
    gz = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    proposed_sql, proposed_params = proposals.markers_sql()
    timings = alternate(
        [
            Case("candidate", lambda i: client.get(url), setup=_clear),
            Case("floor", lambda i: _sql_floor(sql, params)),
            Case("proposed", lambda i: _sql_floor(proposed_sql, proposed_params)),
            Case("cold_br", lambda i: client.get(url, HTTP_ACCEPT_ENCODING="br"), setup=_clear),
        ],
        rounds=MAP_ROUNDS,
    )
    cold = Row.measured("G3", "markers cold (identity)", timings)
    cold.targets += [
        Target(
            "G3",
            "body == bytes of the bare SQL",
            float(identity == _sql_floor(sql, params)),
            "==",
            1,
        ),
        Target("G3", "cold ≤ 1.3× floor", cold.ratio_floor, "<=", 1.3),
    ]
    proposed = _sql_floor(proposed_sql, proposed_params)
    _note_proposal(cold, timings, same=_features(proposed) == _features(identity))
    browser = Row(
        "G3",
        "markers cold (br: build + compress)",
        candidate_ms=timings.median_ms("cold_br"),
        floor_ms=timings.median_ms("floor"),
    )
    browser.notes.append("informative: what the first browser after a write waits for")

    rows = json.loads(identity)
    count = max(len(rows), 1)
    reference = _compact_gzip(rows)
    by_id = _compact_gzip(rows, order_by_id=True)
    sizes = Row("G3", "markers compressed size")
    sizes.targets += [
        Target(
            "G3",
            "br ≤ 1.1× gzip-6 of compact [id,lon,lat,type]",
            len(br.content) / len(reference),
            "<=",
            1.1,
        ),
        Target(
            "G3",
            "gzip ≤ 1.1× gzip-6 of compact [id,lon,lat,type]",
            len(gz.content) / len(reference),
            "<=",
            1.1,
        ),
    ]
    sizes.extra = {
        "features": len(rows),
        "identity_bytes": len(identity),
        "br_bytes": len(br.content),
        "gzip_bytes": len(gz.content),
        "reference_gzip6_bytes": len(reference),
        "reference_gzip6_by_id_bytes": len(by_id),
        "content_encoding": [br.get("Content-Encoding"), gz.get("Content-Encoding")],
    }
    sizes.notes.append(
        f"B/feature: identity {len(identity) / count:.1f}, br {len(br.content) / count:.2f}, "
        f"gzip {len(gz.content) / count:.2f}; compact gzip-6 {len(reference) / count:.2f} "
        f"(in the endpoint's order), {len(by_id) / count:.2f} (sorted by id)"
    )
    return [cold, browser, sizes]


def home_page(client: Client) -> Row:
    """The map page's HTML (list of 20, count, facets): what the browser waits for first."""
    url = reverse("places:home")
    assert client.get(url).status_code == 200
    timings = alternate([Case("candidate", lambda i: client.get(url))])
    row = Row("--", "home page HTML (informative)", candidate_ms=timings.median_ms("candidate"))
    row.extra["queries"] = _num_queries(lambda: client.get(url))
    row.notes.append(
        f"{row.extra['queries']} queries: types and services, data version, 20 cards, their "
        "types (count and facets kept per data version)"
    )
    return row
