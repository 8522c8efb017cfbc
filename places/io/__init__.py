"""The directory's file formats: GeoJSON and CSV, read as streams and written the same way.

Files are parsed with `ijson` (an incremental JSON parser) and Python's `csv` only: no
untrusted file ever reaches GDAL (see the note on `gis.W001` in settings), and no file is
ever held in memory whole. `scan` checks a file's shape and counts its places; `read_rows`
then yields numbered rows one by one; what a row means is checked by the import
(`places.importing`). Each format is a module with the same three functions (`scan`, `read`,
`write`): `csvfiles`, `geojsonfiles`.
"""

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from places.io import csvfiles, geojsonfiles
from places.io.geojsonfiles import ATTRIBUTION, LICENCE, LICENCE_URL
from places.io.rows import (
    EXPORT_FIELDS,
    FIELDS,
    FLAG_FIELDS,
    FREE_TEXT_FIELDS,
    LIST_FIELDS,
    FormatError,
    Row,
)

__all__ = [
    "ATTRIBUTION",
    "EXPORT_FIELDS",
    "FIELDS",
    "FLAG_FIELDS",
    "FREE_TEXT_FIELDS",
    "LICENCE",
    "LICENCE_URL",
    "LIST_FIELDS",
    "FormatError",
    "Row",
    "check_size",
    "file_format",
    "read_rows",
    "scan",
    "write",
]

MAX_BYTES = 50 * 1024 * 1024
MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)


def _module(fmt: str):
    return geojsonfiles if fmt == "geojson" else csvfiles


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
    return _module(fmt).scan(file)


def read_rows(file: bytes | BinaryIO, *, fmt: str) -> Iterator[Row]:
    """The places of a file that `scan` accepted, one at a time."""
    file = _binary(file)
    return _module(fmt).read(file)


def write(records: Iterable[dict], *, fmt: str, out) -> int:
    """Records (FIELDS plus `lat`, `lon`, and `url` in GeoJSON) written to the text file `out`
    as import_places reads them back; the number of records."""
    return _module(fmt).write(records, out)
