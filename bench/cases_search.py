"""G7: French full-text search through the selector, against the stored vector and on the fly."""

from django.db import connection
from django.db.models import Value

from bench import naive, proposals
from bench.report import Row, Target
from bench.timing import Case, alternate, naive_case
from places import search
from places.selectors import PlaceFilters, place_search

K = 20
# Selective (a rare place name, a less rare one) and broad (a type, a word of many texts).
QUERIES = ["écluse", "pressoir", "fablab", "cafe", "jardin partagé"]

FLOOR = """
SELECT id, ts_rank(search_vector, query) AS rank
FROM places_place, to_tsquery(%s::regconfig, %s) AS query
WHERE status = 'published' AND search_vector @@ query
ORDER BY rank DESC LIMIT 20
"""


def _tsquery(text: str) -> str:
    """The text of the tsquery the selector sends (`to_tsquery` input)."""
    query = search.to_query(text)
    return next(e.value for e in query.get_source_expressions() if isinstance(e, Value))


def _floor(raw: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(FLOOR, [search.CONFIG, raw])
        return [pk for pk, _rank in cursor.fetchall()]


def _raw(sql: str, params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _candidate(text: str) -> list:
    return list(place_search(filters=PlaceFilters(q=text))[:K])


def _matches(raw: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM places_place WHERE status = 'published' "
            "AND search_vector @@ to_tsquery(%s::regconfig, %s)",
            [search.CONFIG, raw],
        )
        return cursor.fetchone()[0]


def text_search() -> list[Row]:
    rows = []
    for text in QUERIES:
        raw = _tsquery(text)
        compiled = place_search(filters=PlaceFilters(q=text))[:K].query.sql_with_params()
        timings = alternate(
            [
                Case("candidate", lambda i, text=text: _candidate(text)),
                Case("candidate_sql", lambda i, compiled=compiled: _raw(*compiled)),
                Case("fts_first", lambda i, text=text: proposals.search_fts_first(text, K)),
                Case("floor", lambda i, raw=raw: _floor(raw)),
                naive_case("naive", lambda i, text=text: naive.text_search(text, K)),
            ],
            rounds=11,
        )
        row = Row.measured("G7", f"search “{text}”", timings)
        row.targets += [
            Target("G7", "≤ 1.5× floor", row.ratio_floor, "<=", 1.5),
            Target("G7", "≥ 100× faster than SearchVector on the fly", row.speedup, ">=", 100),
        ]
        row.notes.append(f"tsquery '{raw}', {_matches(raw):,} published matches")
        sql_ms, proposed_ms = timings.median_ms("candidate_sql"), timings.median_ms("fts_first")
        row.extra.update(candidate_sql_ms=sql_ms, fts_first_ms=proposed_ms)
        row.notes.append(
            f"its SQL run bare {sql_ms:.2f} ms ({sql_ms / row.floor_ms:.2f}× floor); "
            f"full text first, trigrams only if it finds nothing: {proposed_ms:.2f} ms "
            f"({proposed_ms / row.floor_ms:.2f}× floor)"
        )
        rows.append(row)
    return rows


def explain() -> list[Row]:
    rows = []
    for text in QUERIES:
        plan = place_search(filters=PlaceFilters(q=text))[:K].explain()
        row = Row("EX", f"search plan “{text}”")
        uses_index = "place_search_idx" in plan and "Seq Scan on places_place" not in plan
        row.targets.append(Target("EX", "search uses the GIN index", float(uses_index), "==", 1))
        scans = [line.strip(" ->").split("  (")[0] for line in plan.splitlines() if "Scan" in line]
        row.notes.append("; ".join(scans))
        row.extra = {"plan": plan}
        rows.append(row)
    return rows
