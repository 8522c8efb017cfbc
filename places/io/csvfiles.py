"""CSV read as a stream with Python's `csv` and written the same way; cells that a spreadsheet
would run as formulas are neutralised (OWASP's CSV injection)."""

import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from places.io.rows import EXPORT_FIELDS, FIELDS, FLAG_FIELDS, LIST_FIELDS, FormatError, Row

# Python's csv refuses a cell over this many characters; we say it in words.
CSV_FIELD_LIMIT = csv.field_size_limit()

# OWASP's CSV injection: a spreadsheet runs a cell that starts with one of these as a
# formula. The export puts a quote before such a cell (and before one that already starts
# with quotes and then one of these, so that the import can tell them apart); the import
# takes exactly one quote away from a cell that starts with quotes and then one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


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


def scan(file: BinaryIO) -> int:
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


def read(file: BinaryIO) -> Iterator[Row]:
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


def write(records: Iterable[dict], out) -> int:
    """Records (FIELDS plus `lat` and `lon`) written to the text file `out` as CSV, as
    import_places reads them back; the number of records."""
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
