"""G7: French full-text search through the selector, against the stored vector and on the fly."""

from django.db import connection, transaction

from bench import naive
from bench.report import Row, Target
from bench.timing import Case, alternate, naive_case
from places import search
from places.selectors import PlaceFilters, PlaceResults, place_search

K = 20
# Selective (a rare place name, a less rare one) and broad (a type, a word of many texts).
QUERIES = ["écluse", "pressoir", "fablab", "cafe", "jardin partagé"]

# Bare SQL doing the page's work: rank every match, keep the best 20 (ties by name), read the
# card's columns for those 20.
FLOOR = """
SELECT p.id, p.slug, p.name, p.commune, p.summary, p.opening_hours, p.is_demo,
    ST_X(p.location::geometry), ST_Y(p.location::geometry), best.rank
FROM (
    SELECT id, ts_rank(search_vector, query) AS rank
    FROM places_place, to_tsquery(%s::regconfig, %s) AS query
    WHERE status = 'published' AND search_vector @@ query
    ORDER BY rank DESC, name, id LIMIT 20
) AS best JOIN places_place p USING (id)
ORDER BY best.rank DESC, p.name, p.id
"""
# The least a ranked search can do: ids and ranks only.
FLOOR_IDS = """
SELECT id, ts_rank(search_vector, query) AS rank
FROM places_place, to_tsquery(%s::regconfig, %s) AS query
WHERE status = 'published' AND search_vector @@ query
ORDER BY rank DESC LIMIT 20
"""


def _floor(raw: str, sql: str = FLOOR) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, [search.CONFIG, raw])
        return [row[0] for row in cursor.fetchall()]


def _candidate(text: str) -> list:
    """What a results page reads: the selector's first page of cards."""
    return PlaceResults(PlaceFilters(q=text))[0:K]


def _orm(text: str) -> list:
    """The selector's queryset evaluated as model instances (the API's read)."""
    return list(place_search(filters=PlaceFilters(q=text))[:K])


def _matches(raw: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM places_place WHERE status = 'published' "
            "AND search_vector @@ to_tsquery(%s::regconfig, %s)",
            [search.CONFIG, raw],
        )
        return cursor.fetchone()[0]


def text_search(*, size: int) -> list[Row]:
    rows = []
    for text in QUERIES:
        raw = search.tsquery_text(text)
        timings = alternate(
            [
                Case("candidate", lambda i, text=text: _candidate(text)),
                Case("floor", lambda i, raw=raw: _floor(raw)),
                Case("floor_ids", lambda i, raw=raw: _floor(raw, FLOOR_IDS)),
                Case("orm", lambda i, text=text: _orm(text)),
                naive_case("naive", lambda i, text=text: naive.text_search(text, K)),
            ],
            rounds=31,
        )
        row = Row.measured("G7", f"search “{text}”", timings)
        row.targets.append(Target("G7", "≤ 1.5× floor", row.ratio_floor, "<=", 1.5))
        row.speedup_target("≥ 100× faster than SearchVector on the fly", 100, size=size)
        row.notes.append(f"tsquery '{raw}', {_matches(raw):,} published matches")
        same = [card.pk for card in _candidate(text)] == _floor(raw)
        ids_ms, orm_ms = timings.median_ms("floor_ids"), timings.median_ms("orm")
        row.extra.update(floor_ids_ms=ids_ms, orm_ms=orm_ms, same_as_floor=same)
        row.notes.append(
            f"same ids as the floor: {same}; vs ids and ranks only {ids_ms:.2f} ms: "
            f"{row.candidate_ms / ids_ms:.2f}×; the queryset as model instances "
            f"{orm_ms:.2f} ms = {orm_ms / row.floor_ms:.2f}× floor"
        )
        rows.append(row)
    return rows


def _forced_index_ms(text: str) -> tuple[float, float]:
    """The page as planned, and with sequential scans forbidden (the GIN index forced)."""
    with transaction.atomic():
        planned = alternate([Case("page", lambda i: _candidate(text))], rounds=5, warmups=1)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        forced = alternate([Case("page", lambda i: _candidate(text))], rounds=5, warmups=1)
    return planned.median_ms("page"), forced.median_ms("page")


def explain() -> list[Row]:
    """The search reads through the GIN index, unless PostgreSQL scans the table because
    the index would be slower (a word in half the places): that is then measured."""
    rows = []
    for text in QUERIES:
        plan = PlaceResults(PlaceFilters(q=text)).explain(0, K)
        row = Row("EX", f"search plan “{text}”")
        uses_index = "place_search_idx" in plan and "Seq Scan on places_place" not in plan
        scans = [line.strip(" ->").split("  (")[0] for line in plan.splitlines() if "Scan" in line]
        row.notes.append("; ".join(scans))
        row.extra = {"plan": plan}
        if uses_index:
            row.targets.append(Target("EX", "search uses the GIN index", 1.0, "==", 1))
        else:
            planned_ms, forced_ms = _forced_index_ms(text)
            row.extra.update(planned_ms=planned_ms, forced_index_ms=forced_ms)
            row.notes.append(
                f"table scanned: {planned_ms:.1f} ms; GIN index forced: {forced_ms:.1f} ms"
            )
            row.targets.append(
                Target(
                    "EX",
                    "the table scan is no slower than the GIN index forced (±10%)",
                    planned_ms / forced_ms,
                    "<=",
                    1.1,
                )
            )
        rows.append(row)
    return rows
