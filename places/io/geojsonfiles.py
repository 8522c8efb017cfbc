"""GeoJSON read as a stream with `ijson` (an incremental parser) and written the same way."""

import io
import json
import math
from collections.abc import Iterable, Iterator
from typing import BinaryIO

import ijson
from django.utils.translation import gettext as _

from places.io.rows import EXPORT_FIELDS, FIELDS, FLAG_FIELDS, LIST_FIELDS, FormatError, Row

# GeoJSON of points nests a few levels deep; far deeper is an attack on the parser.
MAX_JSON_DEPTH = 64
# A JSON error in a file up to this size is located exactly (the file is decoded again).
EXACT_JSON_ERRORS_BYTES = 1024 * 1024
LICENCE = "ODbL-1.0"
LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
ATTRIBUTION = "La Fabrique du Bocage"


class _CountingReader:
    """A binary file that counts the lines it has handed out, to locate a JSON error."""

    def __init__(self, file: BinaryIO):
        self.file = file
        self.lines_before = 0  # line breaks before the last chunk read
        self.lines_after = 0  # ...and up to its end

    def read(self, size: int = -1) -> bytes:
        chunk = self.file.read(size)
        self.lines_before = self.lines_after
        self.lines_after += chunk.count(b"\n")
        return chunk


def _json_error(file: BinaryIO, reader: _CountingReader, error: Exception) -> FormatError:
    """An error of the incremental parser, located as well as the file's size allows."""
    file.seek(0, io.SEEK_END)
    if file.tell() <= EXACT_JSON_ERRORS_BYTES:
        file.seek(0)
        try:
            json.loads(file.read().decode("utf-8-sig"))
        except json.JSONDecodeError as exact:
            return FormatError(
                _("JSON invalide (ligne %(line)d) : %(msg)s")
                % {"line": exact.lineno, "msg": exact.msg}
            )
        except (UnicodeDecodeError, RecursionError):
            pass
    first, last = reader.lines_before + 1, reader.lines_after + 1
    where = (
        _("ligne %(n)d") % {"n": first}
        if first == last
        else _("entre les lignes %(first)d et %(last)d") % {"first": first, "last": last}
    )
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return FormatError(_("JSON invalide (%(where)s) : %(msg)s") % {"where": where, "msg": message})


def scan(file: BinaryIO) -> int:
    """One pass of parser events: a FeatureCollection whose `features` is a list, nested no
    deeper than MAX_JSON_DEPTH; the number of its features."""
    reader = _CountingReader(file)
    depth, count = 0, 0
    key = kind = None  # the root's member being read; the root's "type"
    features = in_features = False
    try:
        for event, value in ijson.basic_parse(reader, use_float=True):
            # A root that is not an object is reported once the file is known to be JSON.
            if depth == 0 and event != "start_map":
                kind = None
            elif depth == 1 and event == "map_key":
                key = value
            elif depth == 1 and event != "end_map":  # the value of the root's member `key`
                if key == "type":
                    kind = value if event == "string" else None
                elif key == "features":
                    features = in_features = event == "start_array"
            elif depth == 2 and in_features and event != "end_array":
                count += 1  # a Feature, or something else to report as its row
            if event in {"start_map", "start_array"}:
                depth += 1
                if depth > MAX_JSON_DEPTH:
                    raise FormatError(_("JSON invalide : imbrication trop profonde."))
            elif event in {"end_map", "end_array"}:
                depth -= 1
                in_features = in_features and depth > 1
    except ijson.JSONError as error:
        raise _json_error(file, reader, error) from None
    except UnicodeDecodeError:
        raise FormatError(_("Le fichier doit être encodé en UTF-8.")) from None
    if kind != "FeatureCollection":
        raise FormatError(_("Le GeoJSON doit être une FeatureCollection."))
    if not features:
        raise FormatError(_("La FeatureCollection n’a pas de liste « features »."))
    file.seek(0)
    return count


def read(file: BinaryIO) -> Iterator[Row]:
    try:
        features = ijson.items(file, "features.item", use_float=True)
        for number, feature in enumerate(features, start=1):
            yield _feature_row(feature, where=_("élément %(n)d") % {"n": number})
    except ijson.JSONError as error:
        raise FormatError(_("JSON invalide : %(msg)s") % {"msg": str(error).strip()}) from None


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _typed_properties(properties: dict) -> tuple[dict, list[str]]:
    """The known properties whose JSON type fits, and a problem for each one that does not:
    a name given as an object is a bad row, not the text "{'a': 1}"."""
    data, problems = {}, []
    for name in FIELDS:
        if name not in properties:
            continue
        value = properties[name]
        if value is None:
            data[name] = ""
            continue
        if name in LIST_FIELDS:
            fits = isinstance(value, str) or (
                isinstance(value, list) and all(isinstance(item, str) for item in value)
            )
            expected = _("une liste d’identifiants (du texte) est attendue")
        elif name in FLAG_FIELDS:
            fits = isinstance(value, bool | str)
            expected = _("oui ou non (true ou false) est attendu")
        else:
            fits = isinstance(value, str)
            expected = _("du texte est attendu")
        if fits:
            data[name] = value
        else:
            problems.append(_("%(field)s : %(message)s") % {"field": name, "message": expected})
    return data, problems


def _feature_row(feature, *, where: str) -> Row:
    """One GeoJSON feature: properties of the right types, a Point's [lon, lat] as numbers."""
    if not isinstance(feature, dict):
        problems = (_("pas un objet Feature"),)
        return Row(where=where, data={}, lat=None, lon=None, problems=problems, readable=False)
    properties = feature.get("properties")
    if properties is None or isinstance(properties, dict):
        data, problems = _typed_properties(properties or {})
    else:
        data, problems = {}, [_("« properties » doit être un objet")]
    problems = tuple(problems)
    geometry = feature.get("geometry")
    if geometry is None:
        return Row(where=where, data=data, lat=None, lon=None, problems=problems)
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind != "Point":
        problem = _("la géométrie doit être un Point (ici : %(kind)s)") % {
            "kind": kind if isinstance(kind, str) else "?"
        }
        return Row(
            where=where,
            data=data,
            lat=None,
            lon=None,
            problems=problems,
            coordinates_problem=problem,
        )
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return Row(where=where, data=data, lat=None, lon=None, problems=problems)
    lon, lat = coordinates[:2]
    if not (_is_number(lon) and _is_number(lat)):
        problem = _("les coordonnées du Point doivent être des nombres [longitude, latitude]")
        return Row(
            where=where,
            data=data,
            lat=None,
            lon=None,
            problems=problems,
            coordinates_problem=problem,
        )
    return Row(where=where, data=data, lat=lat, lon=lon, problems=problems)


def write(records: Iterable[dict], out) -> int:
    """An RFC 7946 FeatureCollection, one feature per line, written as it goes; its licence
    is a foreign member of the collection (RFC 7946, section 6.1)."""
    head = {"type": "FeatureCollection", "licence": LICENCE, "licence_url": LICENCE_URL}
    head["attribution"] = ATTRIBUTION
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ',\n"features": [')
    count = 0
    for record in records:
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
            "properties": {
                name: record[name] for name in [*EXPORT_FIELDS, "url"] if name in record
            },
        }
        out.write(",\n" if count else "\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
