"""The directory's file formats: GeoJSON and CSV, read as streams and written the same way.

Files are parsed with `ijson` (an incremental JSON parser) and Python's `csv` only: no
untrusted file ever reaches GDAL (see the note on `gis.W001` in settings), and no file is
ever held in memory whole. `scan` checks a file's shape and counts its places; `read_rows`
then yields numbered rows one by one; what a row means is checked by `services.place_import`.
"""

import csv
import io
import itertools
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import ijson
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
FLAG_FIELDS = {"welcomes_founders", "is_demo"}
# Free text is kept exactly as the file has it, white space included (see `text_value`).
FREE_TEXT_FIELDS = {"name", "summary", "description", "address", "commune"}
MAX_BYTES = 50 * 1024 * 1024
MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)
# Python's csv refuses a cell over this many characters; we say it in words.
CSV_FIELD_LIMIT = csv.field_size_limit()
# GeoJSON of points nests a few levels deep; far deeper is an attack on the parser.
MAX_JSON_DEPTH = 64
# A JSON error in a file up to this size is located exactly (the file is decoded again).
EXACT_JSON_ERRORS_BYTES = 1024 * 1024
LICENCE = "ODbL-1.0"
LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
ATTRIBUTION = "La Fabrique du Bocage"

# OWASP's CSV injection: a spreadsheet runs a cell that starts with one of these as a
# formula. The export puts a quote before such a cell (and before one that already starts
# with quotes and then one of these, so that the import can tell them apart); the import
# takes exactly one quote away from a cell that starts with quotes and then one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
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
    # What is wrong with the shape of the row itself: cells beyond the header's columns,
    # a value of the wrong type...
    problems: tuple[str, ...] = ()
    # ...or a geometry that gives no usable point (lat and lon are then None).
    coordinates_problem: str = ""
    # False when nothing of the row could be read (a broken CSV record, a feature that is
    # no object): its problems are all there is to say of it.
    readable: bool = True


def file_format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in {".geojson", ".json"}:
        return "geojson"
    if suffix == ".csv":
        return "csv"
    raise FormatError(
        _("Format inconnu : le nom du fichier doit se terminer par .geojson ou .csv.")
    )


def too_big_message() -> str:
    return _("Fichier trop gros : %(mb)d Mo au plus.") % {"mb": MAX_MEGABYTES}


def check_size(size: int) -> None:
    """Refuses at once a file over the limit, before reading any of it."""
    if size > MAX_BYTES:
        raise FormatError(too_big_message())


def _binary(file: bytes | BinaryIO) -> BinaryIO:
    return io.BytesIO(file) if isinstance(file, bytes | bytearray | memoryview) else file


def scan(file: bytes | BinaryIO, *, fmt: str) -> int:
    """Checks the shape of the whole file and counts its places, holding none of them.

    Raises FormatError for what makes the whole file unreadable; what is wrong with one
    place is for `read_rows` to tell, with its line or feature number."""
    file = _binary(file)
    return _scan_geojson(file) if fmt == "geojson" else _scan_csv(file)


def read_rows(file: bytes | BinaryIO, *, fmt: str) -> Iterator[Row]:
    """The places of a file that `scan` accepted, one at a time."""
    file = _binary(file)
    return _read_geojson(file) if fmt == "geojson" else _read_csv(file)


# --- GeoJSON ----------------------------------------------------------------------------------


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


def _scan_geojson(file: BinaryIO) -> int:
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


def _read_geojson(file: BinaryIO) -> Iterator[Row]:
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


# --- CSV --------------------------------------------------------------------------------------


def _text(file: BinaryIO) -> io.TextIOWrapper:
    # newline="": line breaks inside quoted cells are the csv module's to read.
    return io.TextIOWrapper(file, encoding="utf-8-sig", newline="")


def _header(text: io.TextIOWrapper) -> tuple[list[str], str, str]:
    """The header's column names (stripped), the delimiter, and the header line itself."""
    line = text.readline(64 * 1024)
    if line and not line.endswith(("\n", "\r")) and len(line) == 64 * 1024:
        raise FormatError(_("La ligne d’en-tête du CSV est trop longue."))
    # Spreadsheets in French often save with semicolons.
    delimiter = ";" if line.count(";") > line.count(",") else ","
    names = next(csv.reader([line], delimiter=delimiter), [])
    if not names:
        raise FormatError(_("Le CSV n’a pas de ligne d’en-tête."))
    # " lat" and "lat" are the same column: people pad headers in spreadsheets.
    names = [name.strip() for name in names]
    missing = {"name", "lat", "lon"} - set(names)
    if missing:
        raise FormatError(
            _("Colonnes obligatoires absentes de l’en-tête : %(cols)s.")
            % {"cols": ", ".join(sorted(missing))}
        )
    return names, delimiter, line


def _records(text: io.TextIOWrapper) -> tuple[list[str], Iterator[tuple[int, list | None, str]]]:
    """The header's column names, and (line where the record starts, its cells or None, what
    is wrong with it) for each record after the header; a cell too large or a quote never
    closed is a bad record, and reading goes on after it."""
    names, delimiter, line = _header(text)
    reader = csv.reader(itertools.chain([line], text), delimiter=delimiter, strict=True)
    next(reader)

    def records():
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield start, None, _csv_problem(str(error))
                continue
            if cells:  # a blank line is no record
                yield start, cells, ""

    return names, records()


def _csv_problem(message: str) -> str:
    if "field larger than field limit" in message:
        return _(
            "une cellule dépasse %(kib)d Kio (un guillemet jamais refermé peut en être la cause)"
        ) % {"kib": CSV_FIELD_LIMIT // 1024}
    if "unexpected end of data" in message:
        return _("un guillemet ouvert n’est jamais refermé")
    return _("guillemets mal placés (%(error)s)") % {"error": message}


def _scan_csv(file: BinaryIO) -> int:
    text = _text(file)
    try:
        count = sum(1 for _record in _records(text)[1])
    except UnicodeDecodeError:
        raise FormatError(_("Le fichier doit être encodé en UTF-8.")) from None
    finally:
        text.detach()
    file.seek(0)
    return count


def unescape_cell(cell: str) -> str:
    """A cell of a CSV export as it was before the export neutralised it (see FORMULA_STARTS)."""
    return cell[1:] if _ESCAPED.match(cell) else cell


def neutralise_cell(value: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula (OWASP)."""
    return f"'{value}" if _NEUTRALISED.match(value) else value


def _read_csv(file: BinaryIO) -> Iterator[Row]:
    text = _text(file)
    try:
        names, records = _records(text)
        for start, cells, problem in records:
            where = _("ligne %(n)d") % {"n": start}
            if cells is None:
                yield Row(
                    where=where, data={}, lat=None, lon=None, problems=(problem,), readable=False
                )
                continue
            yield _csv_row(names, [unescape_cell(cell) for cell in cells], where=where)
    except UnicodeDecodeError:
        raise FormatError(_("Le fichier doit être encodé en UTF-8.")) from None
    finally:
        text.detach()  # the caller's file stays open


def _csv_row(names: list[str], cells: list[str], *, where: str) -> Row:
    record = dict(zip(names, cells, strict=False))
    # A row cut short: its last columns are absent (None), as csv.DictReader has them.
    for name in names[len(cells) :]:
        record.setdefault(name, None)
    extra = len(cells) - len(names)
    data = {key: value for key, value in record.items() if key in FIELDS}
    for name in LIST_FIELDS & data.keys():
        data[name] = (data[name] or "").split(";")
    return Row(
        where=where,
        data=data,
        lat=record.get("lat"),
        lon=record.get("lon"),
        problems=(
            (_("%(n)d cellule(s) de plus que de colonnes dans l’en-tête") % {"n": extra},)
            if extra > 0
            else ()
        ),
    )


# --- Writing ----------------------------------------------------------------------------------


def write(records: Iterable[dict], *, fmt: str, out) -> int:
    """Records (FIELDS plus `lat`, `lon`, and `url` in GeoJSON) written to the text file `out`
    as import_places reads them back; the number of records."""
    if fmt == "geojson":
        return _write_geojson(records, out)
    columns = [*EXPORT_FIELDS, "lat", "lon"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for record in records:
        row = dict(record)
        for name in LIST_FIELDS:
            row[name] = ";".join(row.get(name) or [])
        for name in FLAG_FIELDS:
            if name in row:
                row[name] = "true" if row[name] else "false"
        cells = [neutralise_cell(str(row.get(name, ""))) for name in EXPORT_FIELDS]
        # Coordinates are numbers the export writes itself: "-0.57" stays a number.
        writer.writerow([*cells, row["lat"], row["lon"]])
        count += 1
    return count


def _write_geojson(records: Iterable[dict], out) -> int:
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
