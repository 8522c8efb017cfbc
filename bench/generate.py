"""Seeded synthetic places over France, loaded with COPY: N rows in seconds, not minutes.

Places cluster around real French towns (Gaussian) over a uniform background inside a coarse
outline of metropolitan France; names, summaries and descriptions are French and accented,
with 1-3 of the 13 types, 0-5 services and realistic OpenStreetMap opening hours; 95% are
published. Every third description says BROAD, a word that no name contains (a broad search
ranks a third of the directory); SELECTIVE names about 0.4% of the places. The database
triggers keep `search_vector` and the data version, as on any write.
"""

import csv
import json
import math
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils.text import slugify

from places.models import Place, PlaceType, Service

SEED = 20261125
BROAD = "grainothèque"
SELECTIVE = "écluse"  # the rarest toponym, "de l’Écluse"

# (name, lat, lon, weight, sigma in degrees): big cities, regional towns and the Bocage.
TOWNS = [
    ("Paris", 48.8566, 2.3522, 10, 0.18), ("Lyon", 45.764, 4.8357, 5, 0.15),
    ("Marseille", 43.2965, 5.3698, 4, 0.12), ("Toulouse", 43.6047, 1.4442, 4, 0.15),
    ("Nice", 43.7102, 7.262, 2, 0.08), ("Nantes", 47.2184, -1.5536, 4, 0.15),
    ("Strasbourg", 48.5734, 7.7521, 3, 0.1), ("Montpellier", 43.6108, 3.8767, 3, 0.12),
    ("Bordeaux", 44.8378, -0.5792, 4, 0.15), ("Lille", 50.6292, 3.0573, 4, 0.12),
    ("Rennes", 48.1173, -1.6778, 3, 0.15), ("Reims", 49.2583, 4.0317, 2, 0.1),
    ("Le Havre", 49.4944, 0.1079, 2, 0.08), ("Saint-Étienne", 45.4397, 4.3872, 2, 0.1),
    ("Grenoble", 45.1885, 5.7245, 3, 0.1), ("Dijon", 47.322, 5.0415, 2, 0.1),
    ("Angers", 47.4784, -0.5632, 2, 0.1), ("Nîmes", 43.8367, 4.3601, 2, 0.1),
    ("Clermont-Ferrand", 45.7772, 3.087, 2, 0.12), ("Le Mans", 48.0061, 0.1996, 2, 0.1),
    ("Brest", 48.3904, -4.4861, 2, 0.1), ("Tours", 47.3941, 0.6848, 2, 0.1),
    ("Amiens", 49.894, 2.2958, 2, 0.1), ("Limoges", 45.8336, 1.2611, 2, 0.12),
    ("Caen", 49.1829, -0.3707, 3, 0.12), ("Rouen", 49.4432, 1.0999, 3, 0.1),
    ("Besançon", 47.2378, 6.0241, 2, 0.1), ("Perpignan", 42.6887, 2.8948, 2, 0.1),
    ("Orléans", 47.9029, 1.9093, 2, 0.1), ("Metz", 49.1193, 6.1757, 2, 0.1),
    ("Alençon", 48.4329, 0.0913, 1, 0.08), ("Flers", 48.7497, -0.5697, 2, 0.1),
    ("Domfront", 48.5922, -0.6458, 1, 0.06), ("La Ferté-Macé", 48.5897, -0.3597, 1, 0.06),
]  # fmt: skip
CLUSTERED_SHARE = 0.7

# A coarse outline of metropolitan France (lon, lat), for the uniform background.
FRANCE = [
    (-1.8, 43.4), (-1.2, 46.2), (-2.2, 47.1), (-4.7, 48.0), (-4.6, 48.6), (-3.0, 48.8),
    (-1.6, 48.6), (-1.9, 49.7), (-1.2, 49.4), (0.2, 49.5), (1.6, 50.2), (1.6, 50.9),
    (2.5, 51.1), (4.2, 49.9), (5.8, 49.5), (8.2, 49.0), (7.6, 47.6), (6.9, 47.4),
    (6.0, 46.2), (7.0, 45.9), (7.7, 43.8), (6.6, 43.1), (4.8, 43.4), (3.2, 42.9),
    (3.1, 42.4), (1.7, 42.5),
]  # fmt: skip
VILLAGES = [
    "Saint-Rémy", "Sept-Forges", "Sainte-Honorine", "Bréel", "Cerisy-Belle-Étoile",
    "Saint-Pierre-d’Entremont", "Montilly-sur-Noireau", "La Chapelle-Biche", "Athis-de-l’Orne",
    "Le Châtellier", "Champsecret", "Lonlay-l’Abbaye", "Saint-Bômer-les-Forges", "Écouché",
    "Juvigny-Val-d’Andaine", "Préaux-du-Perche", "Évreux-le-Vieux", "Saint-Éloi-des-Prés",
    "Mézières", "Bellême", "Noë-les-Mallets", "Fougerolles", "Pré-en-Pail", "Vire",
]  # fmt: skip

# The 13 slugs of migration 0004 and words that name such a place.
KINDS = {
    "ateliers-partages": ["Ateliers partagés", "L’Atelier", "Atelier bois et métal"],
    "coworking": ["Coworking", "Espace de coworking", "La Ruche"],
    "cuisine-partagee": ["Cuisine partagée", "Foodlab"],
    "fablab": ["Fablab", "Makerspace"],
    "living-lab": ["Living lab", "Labo citoyen"],
    "tiers-lieu-nourricier": ["Ferme partagée", "Tiers-lieu nourricier"],
    "tiers-lieu-culturel": ["La Fabrique culturelle", "Le Grenier à spectacles", "Scène ouverte"],
    "cafe-associatif": ["Café associatif", "Café-épicerie", "Bistrot solidaire"],
    "recyclerie": ["Recyclerie", "Repair café", "Ressourcerie"],
    "espace-de-vie-sociale": ["Espace de vie sociale", "Maison commune"],
    "jardin-partage": ["Jardin partagé", "Potager collectif"],
    "epicerie-circuit-court": ["Épicerie coopérative", "Épicerie vrac"],
    "autre": ["Tiers-lieu", "La Maison"],
}
TYPE_WEIGHTS = [6, 9, 3, 7, 2, 3, 6, 9, 6, 4, 5, 4, 3]
# Zipf-like weights: some places are common ("du Moulin"), some rare ("de l’Écluse").
TOPONYMS = [
    "du Moulin", "des Prés", "de la Forge", "du Bocage", "de la Gare", "des Tilleuls",
    "de la Vallée", "du Château", "des Halles", "de l’Église", "de la Fontaine", "du Lavoir",
    "des Vergers", "de la Grange", "du Pressoir", "des Hêtres", "de l’Étang", "du Gué",
    "des Mûriers", "de la Côte", "des Forêts", "du Pré-Vert", "de Saint-Éloi", "des Noës",
    "de la Butte", "des Bruyères", "du Haut-Bourg", "de la Chênaie", "des Ajoncs", "de l’Écluse",
]  # fmt: skip
TOPONYM_WEIGHTS = [1 / (rank + 1) ** 1.3 for rank in range(len(TOPONYMS))]
ACTIVITIES = [
    "des ateliers de réparation de vélos", "une permanence numérique", "des repas partagés",
    "des formations à la découpe laser", "un marché de producteurs le vendredi soir",
    "des résidences d’artistes", "un espace de travail calme avec fibre",
    "des soirées jeux et concerts", "des trocs de plantes et de graines",
    "l’accompagnement des porteurs de projet", "des cours de couture et de tricot",
    "une ludothèque ouverte aux familles", "un atelier de menuiserie partagé",
    "des conférences sur la transition écologique", "une cuisine professionnelle à louer",
]  # fmt: skip
OPENING_HOURS = [
    "Mo-Fr 09:00-18:00", "Mo-Fr 09:00-12:00,14:00-18:00; PH off", "Tu-Sa 10:00-19:00",
    "We,Sa 14:00-18:00", "Mo-Su 08:00-20:00", "24/7", "Th 17:00-20:00", "Sa 09:00-12:30",
    "Mo-Fr 08:30-17:30; Sa 09:00-12:00", "Tu-Fr 10:00-12:00,14:00-18:00; Sa 10:00-17:00",
    "Fr 18:00-23:00; Sa 10:00-23:00", "We 14:00-18:00; Sa 10:00-12:00; PH off", "",
]  # fmt: skip
HOURS_WEIGHTS = [12, 14, 8, 6, 3, 1, 4, 5, 10, 8, 4, 5, 20]
STATUSES = ["published", "draft", "pending", "archived"]
STATUS_WEIGHTS = [95, 2, 2, 1]
WELCOME = [
    "réserver un créneau", "passer boire un café", "emprunter un outil",
    "venir donner un coup de main", "simplement passer dire bonjour",
    "rejoindre le conseil d’administration",
]  # fmt: skip
STREETS = ["rue", "chemin", "route", "place", "allée", "impasse"]

COLUMNS = [
    "id", "name", "slug", "summary", "description", "location", "address", "postcode",
    "commune", "phone", "email", "website", "opening_hours", "status", "welcomes_founders",
    "is_demo", "created_at", "updated_at", "social_links",
]  # fmt: skip


@dataclass(frozen=True)
class Seeded:
    published: int
    seconds: float


def in_france(lon: float, lat: float) -> bool:
    inside = False
    j = len(FRANCE) - 1
    for i, (xi, yi) in enumerate(FRANCE):
        xj, yj = FRANCE[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _position(rng: random.Random) -> tuple[float, float, str, str]:
    """(lon, lat, commune, postcode prefix)."""
    if rng.random() < CLUSTERED_SHARE:
        name, lat, lon, _weight, sigma = rng.choices(TOWNS, weights=[t[3] for t in TOWNS])[0]
        # Degrees of longitude are shorter than degrees of latitude: keep clusters round.
        return (
            lon + rng.gauss(0, sigma) / math.cos(math.radians(lat)),
            lat + rng.gauss(0, sigma),
            name,
            f"{rng.randint(1, 95):02d}",
        )
    while True:
        lon, lat = rng.uniform(-4.8, 8.2), rng.uniform(42.3, 51.2)
        if in_france(lon, lat):
            return lon, lat, rng.choice(VILLAGES), f"{rng.randint(1, 95):02d}"


def _rows(n: int, rng: random.Random, *, first: int, type_ids: dict, services: list, labels):
    """Yields (place as a dict of COLUMNS plus lon and lat, type ids, service ids)."""
    slugs = list(KINDS)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    for pk in range(first, first + n):
        kinds = rng.choices(slugs, weights=TYPE_WEIGHTS, k=rng.choice((1, 1, 1, 2, 2, 3)))
        kinds = list(dict.fromkeys(kinds))
        lon, lat, commune, department = _position(rng)
        toponym = rng.choices(TOPONYMS, weights=TOPONYM_WEIGHTS)[0]
        name = f"{rng.choice(KINDS[kinds[0]])} {toponym}"
        if rng.random() < 0.3:
            name = f"{name} — {commune}"
        activities = rng.sample(ACTIVITIES, k=3)
        summary = f"{name} propose {activities[0]} à {commune}."
        description = (
            f"**{name}** est un tiers-lieu ({', '.join(labels[k] for k in kinds)}) "
            f"installé à {commune}. On y trouve {activities[0]}, {activities[1]} "
            f"et {activities[2]}.\n\nLe lieu est animé par une association d’habitantes "
            f"et d’habitants ; chacun peut y proposer une activité ou {rng.choice(WELCOME)}. "
            f"Accès depuis la {rng.choice(STREETS)} {toponym.split(' ', 1)[1]}."
        )
        if pk % 3 == 0:
            description += f" Une {BROAD} est ouverte à toutes et à tous."
        created = now - timedelta(days=rng.randint(0, 1500), seconds=rng.randint(0, 86399))
        place = {
            "id": pk,
            "name": name,
            "slug": f"{slugify(name)[:140]}-{pk}",
            "summary": summary[:280],
            "description": description,
            "location": f"SRID=4326;POINT({lon:.6f} {lat:.6f})",
            "lon": round(lon, 6),
            "lat": round(lat, 6),
            "address": f"{rng.randint(1, 120)} {rng.choice(STREETS)} {toponym.split(' ', 1)[1]}",
            "postcode": f"{department}{rng.randint(0, 999):03d}",
            "commune": commune,
            "phone": f"02 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
            "email": "",
            "website": f"https://{slugify(name)[:40]}.example.fr" if rng.random() < 0.4 else "",
            "social_links": [],
            "opening_hours": rng.choices(OPENING_HOURS, weights=HOURS_WEIGHTS)[0],
            "status": rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0],
            "welcomes_founders": rng.random() < 0.2,
            "is_demo": False,
            "created_at": created,
            "updated_at": created + timedelta(days=rng.randint(0, 300)),
        }
        yield place, [type_ids[k] for k in kinds], rng.sample(services, k=rng.randint(0, 5))


def seed(n: int, *, seed: int = SEED) -> Seeded:
    """Empties the places, then loads `n` of them (same `seed`, same places)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    types = {t.slug: t for t in PlaceType.objects.all()}
    type_ids = {slug: t.pk for slug, t in types.items()}
    labels = {slug: t.label for slug, t in types.items()}
    service_ids = list(Service.objects.values_list("pk", flat=True))
    _check_columns()
    places, place_types, place_services = [], [], []
    rows = _rows(n, rng, first=1, type_ids=type_ids, services=service_ids, labels=labels)
    for place, kinds, services in rows:
        places.append(tuple(place[column] for column in COLUMNS))
        place_types.extend((place["id"], k) for k in kinds)
        place_services.extend((place["id"], s) for s in services)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE places_place CASCADE")
        raw = cursor.cursor
        # The link tables first: their foreign keys are deferred to COMMIT, so when the places
        # arrive the row trigger computes each search vector once, tags included (in the other
        # order, the link tables' statement trigger would recompute every vector again).
        with raw.copy("COPY places_place_types (place_id, placetype_id) FROM STDIN") as copy:
            for link in place_types:
                copy.write_row(link)
        with raw.copy("COPY places_place_services (place_id, service_id) FROM STDIN") as copy:
            for link in place_services:
                copy.write_row(link)
        with raw.copy(f"COPY places_place ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in places:
                copy.write_row(row)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('places_place', 'id'), %s)", [max(n, 1)]
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    published = Place.objects.filter(status="published").count()
    return Seeded(published=published, seconds=time.perf_counter() - started)


def write_import(path: Path, n: int, *, first: int) -> None:
    """A CSV of `n` new published places for `manage.py import_places` (ids from `first` on
    make their slugs new)."""
    labels = dict(PlaceType.objects.values_list("slug", "label"))
    services = list(Service.objects.values_list("slug", flat=True))
    rows = _rows(
        n, random.Random(SEED + 1), first=first, type_ids={s: s for s in labels},
        services=services, labels=labels,
    )  # fmt: skip
    fields = ["name", "slug", "summary", "description", "commune", "opening_hours", "lat", "lon"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([*fields, "types", "services"])
        for place, kinds, tags in rows:
            writer.writerow([*(place[f] for f in fields), ";".join(kinds), ";".join(tags)])


def _check_columns() -> None:
    """Fails clearly if the model gained a required column this generator does not fill."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = "
            "'places_place' AND is_nullable = 'NO' AND column_default IS NULL "
            "AND is_identity = 'NO'"
        )
        missing = {name for (name,) in cursor.fetchall()} - set(COLUMNS)
    if missing:
        raise RuntimeError(f"bench/generate.py does not fill places_place.{sorted(missing)}")


def write_geojson_import(path: Path, n: int, *, first: int, feature_bytes: int = 500) -> int:
    """A GeoJSON of `n` new published places for `manage.py import_places`, each feature cut
    to about `feature_bytes` (100,000 of them: ~50 MB, the largest file the import takes);
    the file's size in bytes."""
    labels = dict(PlaceType.objects.values_list("slug", "label"))
    services = list(Service.objects.values_list("slug", flat=True))
    rows = _rows(
        n, random.Random(SEED + 2), first=first, type_ids={s: s for s in labels},
        services=services, labels=labels,
    )  # fmt: skip
    fields = ["name", "slug", "description", "commune", "opening_hours"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as file:
        file.write('{"type": "FeatureCollection", "features": [\n')
        for number, (place, kinds, tags) in enumerate(rows):
            properties = {f: place[f] for f in fields} | {"types": kinds, "services": tags}
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": properties,
            }
            text = json.dumps(feature, ensure_ascii=False)
            excess = len(text.encode()) - feature_bytes
            if excess > 0:
                properties["description"] = properties["description"][: -excess - 1]
                text = json.dumps(feature, ensure_ascii=False)
            file.write(("," if number else "") + text + "\n")
        file.write("]}\n")
    return path.stat().st_size
