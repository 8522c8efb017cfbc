"""The directory's file formats: GeoJSON and CSV, read and written the same way.

Files are parsed with Python's `json` and `csv` only: no untrusted file ever reaches GDAL
(see the note on `gis.W001` in settings). A file is read into numbered rows; what a row
means is checked by `services.place_import`.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

# The columns of a place, in the order of a CSV export; `lat` and `lon` close the row.
FIELDS = [
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
    "welcomes_founders",
    "is_demo",
]
# Exports are open data: hosts' e-mail addresses stay out of them (a column left out of a
# file leaves that field untouched on import, so an export still imports back unchanged).
EXPORT_FIELDS = [name for name in FIELDS if name != "email"]
LIST_FIELDS = {"types", "services"}
MAX_BYTES = 50 * 1024 * 1024


class FormatError(ValueError):
    """The file as a whole cannot be read (not JSON, no header, not a FeatureCollection...)."""


@dataclass(frozen=True)
class Row:
    """One place of a file, as found there, with where it was found."""

    where: str  # "ligne 3", "élément 2": what a person looks for in the file
    data: dict
    lat: object
    lon: object


def file_format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in {".geojson", ".json"}:
        return "geojson"
    if suffix == ".csv":
        return "csv"
    raise FormatError(_("Format inconnu : le fichier doit finir par .geojson ou .csv."))


def read_rows(content: bytes, *, fmt: str) -> list[Row]:
    if len(content) > MAX_BYTES:
        raise FormatError(_("Fichier trop gros (50 Mo au plus)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError(_("Le fichier doit être encodé en UTF-8.")) from None
    return list(_read_geojson(text) if fmt == "geojson" else _read_csv(text))


def _read_geojson(text: str) -> Iterator[Row]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            _("JSON invalide (ligne %(line)d) : %(msg)s") % {"line": error.lineno, "msg": error.msg}
        ) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise FormatError(_("Le GeoJSON doit être une FeatureCollection."))
    features = document.get("features")
    if not isinstance(features, list):
        raise FormatError(_("La FeatureCollection n’a pas de liste « features »."))
    for number, feature in enumerate(features, start=1):
        where = _("élément %(n)d") % {"n": number}
        feature = feature if isinstance(feature, dict) else {}
        geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else {}
        coordinates = geometry.get("coordinates") if geometry.get("type") == "Point" else None
        lon, lat = (
            (coordinates + [None, None])[:2] if isinstance(coordinates, list) else (None, None)
        )
        properties = feature.get("properties")
        yield Row(
            where=where, data=properties if isinstance(properties, dict) else {}, lat=lat, lon=lon
        )


def _read_csv(text: str) -> Iterator[Row]:
    sample = text[:4096]
    first_line = sample.splitlines()[0] if sample else ""
    # Spreadsheets in French often save with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise FormatError(_("Le CSV n’a pas de ligne d’en-tête."))
    missing = {"name", "lat", "lon"} - {name.strip() for name in reader.fieldnames}
    if missing:
        raise FormatError(
            _("Colonnes obligatoires absentes de l’en-tête : %(cols)s.")
            % {"cols": ", ".join(sorted(missing))}
        )
    for record in reader:
        data = {
            (key or "").strip(): value
            for key, value in record.items()
            if key is not None and key.strip() not in {"lat", "lon"}
        }
        if None in record:
            data["__extra__"] = record[None]
        for name in LIST_FIELDS & data.keys():
            data[name] = [part for part in (data[name] or "").split(";")]
        yield Row(
            where=_("ligne %(n)d") % {"n": reader.line_num},
            data=data,
            lat=record.get("lat"),
            lon=record.get("lon"),
        )


def write(records: Iterable[dict], *, fmt: str) -> str:
    """Records (FIELDS plus `lat`, `lon`) as the text of a file import_places reads back."""
    if fmt == "geojson":
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
                "properties": {name: record[name] for name in EXPORT_FIELDS if name in record},
            }
            for record in records
        ]
        return json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1
        )
    output = io.StringIO()
    columns = [*EXPORT_FIELDS, "lat", "lon"]
    writer = csv.DictWriter(output, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = dict(record)
        for name in LIST_FIELDS:
            row[name] = ";".join(row.get(name) or [])
        for name in ("welcomes_founders", "is_demo"):
            if name in row:
                row[name] = "true" if row[name] else "false"
        writer.writerow({name: row.get(name, "") for name in columns})
    return output.getvalue()
