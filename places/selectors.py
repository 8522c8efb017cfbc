"""Reads shared by the HTML pages, the map and the API, so that they cannot disagree."""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial

from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.geos import Point
from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, FloatField, OuterRef, TextField, Value
from django.urls import reverse
from django.utils import timezone

from places import geo, hours, search
from places.models import DataVersion, Place, PlaceType, Service
from places.prepared import EqualsAny, Slots, Template, TemplateCache, compile_template

FACETS_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class PlaceFilters:
    """A validated search: what `PlaceSearchForm` gives, what every face accepts."""

    q: str = ""
    types: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    commune: str = ""
    origin: Point | None = None
    origin_label: str = ""
    radius_km: float | None = None
    open_now: bool = False
    bbox: geo.BBox | None = None
    now: datetime | None = field(default=None, compare=False)

    def digest(self) -> str:
        """A short fixed-size key of `cache_key()`, for cache keys and ETags."""
        return hashlib.blake2b(self.cache_key().encode(), digest_size=8).hexdigest()

    def cache_key(self) -> str:
        """A stable text of what changes the results (the time matters only with open_now)."""
        # Exact figures (repr): two searches share a key only if their SQL is the same.
        origin = f"{self.origin.y!r},{self.origin.x!r}" if self.origin else ""
        bbox = self.bbox and ",".join(
            repr(v)
            for v in (self.bbox.min_lon, self.bbox.min_lat, self.bbox.max_lon, self.bbox.max_lat)
        )
        minute = (self.now or timezone.now()).strftime("%Y%m%d%H%M") if self.open_now else ""
        return "|".join(
            [
                self.q,
                ",".join(sorted(self.types)),
                ",".join(sorted(self.services)),
                self.commune.lower(),
                origin,
                str(self.radius_km or ""),
                minute,
                bbox or "",
            ]
        )


# The values of a search travel as slots (places.prepared): the queryset is built from the
# names of the slots only, so its SQL can be compiled once per shape and filled many times.
SLOT_FIELDS = {
    "tsquery": TextField(),
    "words": TextField(),
    "no_text": FloatField(),
    "types": ArrayField(TextField()),
    "service": TextField(),  # "service:0", "service:1"...: a place must offer each one
    "commune": TextField(),
    "bbox": GeometryField(srid=geo.SRID),
    "origin": TextField(),  # EWKT, cast by the SQL (see geo.ewkt)
    "radius_m": FloatField(),
    "open_hours": ArrayField(TextField()),
}
FULL_TEXT, TYPOS = "full_text", "typos"
_templates = TemplateCache()


def _values(filters: PlaceFilters) -> dict[str, object]:
    """Every value of `filters` the SQL needs but the text, by slot name."""
    values = {}
    if filters.types:
        values["types"] = list(filters.types)
    for i, slug in enumerate(filters.services):
        values[f"service:{i}"] = slug
    if filters.commune:
        values["commune"] = search.normalise(filters.commune)
    if filters.bbox is not None:
        values["bbox"] = filters.bbox.polygon()
    if filters.origin is not None:
        values["origin"] = geo.ewkt(filters.origin)
        if filters.radius_km:
            values["radius_m"] = filters.radius_km * 1000
    if filters.open_now:
        values["open_hours"] = _open_hours(filters.now or timezone.now())
    return values


def _slots(filters: PlaceFilters, values: dict, *, text_mode: str) -> Slots:
    """The slots of a search: `values` (see `_values`) and the text, matched as `text_mode`
    says: FULL_TEXT (the stored vector) or TYPOS (trigrams on names)."""
    text = {}
    if filters.q:
        raw = search.tsquery_text(filters.q)
        if raw is None:  # nothing searchable (punctuation, one letter): no filter, rank 0
            text["no_text"] = 0.0
        elif text_mode == FULL_TEXT:
            text["tsquery"] = raw
        else:
            text["words"] = search.trigram_text(filters.q)
    return Slots({**values, **text}, SLOT_FIELDS)


def _open_hours(when: datetime) -> list[str]:
    """The `opening_hours` texts of published places open at `when` (each text once).

    Reading every distinct text takes ~0.1 s at 100,000 places, and a page asks for it
    again for its facets and its map: kept per data version and minute."""

    def evaluate() -> list[str]:
        texts = (
            Place.objects.published()
            .exclude(opening_hours="")
            .order_by()
            .values_list("opening_hours", flat=True)
            .distinct()
        )
        return [text for text in texts if hours.is_open(text, when)]

    key = f"open-hours:v{data_version().version}:{when.astimezone(UTC):%Y%m%d%H%M}"
    return cache.get_or_set(key, evaluate, FACETS_CACHE_SECONDS)


NAMES, OTHERS = "names", "others"


def _build(slots: Slots, *, tier: str | None = None) -> "Place.objects":
    """The selector's queryset, from the slots' names only (never their values). A text
    search lists the places whose name matches first; `tier` keeps only those (NAMES) or
    only the others (OTHERS), each in the same order."""
    qs = Place.objects.published()
    if "tsquery" in slots:
        qs = search.full_text(qs, slots["tsquery"], names=None if tier is None else tier == NAMES)
    elif "words" in slots:
        qs = search.similar_names(qs, slots["words"])
    elif "no_text" in slots:
        qs = qs.annotate(rank=slots["no_text"])
    if "types" in slots:
        through = Place.types.through.objects
        qs = qs.filter(
            Exists(
                through.filter(
                    EqualsAny(F("placetype__slug"), slots["types"]), place_id=OuterRef("pk")
                )
            )
        )
    i = 0
    while f"service:{i}" in slots:
        through = Place.services.through.objects
        qs = qs.filter(
            Exists(through.filter(place_id=OuterRef("pk"), service__slug=slots[f"service:{i}"]))
        )
        i += 1
    if "commune" in slots:
        qs = qs.in_commune(slots["commune"])
    if "bbox" in slots:
        qs = geo.in_bbox(qs, slots["bbox"])
    if "radius_m" in slots:
        qs = qs.filter(geo.within(geo.geography(slots["origin"]), slots["radius_m"]))
    if "open_hours" in slots:
        qs = qs.filter(EqualsAny(F("opening_hours"), slots["open_hours"]))
    if "origin" in slots:
        return geo.by_distance(qs, geo.geography(slots["origin"]))
    if "tsquery" in slots and tier is None:
        return qs.order_by("-name_hit", "-rank", "name", "pk")
    if {"tsquery", "words", "no_text"} & set(slots.shape()):
        return qs.order_by("-rank", "name", "pk")
    return qs.alphabetical()


def _tiered(slots: Slots) -> bool:
    """Whether a page of this search is read in two parts, names first (see `_build`)."""
    return "tsquery" in slots and "origin" not in slots


def _exists_template(slots: Slots) -> Template:
    return compile_template(_build(slots).order_by().values("pk")[:1], "SELECT EXISTS ({sql})")


def _exists(slots: Slots) -> bool:
    return _templates.get("exists", slots, _exists_template).fetch(slots.values())[0][0]


def _full_text_finds(filters: PlaceFilters) -> bool:
    """Whether the full text finds `q` anywhere in the directory, the other filters aside.
    How a text is matched (full text, else typos) depends on the text alone, so that the
    list, the facets (each without its own filter) and the map's viewport agree."""
    raw = search.tsquery_text(filters.q)
    return raw is not None and _exists(Slots({"tsquery": raw}, SLOT_FIELDS))


def place_search(*, filters: PlaceFilters, with_taxonomy: bool = False) -> "Place.objects":
    """Published places matching `filters`: nearest first around a point, best match first
    for a text (the full text; typos of names when it finds nothing), else in alphabetical
    order. Rows carry `distance_m` and `rank` when relevant; `with_taxonomy` fetches their
    types and services too (one query each), for display."""
    values = _values(filters)
    slots = _slots(filters, values, text_mode=FULL_TEXT)
    if "tsquery" in slots and not _full_text_finds(filters):
        slots = _slots(filters, values, text_mode=TYPOS)
    qs = _build(slots)
    if with_taxonomy:
        qs = qs.prefetch_related("types", "services")
    return qs


@dataclass(slots=True)
class PlaceCard:
    """What a list of results shows of a place (read without model instances)."""

    pk: int
    slug: str
    name: str
    commune: str
    summary: str
    opening_hours: str
    is_demo: bool
    longitude: float
    latitude: float
    distance_m: float | None = None
    rank: float | None = None
    types: list = field(default_factory=list)
    hours_status: object = None

    @property
    def id(self) -> int:
        return self.pk

    def get_absolute_url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.slug})


_CARD_FIELDS = ("pk", "slug", "name", "commune", "summary", "opening_hours", "is_demo")


class PlaceResults:
    """The places of a search as `Paginator` reads them (`count()`, then a slice of
    `PlaceCard`s): the selector's queryset, compiled once per shape (places.prepared).

    Text searches try the full text first; only when it finds nothing are the words taken
    for typos of names. The full text lists the places whose name matches first: a page
    that these fill is read from them alone (one query, however broad the word)."""

    def __init__(self, filters: PlaceFilters, *, version: int | None = None):
        self.filters = filters
        self._values = _values(filters)
        self._mode = None if filters.q else FULL_TEXT
        self._names: int | None = None  # how many places match by name (full text)
        self._version = version

    def _slots(self, mode: str) -> Slots:
        return _slots(self.filters, self._values, text_mode=mode)

    def _count(self, mode: str) -> tuple[int, int]:
        """(matches, matches by name) of the search read as `mode`."""
        slots = self._slots(mode)
        template = _templates.get("count", slots, _count_template)
        total, names = template.fetch(slots.values())[0]
        return total, names

    def count(self) -> int:
        """How many places match (counting a broad search reads every match, so the counts
        and the way the text matched are kept per data version, like the facets)."""
        version = self._version if self._version is not None else data_version().version
        key = f"results:v{version}:{self.filters.digest()}"
        cached = cache.get(key)
        if cached is None:
            total, self._names = self._count_and_decide()
            cache.set(key, (self._mode, total, self._names), FACETS_CACHE_SECONDS)
            return total
        self._mode, total, self._names = cached
        return total

    def _count_and_decide(self) -> tuple[int, int]:
        if self._mode is None:
            total, names = self._count(FULL_TEXT)
            full_text = "tsquery" in self._slots(FULL_TEXT)
            if total or not full_text or _full_text_finds(self.filters):
                self._mode = FULL_TEXT
                return total, names
            self._mode = TYPOS
        return self._count(self._mode)

    def explain(self, offset: int = 0, limit: int = 20) -> str:
        """PostgreSQL's plans of a page's queries, as `QuerySet.explain()` gives (for a text:
        the places matching by name, then the others)."""
        slots = self._slots(self._mode or FULL_TEXT)
        kinds = ["rows"]
        if _tiered(slots):
            self.count()  # where the name matches end: only the queries a page runs
            kinds = [NAMES] if offset < self._names else []
            if self._names < offset + limit:
                kinds.append(OTHERS)
        plans = []
        for kind in kinds:
            template = _templates.get(kind, slots, partial(_rows_template, kind=kind))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"EXPLAIN {template.sql}", [*template.bind(slots.values()), limit, offset]
                )
                plans += [row[0] for row in cursor.fetchall()]
        return "\n".join(plans)

    def _rows(self, kind: str, slots: Slots, offset: int, limit: int) -> list[PlaceCard]:
        template = _templates.get(kind, slots, partial(_rows_template, kind=kind))
        extras = _extras(slots)
        cards = []
        for row in template.fetch(slots.values(), limit, offset):
            card = PlaceCard(*row[:9])
            if extras == ("distance_m",):
                card.distance_m = row[9]
            elif extras == ("rank",):
                card.rank = row[9]
            cards.append(card)
        return cards

    def _page(self, slots: Slots, offset: int, limit: int) -> list[PlaceCard]:
        if not _tiered(slots):
            return self._rows("rows", slots, offset, limit)
        names = self._names
        cards: list[PlaceCard] = []
        if names is None or offset < names:
            cards = self._rows(NAMES, slots, offset, limit)
        if len(cards) == limit:
            return cards
        if names is None:  # first page, not counted: every name match is in `cards`
            names = len(cards)
        return cards + self._rows(OTHERS, slots, max(offset - names, 0), limit - len(cards))

    def __getitem__(self, key: slice) -> list[PlaceCard]:
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("PlaceResults takes slices without a step")
        offset = key.start or 0
        limit = max((key.stop if key.stop is not None else offset + 1000) - offset, 0)
        if offset and (self._mode is None or (self._names is None and self.filters.q)):
            self.count()  # a later page needs to know where the name matches end
        if self._mode is not None:
            return self._page(self._slots(self._mode), offset, limit)
        # A text, first page, not counted: the full text with the filters, and only if it
        # finds nothing, whether it finds the text anywhere (else the typos).
        slots = self._slots(FULL_TEXT)
        cards = self._page(slots, 0, limit)
        if cards or "tsquery" not in slots or _full_text_finds(self.filters):
            self._mode = FULL_TEXT
            return cards
        self._mode = TYPOS
        return self._page(self._slots(TYPOS), 0, limit)


def _count_template(slots: Slots) -> Template:
    qs = _build(slots).order_by()
    if "tsquery" in slots:
        return compile_template(
            qs.values_list("pk", "name_hit"),
            "SELECT count(*), count(*) FILTER (WHERE q.hit) FROM ({sql}) AS q(id, hit)",
        )
    return compile_template(qs.values("pk"), "SELECT count(*), 0 FROM ({sql}) AS q")


def _extras(slots: Slots) -> tuple[str, ...]:
    """The annotation a card reads besides its fields: the distance, else the rank."""
    if "origin" in slots:
        return ("distance_m",)
    if {"tsquery", "words", "no_text"} & set(slots.shape()):
        return ("rank",)
    return ()


# A page sorted by rank or name reads only ids, the sort keys and the rank for every match,
# then the card columns for the page's rows alone (a late join); nearest first, the index
# walk stops after the page and reads the columns of those rows only anyway.
_CARD_COLUMNS = """p.id, p.slug, p.name, p.commune, p.summary, p.opening_hours, p.is_demo,
    ST_X(p.location::geometry), ST_Y(p.location::geometry)"""
_LATE_JOIN = (
    f"SELECT {_CARD_COLUMNS}, q.extra FROM ("
    "SELECT q.*, row_number() OVER () AS n FROM ({sql} LIMIT %s OFFSET %s) AS q(id, extra)"
    ") AS q JOIN places_place p ON p.id = q.id ORDER BY q.n"
)


def _rows_template(slots: Slots, *, kind: str = "rows") -> Template:
    extras = _extras(slots)
    if "origin" in slots:
        qs = _build(slots).annotate(_lon=geo.longitude(), _lat=geo.latitude())
        columns = (*_CARD_FIELDS, "_lon", "_lat", *extras)
        return compile_template(qs.values_list(*columns), "{sql} LIMIT %s OFFSET %s")
    qs = _build(slots, tier=None if kind == "rows" else kind)
    if not extras:
        qs = qs.annotate(_none=Value(None, output_field=FloatField()))
    return compile_template(qs.values_list("pk", *(extras or ("_none",))), _LATE_JOIN)


def attach_types(cards: list[PlaceCard], types: list[PlaceType]) -> None:
    """Give each card its types, in the taxonomy's order (one query for the page)."""
    by_id = {t.pk: t for t in types}
    order = {t.pk: i for i, t in enumerate(types)}
    rows = Place.types.through.objects.filter(place_id__in=[c.pk for c in cards]).values_list(
        "place_id", "placetype_id"
    )
    found: dict[int, list] = {}
    for place_id, type_id in rows:
        if type_id in by_id:
            found.setdefault(place_id, []).append(by_id[type_id])
    for card in cards:
        card.types = sorted(found.get(card.pk, []), key=lambda t: order[t.pk])


def place_facets(*, filters: PlaceFilters, version: int | None = None) -> dict[str, dict[str, int]]:
    """How many places each type and each service would give, the other filters kept.

    A facet ignores its own filter (ticking "fablab" must not hide the count of cafés).
    Counting groups the whole directory, so counts are kept per data version (`version`,
    read from the database when not given)."""
    version = version if version is not None else data_version().version
    key = f"facets:v{version}:{filters.digest()}"
    return cache.get_or_set(key, lambda: _count_facets(filters), FACETS_CACHE_SECONDS)


def _count_facets(filters: PlaceFilters) -> dict[str, dict[str, int]]:
    by_type = (
        place_search(filters=replace(filters, types=()))
        .order_by()
        .values("types__slug")
        .annotate(count=Count("pk", distinct=True))
    )
    by_service = (
        place_search(filters=replace(filters, services=()))
        .order_by()
        .filter(services__isnull=False)
        .values("services__slug")
        .annotate(count=Count("pk", distinct=True))
    )
    return {
        "types": {row["types__slug"]: row["count"] for row in by_type},
        "services": {row["services__slug"]: row["count"] for row in by_service},
    }


def place_detail(*, slug: str) -> Place:
    """One published place with its taxonomy (raises Place.DoesNotExist otherwise)."""
    return Place.objects.published().prefetch_related("types", "services").get(slug=slug)


def place_for_popup(*, pk: int) -> Place:
    return Place.objects.published().prefetch_related("types").get(pk=pk)


def place_types() -> list[PlaceType]:
    return list(PlaceType.objects.all())


def services() -> list[Service]:
    return list(Service.objects.all())


def data_version() -> DataVersion:
    return DataVersion.current()
