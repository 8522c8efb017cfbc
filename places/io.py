"""The directory's file formats: GeoJSON and CSV, read and written the same way.

Files are parsed with Python's `json` and `csv` only: no untrusted file ever reaches GDAL
(see the note on `gis.W001` in settings). A file is read into numbered rows; what a row
means is checked by `services.place_import`.
"""

import csv
import io
import json
import math
import re
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
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class FormatError(ValueError):
    """The file as a whole cannot be read (not JSON, no header, not a FeatureCollection...)."""


@dataclass(frozen=True)
class Row:
    """One place of a file, as found there, with where it was found."""

    where: str  # "ligne 3", "élément 2": what a person looks for in the file
    data: dict
    lat: object
    lon: object
    # What is wrong with the shape of the row itself: cells beyond the header's columns...
    problems: tuple[str, ...] = ()
    # ...or a geometry that gives no usable point (lat and lon are then None).
    coordinates_problem: str = ""


def file_format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in {".geojson", ".json"}:
        return "geojson"
    if suffix == ".csv":
        return "csv"
    raise FormatError(
        _("Format inconnu : le nom du fichier doit se terminer par .geojson ou .csv.")
    )


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
    except RecursionError:
        raise FormatError(_("JSON invalide : imbrication trop profonde.")) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise FormatError(_("Le GeoJSON doit être une FeatureCollection."))
    features = document.get("features")
    if not isinstance(features, list):
        raise FormatError(_("La FeatureCollection n’a pas de liste « features »."))
    for number, feature in enumerate(features, start=1):
        yield _feature_row(feature, where=_("élément %(n)d") % {"n": number})


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _feature_row(feature, *, where: str) -> Row:
    """One GeoJSON feature: properties as they are, a Point's [lon, lat] as numbers."""
    if not isinstance(feature, dict):
        return Row(where=where, data={}, lat=None, lon=None, problems=(_("pas un objet Feature"),))
    properties = feature.get("properties")
    data = properties if isinstance(properties, dict) else {}
    geometry = feature.get("geometry")
    if geometry is None:
        return Row(where=where, data=data, lat=None, lon=None)
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind != "Point":
        problem = _("la géométrie doit être un Point (ici : %(kind)s)") % {
            "kind": kind if isinstance(kind, str) else "?"
        }
        return Row(where=where, data=data, lat=None, lon=None, coordinates_problem=problem)
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return Row(where=where, data=data, lat=None, lon=None)
    lon, lat = coordinates[:2]
    if not (_is_number(lon) and _is_number(lat)):
        problem = _("les coordonnées du Point doivent être des nombres [longitude, latitude]")
        return Row(where=where, data=data, lat=None, lon=None, coordinates_problem=problem)
    return Row(where=where, data=data, lat=lat, lon=lon)


def _read_csv(text: str) -> Iterator[Row]:
    sample = text[:4096]
    first_line = sample.splitlines()[0] if sample else ""
    # Spreadsheets in French often save with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise FormatError(_("Le CSV n’a pas de ligne d’en-tête."))
    # " lat" and "lat" are the same column: people pad headers in spreadsheets.
    reader.fieldnames = [name.strip() for name in reader.fieldnames]
    missing = {"name", "lat", "lon"} - set(reader.fieldnames)
    if missing:
        raise FormatError(
            _("Colonnes obligatoires absentes de l’en-tête : %(cols)s.")
            % {"cols": ", ".join(sorted(missing))}
        )
    for record in reader:
        extra = record.pop(None, None)
        cells = [*record.values(), *(extra or [])]
        # `line_num` is the record's last line; a quoted cell may span several.
        breaks = sum(len(_LINE_BREAK.findall(cell)) for cell in cells if isinstance(cell, str))
        data = {key: value for key, value in record.items() if key not in {"lat", "lon"}}
        for name in LIST_FIELDS & data.keys():
            data[name] = (data[name] or "").split(";")
        yield Row(
            where=_("ligne %(n)d") % {"n": reader.line_num - breaks},
            data=data,
            lat=record.get("lat"),
            lon=record.get("lon"),
            problems=(
                (_("%(n)d cellule(s) de plus que de colonnes dans l’en-tête") % {"n": len(extra)},)
                if extra
                else ()
            ),
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
