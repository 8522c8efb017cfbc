"""`import_places` and `export_places`: the SPEC's file contract, all or nothing, round trips."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from places import importing
from places.filters import PlaceFilters
from places.io import EXPORT_FIELDS, read_rows
from places.models import DataVersion, Place
from places.selectors import place_search
from tests.factories import PlaceFactory, ensure_taxonomy

pytestmark = pytest.mark.django_db

CSV_COLUMNS = [
    "name",
    "slug",
    "summary",
    "description",
    "types",
    "services",
    "address",
    "postcode",
    "commune",
    "website",
    "phone",
    "email",
    "opening_hours",
    "status",
    "lat",
    "lon",
]


@pytest.fixture(autouse=True)
def _directory():
    # Transactional tests flush the tables the migrations filled: put back what imports need.
    ensure_taxonomy()
    DataVersion.objects.get_or_create(concept="places", defaults={"changed_at": timezone.now()})


@pytest.fixture
def existing():
    """A published place already in the directory, that bad files must leave as it is."""
    return PlaceFactory(
        name="La Filature",
        slug="la-filature",
        summary="Coworking dans une ancienne filature.",
        commune="Flers",
        postcode="61100",
        email="contact@filature.example",
        website="https://filature.example",
        phone="02 33 00 00 00",
        opening_hours="Mo-Fr 09:00-18:00",
        lat=48.7502,
        lon=-0.5671,
        types=["coworking", "living-lab"],
        services=["wifi"],
    )


# --- Helpers ----------------------------------------------------------------------------------


def row(**values) -> dict:
    """A good CSV row: a new café in Domfront; keyword arguments change its cells."""
    base = {
        "name": "Le Café des Possibles",
        "slug": "cafe-des-possibles",
        "summary": "Café associatif et épicerie.",
        "description": "",
        "types": "cafe-associatif;epicerie-circuit-court",
        "services": "wifi;restauration",
        "address": "3 place du Marché",
        "postcode": "61700",
        "commune": "Domfront en Poiraie",
        "website": "https://cafe.example",
        "phone": "02 33 11 22 33",
        "email": "bonjour@cafe.example",
        "opening_hours": "We-Su 10:00-19:00",
        "status": "published",
        "lat": "48.5925",
        "lon": "-0.6453",
    }
    return {**base, **values}


def csv_text(rows: list[dict], *, columns=CSV_COLUMNS, delimiter=",") -> str:
    output = io.StringIO()
    writer = csv.DictWriter(
        output, fieldnames=columns, delimiter=delimiter, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue()


def feature(*, lat=48.5925, lon=-0.6453, geometry=None, **properties) -> dict:
    """A good GeoJSON feature: the same café; keyword arguments change its properties."""
    values = {k: v for k, v in row().items() if k not in {"lat", "lon"}}
    values["types"] = values["types"].split(";")
    values["services"] = values["services"].split(";")
    values.update(properties)
    return {
        "type": "Feature",
        "geometry": geometry or {"type": "Point", "coordinates": [lon, lat]},
        "properties": values,
    }


def geojson_text(features: list) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def import_places(path: str, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_places", path, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failed_import(path: str, *args) -> tuple[str, str]:
    """Import a file that must be refused; the message of the CommandError and stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_places", path, *args, stdout=io.StringIO(), stderr=err)
    return str(error.value), err.getvalue()


def export_places(path: str) -> str:
    out = io.StringIO()
    call_command("export_places", path, stdout=out)
    return out.getvalue()


def snapshot() -> list[dict]:
    """Every place with every column, its types and services, coordinates to 6 decimals."""
    places = []
    for place in Place.objects.order_by("slug").prefetch_related("types", "services"):
        data = {
            field.attname: getattr(place, field.attname)
            for field in Place._meta.concrete_fields
            if field.name not in {"location", "search_vector"}
        }
        data["types"] = sorted(t.slug for t in place.types.all())
        data["services"] = sorted(s.slug for s in place.services.all())
        data["lat"] = round(place.location.y, 6)
        data["lon"] = round(place.location.x, 6)
        places.append(data)
    return places


def content(places: list[dict], *, without=("id", "created_at", "updated_at")) -> list[dict]:
    return [{k: v for k, v in place.items() if k not in without} for place in places]


def version() -> int:
    return DataVersion.current("places").version


# --- Importing a good file --------------------------------------------------------------------


def test_a_csv_file_creates_places_with_every_field_by_name(tmp_path):
    path = write(
        tmp_path, "lieux.csv", csv_text([row(description="Un **café**, des gens ; du lien.")])
    )

    out, _ = import_places(path)

    place = Place.objects.get(slug="cafe-des-possibles")
    assert "créés : 1, modifiés : 0, inchangés : 0" in out
    assert place.name == "Le Café des Possibles"
    assert place.summary == "Café associatif et épicerie."
    assert place.description == "Un **café**, des gens ; du lien."
    assert sorted(t.slug for t in place.types.all()) == [
        "cafe-associatif",
        "epicerie-circuit-court",
    ]
    assert sorted(s.slug for s in place.services.all()) == ["restauration", "wifi"]
    assert place.address == "3 place du Marché"
    assert place.postcode == "61700"
    assert place.commune == "Domfront en Poiraie"
    assert place.website == "https://cafe.example"
    assert place.phone == "02 33 11 22 33"
    assert place.email == "bonjour@cafe.example"
    assert place.opening_hours == "We-Su 10:00-19:00"
    assert place.status == Place.Status.PUBLISHED
    assert (place.latitude, place.longitude) == pytest.approx((48.5925, -0.6453))


def test_a_geojson_file_creates_places_from_points_in_lon_lat_order(tmp_path):
    path = write(tmp_path, "lieux.geojson", geojson_text([feature(lat=48.5925, lon=-0.6453)]))

    out, _ = import_places(path)

    place = Place.objects.get(slug="cafe-des-possibles")
    assert "créés : 1," in out
    assert (place.latitude, place.longitude) == pytest.approx((48.5925, -0.6453))
    assert sorted(t.slug for t in place.types.all()) == [
        "cafe-associatif",
        "epicerie-circuit-court",
    ]
    assert sorted(s.slug for s in place.services.all()) == ["restauration", "wifi"]
    assert place.opening_hours == "We-Su 10:00-19:00"


def test_status_defaults_to_published_when_the_column_is_absent_or_empty(tmp_path):
    columns = [c for c in CSV_COLUMNS if c != "status"]
    no_column = write(tmp_path, "a.csv", csv_text([row(slug="a")], columns=columns))
    empty_cell = write(tmp_path, "b.csv", csv_text([row(slug="b", status="")]))
    draft = write(tmp_path, "c.csv", csv_text([row(slug="c", status="draft")]))

    for path in (no_column, empty_cell, draft):
        import_places(path)

    statuses = dict(Place.objects.values_list("slug", "status"))
    assert statuses == {"a": "published", "b": "published", "c": "draft"}


def test_a_file_with_only_name_and_coordinates_is_enough(tmp_path):
    path = write(tmp_path, "min.csv", "name,lat,lon\nLa Ressourcerie,48.75,-0.57\n")

    import_places(path)

    place = Place.objects.get(slug="la-ressourcerie")
    assert place.name == "La Ressourcerie"
    assert place.status == Place.Status.PUBLISHED
    assert place.types.count() == 0
    assert (place.latitude, place.longitude) == pytest.approx((48.75, -0.57))


def test_a_semicolon_csv_from_a_french_spreadsheet_is_read(tmp_path):
    text = csv_text([row(lat="48,5925", lon="-0,6453", types="fablab;recyclerie")], delimiter=";")
    # Excel's "CSV UTF-8" starts with a byte order mark.
    path = write(tmp_path, "tableur.csv", "\ufeff".encode() + text.encode())

    import_places(path)

    place = Place.objects.get(slug="cafe-des-possibles")
    assert sorted(t.slug for t in place.types.all()) == ["fablab", "recyclerie"]
    assert (place.latitude, place.longitude) == pytest.approx((48.5925, -0.6453))


def test_header_cells_padded_with_spaces_are_still_their_columns(tmp_path):
    path = write(tmp_path, "padded.csv", " name , lat , lon \nLe Fournil,48.75,-0.57\n")

    import_places(path)

    assert Place.objects.get(slug="le-fournil").latitude == pytest.approx(48.75)


def test_the_slug_is_made_from_the_name_when_the_file_has_none(tmp_path):
    path = write(tmp_path, "lieux.csv", "name,lat,lon,commune\nL’Atelier Vélo,48.75,-0.57,Athis\n")

    import_places(path)
    import_places(path)

    assert list(Place.objects.values_list("slug", flat=True)) == ["latelier-velo"]


# --- Updating by slug -------------------------------------------------------------------------


def test_importing_the_same_file_twice_updates_instead_of_duplicating(tmp_path, existing):
    path = write(
        tmp_path, "lieux.csv", csv_text([row(), row(name="La Filature", slug="la-filature")])
    )
    import_places(path)
    before = snapshot()

    out, _ = import_places(path)

    assert Place.objects.count() == 2
    assert "créés : 0, modifiés : 0, inchangés : 2" in out
    assert snapshot() == before  # not even `updated_at` moved: nothing was rewritten


def test_a_changed_value_is_reported_as_an_update_of_that_field(tmp_path, existing):
    path = write(
        tmp_path,
        "lieux.csv",
        "name,slug,summary,lat,lon\nLa Filature,la-filature,Coworking et fablab.,48.7502,-0.5671\n",
    )

    out, _ = import_places(path)

    assert "modifié : la-filature (summary)" in out
    assert "créés : 0, modifiés : 1, inchangés : 0" in out
    existing.refresh_from_db()
    assert existing.summary == "Coworking et fablab."


def test_an_update_reports_each_changed_field_types_and_coordinates_included(tmp_path, existing):
    path = write(
        tmp_path,
        "lieux.csv",
        "name,slug,types,lat,lon\nLa Filature,la-filature,coworking;fablab,48.7600,-0.5671\n",
    )

    out, _ = import_places(path)

    assert "modifié : la-filature (types, lat)" in out
    existing.refresh_from_db()
    assert sorted(t.slug for t in existing.types.all()) == ["coworking", "fablab"]
    assert existing.latitude == pytest.approx(48.76)


def test_columns_absent_from_the_file_leave_the_places_values_as_they_are(tmp_path, existing):
    before = snapshot()[0]
    path = write(
        tmp_path, "lieux.csv", "name,slug,lat,lon\nLa Filature,la-filature,48.7502,-0.5671\n"
    )

    out, _ = import_places(path)

    assert "inchangés : 1" in out
    assert snapshot()[0] == before


def test_a_draft_place_stays_a_draft_when_the_file_has_no_status(tmp_path, existing):
    existing.status = Place.Status.DRAFT
    existing.save()
    path = write(
        tmp_path, "lieux.csv", "name,slug,lat,lon\nLa Filature,la-filature,48.7502,-0.5671\n"
    )

    import_places(path)

    existing.refresh_from_db()
    assert existing.status == Place.Status.DRAFT


def test_an_import_updates_the_search_vector_and_the_map_data_version(tmp_path):
    start = version()
    path = write(
        tmp_path, "lieux.csv", csv_text([row(name="La Grange aux Savoirs", types="fablab")])
    )

    import_places(path)

    assert version() > start

    def found(text: str) -> list[str]:
        return [p.slug for p in place_search(filters=PlaceFilters(q=text))]

    assert found("grange savoirs") == ["cafe-des-possibles"]
    # Type labels are searched too, through the tags the import set.
    assert found("makerspace") == ["cafe-des-possibles"]


def test_dry_run_writes_nothing_but_reports_what_would_change(tmp_path, existing):
    before, start = snapshot(), version()
    path = write(
        tmp_path,
        "lieux.csv",
        csv_text([row(), row(name="La Filature", slug="la-filature", summary="Nouveau.")]),
    )

    out, _ = import_places(path, "--dry-run")

    assert "Vérification seule (--dry-run), rien n’est écrit" in out
    assert "créés : 1, modifiés : 1, inchangés : 0" in out
    assert "modifié : la-filature (" in out
    assert snapshot() == before
    assert version() == start


def test_dry_run_of_a_bad_file_reports_its_rows_and_fails_too(tmp_path, existing):
    path = write(tmp_path, "lieux.csv", csv_text([row(), row(slug="b", types="piscine")]))

    error, err = failed_import(path, "--dry-run")

    assert "ligne 3 : types : inconnu : piscine" in err
    assert "1 problème dans" in error
    assert Place.objects.count() == 1


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("oui", True), ("1", True), ("true", True), ("non", False), ("0", False), ("", False)],
)
def test_yes_no_columns_read_the_usual_spellings(tmp_path, cell, expected):
    path = write(
        tmp_path, "lieux.csv", f"name,welcomes_founders,lat,lon\nLa Forge,{cell},48.7,-0.5\n"
    )

    import_places(path)

    assert Place.objects.get(slug="la-forge").welcomes_founders is expected


def test_a_yes_no_column_with_another_value_is_a_bad_row(tmp_path):
    path = write(tmp_path, "lieux.csv", "name,is_demo,lat,lon\nLa Forge,peut-être,48.7,-0.5\n")

    _, err = failed_import(path)

    assert "ligne 2 : is_demo : Valeur attendue : 1 ou 0." in err
    assert Place.objects.count() == 0


def test_progress_is_printed_on_big_files(tmp_path):
    lines = ["name,slug,types,lat,lon"]
    lines += [f"Lieu {n},lieu-{n},autre,{48 + n / 10_000:.4f},-0.57" for n in range(1200)]
    path = write(tmp_path, "gros.csv", "\n".join(lines) + "\n")

    out, err = import_places(path, "--dry-run")

    assert "créés : 1200," in out
    assert "… 1000/1200 lieux vérifiés" in err
    assert "… 1200/1200 lieux vérifiés" in err


def test_progress_is_not_printed_on_small_files(tmp_path):
    _, err = import_places(write(tmp_path, "petit.csv", csv_text([row()])))

    assert err == ""


# --- Bad rows: all or nothing -----------------------------------------------------------------

BAD_CSV_ROWS = [
    pytest.param(row(name=""), "ligne 3 : name : ", id="missing-name"),
    pytest.param(row(lat=""), "ligne 3 : coordonnées manquantes", id="missing-latitude"),
    pytest.param(row(lat="", lon=""), "ligne 3 : coordonnées manquantes", id="no-coordinates"),
    pytest.param(row(lat="95"), "ligne 3 : lat : ", id="latitude-out-of-range"),
    pytest.param(row(lat="-90.5"), "ligne 3 : lat : ", id="latitude-below-range"),
    pytest.param(row(lon="200"), "ligne 3 : lon : ", id="longitude-out-of-range"),
    pytest.param(row(lat="quarante-huit"), "ligne 3 : lat : ", id="latitude-not-a-number"),
    pytest.param(row(lon="nan"), "ligne 3 : lon : ", id="longitude-nan"),
    pytest.param(
        row(types="coworking;boulangerie"),
        "ligne 3 : types : inconnu : boulangerie",
        id="unknown-type",
    ),
    pytest.param(
        row(services="wifi;piscine"), "ligne 3 : services : inconnu : piscine", id="unknown-service"
    ),
    pytest.param(
        row(opening_hours="Lu-Ve 9h-18h"),
        "ligne 3 : opening_hours : Ces horaires ne suivent pas la syntaxe OpenStreetMap",
        id="malformed-opening-hours",
    ),
    pytest.param(row(postcode="6170"), "ligne 3 : postcode : ", id="postcode-too-short"),
    pytest.param(row(postcode="61 700"), "ligne 3 : postcode : ", id="postcode-with-space"),
    pytest.param(row(postcode="６１７００"), "ligne 3 : postcode : ", id="postcode-wide-digits"),
    pytest.param(row(email="bonjour-at-cafe"), "ligne 3 : email : ", id="bad-email"),
    pytest.param(row(website="http://"), "ligne 3 : website : ", id="bad-url"),
    pytest.param(row(phone="appelez-nous"), "ligne 3 : phone : ", id="bad-phone"),
    pytest.param(row(status="publié"), "ligne 3 : status : ", id="bad-status"),
    pytest.param(row(summary="x" * 281), "ligne 3 : summary : ", id="summary-too-long"),
    pytest.param(row(slug="pas un slug"), "ligne 3 : slug : ", id="bad-slug"),
    pytest.param(
        row(slug="la-filature-2", name="Doublon"),
        "ligne 3 : le lieu « la-filature-2 » figure deux fois dans le fichier (voir aussi ligne 2)",
        id="duplicate-slug",
    ),
]


@pytest.mark.parametrize(("bad", "message"), BAD_CSV_ROWS)
def test_one_bad_csv_row_leaves_the_database_unchanged_and_is_reported(
    tmp_path, existing, bad, message
):
    # Line 2 creates a place, line 3 is bad, line 4 would update the existing place.
    path = write(
        tmp_path,
        "lieux.csv",
        csv_text(
            [
                row(slug="la-filature-2", name="La Filature bis"),
                bad,
                row(name="La Filature", slug="la-filature", summary="Changé"),
            ]
        ),
    )
    before, start = snapshot(), version()

    error, err = failed_import(path)

    assert message in err
    assert "ligne 2" not in err.replace("figure deux fois dans le fichier (voir aussi ligne 2)", "")
    assert "ligne 4" not in err
    assert "1 problème dans lieux.csv : rien n’a été importé" in error
    assert Place.objects.count() == 1
    assert snapshot() == before
    assert version() == start


def test_a_csv_row_with_more_cells_than_the_header_is_refused(tmp_path, existing):
    text = csv_text([row(slug="nouveau")]) + "Intrus,intrus,,,,,,,,,,,,,48.7,-0.5,en trop\n"
    path = write(tmp_path, "lieux.csv", text)
    before = snapshot()

    _, err = failed_import(path)

    assert "ligne 3 : 1 cellule(s) de plus que de colonnes dans l’en-tête" in err
    assert snapshot() == before


def test_a_csv_row_cut_short_is_refused(tmp_path, existing):
    path = write(tmp_path, "lieux.csv", "name,slug,lat,lon\nCoupé,coupe,48.7\n")

    _, err = failed_import(path)

    assert "ligne 2 : coordonnées manquantes" in err
    assert Place.objects.count() == 1


def test_every_bad_row_is_reported_with_its_line_and_reason(tmp_path, existing):
    path = write(
        tmp_path,
        "lieux.csv",
        csv_text(
            [
                row(slug="a", types="boulangerie"),
                row(slug="b"),
                row(slug="c", lat="100"),
                row(slug="d", email="non", opening_hours="midi"),
            ]
        ),
    )

    error, err = failed_import(path)

    lines = err.splitlines()
    assert lines[0].startswith("ligne 2 : types : inconnu : boulangerie")
    assert lines[1].startswith("ligne 4 : lat : ")
    assert any(line.startswith("ligne 5 : email : ") for line in lines)
    assert any(line.startswith("ligne 5 : opening_hours : ") for line in lines)
    assert not any("ligne 3" in line for line in lines)
    assert error.startswith("4 problèmes")
    assert Place.objects.count() == 1


def test_a_row_with_a_multi_line_cell_is_reported_at_the_line_where_it_starts(tmp_path):
    text = csv_text(
        [
            row(slug="a"),
            row(slug="b", description="Premier §\nDeuxième §\n\nFin", lat="quatre"),
            row(slug="c", email="non"),
        ]
    )
    path = write(tmp_path, "lieux.csv", text)
    # line 1 the header, line 2 a good row, lines 3-6 a row with a 4-line description
    assert text.splitlines()[6].startswith("Le Café des Possibles,c,")

    _, err = failed_import(path)

    assert err.splitlines()[0].startswith("ligne 3 : lat : ")
    assert err.splitlines()[1].startswith("ligne 7 : email : ")


BAD_FEATURES = [
    pytest.param(feature(name=""), "élément 2 : name : ", id="missing-name"),
    pytest.param(
        feature(geometry={"type": "LineString", "coordinates": [[-0.6, 48.5], [-0.5, 48.6]]}),
        "élément 2 : la géométrie doit être un Point (ici : LineString)",
        id="not-a-point",
    ),
    pytest.param(
        {"type": "Feature", "geometry": None, "properties": {"name": "Sans lieu"}},
        "élément 2 : coordonnées manquantes",
        id="no-geometry",
    ),
    pytest.param(
        feature(geometry={"type": "Point", "coordinates": ["-0.64", "48.59"]}),
        "élément 2 : les coordonnées du Point doivent être des nombres",
        id="coordinates-as-text",
    ),
    pytest.param(feature(lat=48.59, lon=-190.0), "élément 2 : lon : ", id="longitude-out-of-range"),
    pytest.param(feature(lat=148.59, lon=-0.64), "élément 2 : lat : ", id="latitude-out-of-range"),
    pytest.param(feature(types=["tiers-lieu"]), "élément 2 : types : inconnu", id="unknown-type"),
    pytest.param(
        feature(services=["sauna"]), "élément 2 : services : inconnu", id="unknown-service"
    ),
    pytest.param(
        feature(opening_hours="tous les jours"), "élément 2 : opening_hours : ", id="bad-hours"
    ),
    pytest.param(feature(status="online"), "élément 2 : status : ", id="bad-status"),
    pytest.param("pas une feature", "élément 2 : pas un objet Feature", id="not-an-object"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_FEATURES)
def test_one_bad_geojson_feature_leaves_the_database_unchanged_and_is_reported(
    tmp_path, existing, bad, message
):
    path = write(
        tmp_path,
        "lieux.geojson",
        geojson_text(
            [
                feature(slug="autre-lieu", name="Autre lieu"),
                bad,
                feature(name="La Filature", slug="la-filature", summary="Changé"),
            ]
        ),
    )
    before, start = snapshot(), version()

    error, err = failed_import(path)

    assert message in err
    assert "élément 1" not in err
    assert "élément 3" not in err
    assert "rien n’a été importé" in error
    assert snapshot() == before
    assert version() == start


@pytest.mark.django_db(transaction=True)
def test_a_refused_import_exits_with_status_1_from_the_command_line(tmp_path):
    """The real process, on the test database (committed data: a transactional test)."""
    path = write(
        tmp_path, "lieux.csv", "name,lat,lon\nBon lieu,48.7,-0.5\nMauvais lieu,148.7,-0.5\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": f"postgis:///{connection.settings_dict['NAME']}",
        "CONN_MAX_AGE": "0",
    }

    done = subprocess.run(
        [sys.executable, "manage.py", "import_places", path],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert "ligne 3 : lat : " in done.stderr
    assert "rien n’a été importé" in done.stderr
    assert Place.objects.count() == 0


# --- Whole-file errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param(
            "a.geojson", "ceci n’est pas du JSON", "JSON invalide (ligne 1)", id="not-json"
        ),
        pytest.param(
            "a.geojson",
            '{"type": "Feature", "geometry": null, "properties": {}}',
            "Le GeoJSON doit être une FeatureCollection",
            id="not-a-feature-collection",
        ),
        pytest.param("a.geojson", "[1, 2]", "FeatureCollection", id="json-list"),
        pytest.param(
            "a.geojson",
            '{"type": "FeatureCollection", "features": {}}',
            "liste « features »",
            id="features-not-a-list",
        ),
        pytest.param("a.geojson", "[" * 100_000, "JSON invalide", id="nested-too-deep"),
        pytest.param(
            "a.csv",
            "name,latitude,longitude\nLieu,48.7,-0.5\n",
            "Colonnes obligatoires absentes de l’en-tête : lat, lon",
            id="csv-without-lat-lon",
        ),
        pytest.param("a.csv", "", "pas de ligne d’en-tête", id="empty-csv"),
        pytest.param(
            "a.csv",
            "name,lat,lon\nCafé,48.7,-0.5\n".encode("latin-1"),
            "encodé en UTF-8",
            id="not-utf-8",
        ),
        pytest.param("a.xlsx", "name,lat,lon\n", "Format inconnu", id="unknown-extension"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_clear_command_error(
    tmp_path, existing, name, data, message
):
    before = snapshot()

    error, _ = failed_import(write(tmp_path, name, data))

    assert message in error
    assert snapshot() == before


def test_a_missing_file_is_a_clear_command_error(tmp_path):
    error, _ = failed_import(str(tmp_path / "absent.csv"))

    assert str(tmp_path / "absent.csv") in error


# --- Export -----------------------------------------------------------------------------------


@pytest.fixture
def directory():
    """Published places, rich in content, and places of every other status."""
    PlaceFactory(
        name="La Filature",
        slug="la-filature",
        summary="Coworking « au calme », café ; fablab.",
        description='Ligne 1, avec virgule.\n\n* une liste\n* « guillemets » et "doubles"',
        commune="Flers",
        postcode="61100",
        email="secret@filature.example",
        website="https://filature.example/?a=1&b=2",
        phone="+33 2 33 00 00 00",
        opening_hours="Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00; PH off",
        welcomes_founders=True,
        is_demo=True,
        lat=48.12345678,
        lon=-0.3152775,
        types=["coworking", "fablab"],
        services=["wifi", "impression", "acces-pmr"],
    )
    PlaceFactory(name="Le Jardin", slug="le-jardin", types=["jardin-partage"], address="")
    for status in (Place.Status.DRAFT, Place.Status.PENDING, Place.Status.ARCHIVED):
        PlaceFactory(slug=f"lieu-{status}", status=status, email=f"{status}@example.org")


def test_export_to_geojson_writes_the_published_places_as_rfc_7946(tmp_path, directory):
    path = tmp_path / "lieux.geojson"

    out = export_places(str(path))

    document = json.loads(path.read_text(encoding="utf-8"))
    assert "2 lieux exportés" in out
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    assert [f["properties"]["slug"] for f in document["features"]] == ["la-filature", "le-jardin"]
    filature = document["features"][0]
    assert filature["type"] == "Feature"
    assert filature["geometry"] == {"type": "Point", "coordinates": [-0.315277, 48.123457]}
    assert filature["properties"]["types"] == ["coworking", "fablab"]
    assert sorted(filature["properties"]["services"]) == ["acces-pmr", "impression", "wifi"]
    assert filature["properties"]["welcomes_founders"] is True
    assert set(filature["properties"]) == {*EXPORT_FIELDS, "url"}


def test_export_to_csv_writes_the_published_places_with_the_import_columns(tmp_path, directory):
    path = tmp_path / "lieux.csv"

    export_places(str(path))

    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
    assert reader.fieldnames == [*EXPORT_FIELDS, "lat", "lon"]
    assert [r["slug"] for r in rows] == ["la-filature", "le-jardin"]
    assert rows[0]["types"] == "coworking;fablab"
    assert (rows[0]["lat"], rows[0]["lon"]) == ("48.123457", "-0.315277")
    assert rows[0]["description"].startswith("Ligne 1, avec virgule.\n\n* une liste")


@pytest.mark.parametrize("name", ["lieux.geojson", "lieux.csv"])
def test_export_leaves_the_e_mails_out(tmp_path, directory, name):
    path = tmp_path / name

    export_places(str(path))

    text = path.read_text(encoding="utf-8")
    assert "secret@filature.example" not in text
    assert "email" not in text


@pytest.mark.parametrize("name", ["lieux.geojson", "lieux.csv"])
def test_reimporting_an_export_leaves_the_e_mails_untouched(tmp_path, directory, name):
    path = tmp_path / name
    export_places(str(path))

    import_places(str(path))

    assert Place.objects.get(slug="la-filature").email == "secret@filature.example"


@pytest.mark.parametrize("name", ["lieux.geojson", "lieux.csv"])
def test_import_export_import_leaves_every_place_unchanged(tmp_path, directory, name):
    # The places first come in through a file, as a coordinator's would.
    first = tmp_path / f"premier-{name}"
    export_places(str(first))
    Place.objects.filter(status=Place.Status.PUBLISHED).delete()
    import_places(str(first))
    imported = snapshot()
    again = tmp_path / f"second-{name}"

    export_places(str(again))
    out, _ = import_places(str(again))

    assert "créés : 0, modifiés : 0, inchangés : 2" in out
    assert snapshot() == imported
    assert again.read_bytes() == first.read_bytes()


@pytest.mark.parametrize("name", ["lieux.geojson", "lieux.csv"])
def test_an_export_recreates_the_same_published_places_in_an_empty_directory(
    tmp_path, directory, name
):
    path = tmp_path / name
    export_places(str(path))
    published = [p for p in snapshot() if p["status"] == "published"]
    Place.objects.all().delete()

    import_places(str(path))

    without = ("id", "created_at", "updated_at", "email")
    assert content(snapshot(), without=without) == content(published, without=without)


def test_a_coordinate_rounded_by_the_export_to_its_half_comes_back_unchanged(tmp_path):
    PlaceFactory(slug="moitie", lat=48.7, lon=-0.3152775)  # rounds by 5.0000000001e-07
    path = tmp_path / "lieux.csv"
    export_places(str(path))

    out, _ = import_places(str(path))

    assert "inchangés : 1" in out


def test_export_to_an_unknown_extension_is_a_command_error(tmp_path, directory):
    with pytest.raises(CommandError, match="Format inconnu"):
        export_places(str(tmp_path / "lieux.xlsx"))

    assert not (tmp_path / "lieux.xlsx").exists()


def test_export_to_a_folder_that_does_not_exist_is_a_command_error(tmp_path, directory):
    with pytest.raises(CommandError, match="absent/lieux.csv"):
        export_places(str(tmp_path / "absent" / "lieux.csv"))


# --- Demo data --------------------------------------------------------------------------------


def test_load_demo_twice_refreshes_the_demo_places_instead_of_duplicating():
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    count = Place.objects.count()
    place = Place.objects.order_by("slug").first()
    summary = place.summary
    Place.objects.filter(pk=place.pk).update(summary="Modifié à la main")
    out = io.StringIO()

    call_command("load_demo", stdout=out, stderr=io.StringIO())

    assert Place.objects.count() == count
    assert f"créés : 0, modifiés : 1, inchangés : {count - 1}" in out.getvalue()
    place.refresh_from_db()
    assert place.summary == summary


def test_the_import_reports_progress_while_checking_and_while_writing():
    rows = list(read_rows(csv_text([row(slug="a"), row(slug="b")]).encode(), fmt="csv"))
    calls = []

    importing.place_import(rows=rows, fmt="csv", progress=lambda *call: calls.append(call))

    assert calls == [("check", 1, 2), ("check", 2, 2), ("write", 1, 2), ("write", 2, 2)]


# --- Files that attack the reader -------------------------------------------------------------


def test_a_csv_cell_over_128_kib_is_a_bad_row_with_its_line_and_nothing_is_written(
    tmp_path, existing
):
    huge = "x" * (128 * 1024 + 1)
    text = csv_text([row(slug="a"), row(slug="b", description=huge), row(slug="c")])
    path = write(tmp_path, "lieux.csv", text)
    before = snapshot()

    error, err = failed_import(path)

    assert "ligne 3 : une cellule dépasse 128 Kio" in err
    assert "ligne 2" not in err and "ligne 4" not in err
    assert "1 problème dans lieux.csv : rien n’a été importé" in error
    assert snapshot() == before


def test_a_quote_never_closed_is_a_bad_row_at_the_line_where_it_opens(tmp_path, existing):
    text = csv_text([row(slug="a"), row(slug="b")]) + 'Le "Fournil,"pas fermé,48.7,-0.5\n'
    path = write(tmp_path, "lieux.csv", text)
    before = snapshot()

    error, err = failed_import(path)

    assert "ligne 4 : un guillemet ouvert n’est jamais refermé" in err
    assert "ligne 2" not in err and "ligne 3" not in err
    assert "rien n’a été importé" in error
    assert snapshot() == before


def test_a_quote_misplaced_in_a_cell_is_a_bad_row_and_the_next_rows_are_still_checked(tmp_path):
    text = "name,slug,lat,lon\n" + '"Le Fournil"x,fournil,48.7,-0.5\n' + "Sans lat,sans-lat,,-0.5\n"
    path = write(tmp_path, "lieux.csv", text)

    _, err = failed_import(path)

    assert err.splitlines()[0].startswith("ligne 2 : guillemets mal placés")
    assert err.splitlines()[1] == "ligne 3 : coordonnées manquantes (lat et lon)"
    assert Place.objects.count() == 0


@pytest.mark.parametrize(
    ("properties", "message"),
    [
        pytest.param({"name": {"a": 1}}, "élément 1 : name : du texte est attendu", id="object"),
        pytest.param({"name": 42}, "élément 1 : name : du texte est attendu", id="number"),
        pytest.param({"summary": ["a"]}, "élément 1 : summary : du texte est attendu", id="list"),
        pytest.param({"postcode": 61100}, "élément 1 : postcode : du texte est attendu", id="cp"),
        pytest.param(
            {"types": [{"slug": "fablab"}]},
            "élément 1 : types : une liste d’identifiants (du texte) est attendue",
            id="types-of-objects",
        ),
        pytest.param(
            {"welcomes_founders": 3},
            "élément 1 : welcomes_founders : oui ou non (true ou false) est attendu",
            id="flag-number",
        ),
    ],
)
def test_a_geojson_value_of_the_wrong_type_is_a_bad_row_never_stored_as_text(
    tmp_path, properties, message
):
    path = write(tmp_path, "lieux.geojson", geojson_text([feature(slug="typee", **properties)]))

    error, err = failed_import(path)

    assert message in err
    assert "rien n’a été importé" in error
    assert not Place.objects.exists()


def test_null_properties_are_empty_values(tmp_path):
    path = write(tmp_path, "lieux.geojson", geojson_text([feature(summary=None, types=None)]))

    import_places(path)

    place = Place.objects.get(slug="cafe-des-possibles")
    assert place.summary == ""
    assert place.types.count() == 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr("places.io.MAX_BYTES", 100)
    path = write(tmp_path, "lieux.csv", csv_text([row(), row(slug="b")]))
    read = []
    monkeypatch.setattr("places.io.scan", lambda *args, **kwargs: read.append(1))

    error, _ = failed_import(path)

    assert "Fichier trop gros : 50 Mo au plus." in error
    assert read == []
    assert not Place.objects.exists()


def test_a_json_error_deep_in_a_big_file_says_between_which_lines(tmp_path, monkeypatch):
    monkeypatch.setattr("places.io.geojsonfiles.EXACT_JSON_ERRORS_BYTES", 10)
    features = ",\n".join(json.dumps(feature(slug=f"lieu-{n}")) for n in range(3))
    path = write(
        tmp_path, "lieux.geojson", '{"type": "FeatureCollection", "features": [\n' + features
    )

    error, _ = failed_import(path)

    assert "JSON invalide (ligne" in error or "JSON invalide (entre les lignes" in error


def test_a_geojson_nested_thousands_deep_inside_a_feature_is_refused_without_exhausting_memory(
    tmp_path,
):
    deep = "[" * 200_000 + "]" * 200_000
    text = '{"type": "FeatureCollection", "features": [{"properties": {"x": ' + deep + "}}]}"
    path = write(tmp_path, "lieux.geojson", text)

    error, _ = failed_import(path)

    assert "imbrication trop profonde" in error


# --- Formulas in spreadsheets (OWASP CSV injection) -------------------------------------------


@pytest.fixture
def formulas():
    return PlaceFactory(
        name='=HYPERLINK("http://evil.example")',
        slug="formules",
        summary="=2+5",
        description="\t=2+5",
        address="@SUM(A1)",
        commune="-1+1",
        phone="+33 2 33 00 00 00",
    )


def test_the_csv_export_neutralises_every_cell_a_spreadsheet_would_run(tmp_path, formulas):
    path = tmp_path / "lieux.csv"

    export_places(str(path))

    with path.open(encoding="utf-8", newline="") as file:
        (exported,) = list(csv.DictReader(file))
    assert exported["name"] == '\'=HYPERLINK("http://evil.example")'
    assert exported["summary"] == "'=2+5"
    assert exported["description"] == "'\t=2+5"
    assert exported["address"] == "'@SUM(A1)"
    assert exported["commune"] == "'-1+1"
    assert exported["phone"] == "'+33 2 33 00 00 00"
    # Coordinates are the export's own numbers: a longitude west of Greenwich stays a number.
    assert exported["lon"] == "-0.5694"


def test_neutralised_cells_import_back_exactly(tmp_path, formulas):
    before = snapshot()
    path = tmp_path / "lieux.csv"
    export_places(str(path))
    Place.objects.all().delete()

    import_places(str(path))

    place = Place.objects.get(slug="formules")
    assert place.phone == "+33 2 33 00 00 00"
    assert place.summary == "=2+5"
    assert place.description == "\t=2+5"
    without = ("id", "created_at", "updated_at", "email")
    assert content(snapshot(), without=without) == content(before, without=without)


@pytest.mark.parametrize("value", ["'=2+5", "''=2+5", "'abc", "'", "=", "-", "' =x"])
def test_values_that_start_with_quotes_round_trip_too(tmp_path, value):
    PlaceFactory(slug="guillemets", summary=value)
    path = tmp_path / "lieux.csv"
    export_places(str(path))
    Place.objects.all().delete()

    import_places(str(path))

    assert Place.objects.get(slug="guillemets").summary == value


def test_the_geojson_export_keeps_values_as_they_are(tmp_path, formulas):
    path = tmp_path / "lieux.geojson"

    export_places(str(path))

    properties = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert properties["summary"] == "=2+5"
    assert properties["phone"] == "+33 2 33 00 00 00"


def test_free_text_keeps_its_leading_and_trailing_white_space(tmp_path):
    text = csv_text(
        [row(name=" Le Café ", summary="\t=2+5", description="  retrait\n", commune=" Flers")]
    )
    path = write(tmp_path, "lieux.csv", text)

    import_places(path)

    place = Place.objects.get(slug="cafe-des-possibles")
    assert (place.name, place.summary, place.description, place.commune) == (
        " Le Café ",
        "\t=2+5",
        "  retrait\n",
        " Flers",
    )


def test_values_with_a_syntax_of_their_own_are_trimmed(tmp_path):
    text = csv_text(
        [
            row(
                slug=" cafe-des-possibles ",
                postcode=" 61700 ",
                email=" bonjour@cafe.example ",
                website=" https://cafe.example ",
                types=" fablab ; coworking ",
                status=" draft ",
                lat=" 48.5925 ",
            )
        ]
    )
    path = write(tmp_path, "lieux.csv", text)

    import_places(path)

    place = Place.objects.get(slug="cafe-des-possibles")
    assert (place.postcode, place.email, place.website, place.status) == (
        "61700",
        "bonjour@cafe.example",
        "https://cafe.example",
        "draft",
    )
    assert sorted(t.slug for t in place.types.all()) == ["coworking", "fablab"]


def test_a_name_of_white_space_only_is_a_missing_name(tmp_path):
    path = write(tmp_path, "lieux.csv", csv_text([row(name=" \t ", slug="vide")]))

    _, err = failed_import(path)

    assert "ligne 2 : name : " in err
    assert not Place.objects.exists()


# --- Batches ----------------------------------------------------------------------------------


def test_an_import_larger_than_a_batch_creates_updates_and_tags_every_place(
    tmp_path, monkeypatch, existing
):
    monkeypatch.setattr("places.importing.BATCH_SIZE", 3)
    rows = [row(slug=f"lieu-{n}", name=f"Lieu {n}", types="fablab") for n in range(7)]
    rows.append(row(slug="la-filature", name="La Filature", summary="Changé", types="fablab"))
    path = write(tmp_path, "lieux.csv", csv_text(rows))

    out, _ = import_places(path)

    assert "créés : 7, modifiés : 1, inchangés : 0" in out
    assert Place.objects.filter(types__slug="fablab").count() == 8
    existing.refresh_from_db()
    assert existing.summary == "Changé"
    assert [t.slug for t in existing.types.all()] == ["fablab"]

    def found(text: str) -> list[str]:
        return sorted(p.slug for p in place_search(filters=PlaceFilters(q=text)))

    # Each new place's search vector has its tags: "makerspace" is the fablab type's label.
    assert len(found("makerspace")) == 8


def test_a_bad_row_in_a_later_batch_undoes_the_batches_already_written(
    tmp_path, monkeypatch, existing
):
    monkeypatch.setattr("places.importing.BATCH_SIZE", 2)
    rows = [row(slug=f"lieu-{n}", name=f"Lieu {n}") for n in range(5)]
    rows.append(row(slug="la-filature", name="La Filature", summary="Changé"))
    rows.append(row(slug="mauvais", lat="200"))
    path = write(tmp_path, "lieux.csv", csv_text(rows))
    before, start = snapshot(), version()

    _, err = failed_import(path)

    assert err.startswith("ligne 8 : lat : ")
    assert snapshot() == before
    assert version() == start


def test_a_large_import_analyses_the_tables_it_wrote(tmp_path):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE places_place")  # the empty table, as the planner knows it
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'places_place'")
        (estimate_before,) = cursor.fetchone()
    rows = [row(slug=f"lieu-{n}", name=f"Lieu {n}") for n in range(50)]

    import_places(write(tmp_path, "lieux.csv", csv_text(rows)))

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'places_place'")
        (estimate,) = cursor.fetchone()
    assert estimate_before <= 0
    assert estimate == 50


def test_an_import_leaves_a_version_of_each_place_it_writes_in_its_history(tmp_path, existing):
    new = row(name="La Forge", slug="la-forge", types="fablab;coworking")
    path = write(
        tmp_path,
        "lieux.csv",
        csv_text([new, row(name="La Filature", slug="la-filature", summary="Autre.")]),
    )
    before = existing.history.count()
    import_places(path)
    forge = Place.objects.get(slug="la-forge").history.get()
    assert forge.history_type == "+" and forge.history_change_reason == "Import"
    assert sorted(t.placetype.slug for t in forge.types.all()) == ["coworking", "fablab"]
    changed = existing.history.order_by("-history_date").first()
    assert existing.history.count() == before + 1 and changed.summary == "Autre."
    import_places(path)  # nothing changes: no new version
    assert existing.history.count() == before + 1
