"""Writes with side effects: importing the directory (all or nothing), exporting it."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from places import db, geo, io
from places.forms import PlaceImportForm
from places.models import Place, PlaceImport, PlaceType, Service
from places.models.imports import REPORT_LISTED
from places.models.place import PLACE_HISTORY

# Degrees: what 6 decimals keep (~5 cm), plus a hair for binary floating point, so that a
# coordinate rounded by an export compares equal to the one it came from.
COORDINATE_TOLERANCE = 5e-7 + 1e-9
# Rows checked, then written, together: one query finds a batch's existing places, a few
# statements write it. Memory holds one batch, whatever the size of the file.
BATCH_SIZE = 1000

Progress = Callable[[str, int, int], None]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return _("créés : %(created)d, modifiés : %(updated)d, inchangés : %(unchanged)d") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


def _coordinate(value, *, csv_text: bool):
    """Numbers as they are; in a CSV, text with a decimal point or a French comma."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and csv_text:
        return value.strip().replace(",", ".")
    return None


def _current(place: Place) -> dict:
    data = model_to_dict(place, fields=PlaceImportForm.Meta.fields)
    data["types"] = [t.slug for t in place.types.all()]
    data["services"] = [s.slug for s in place.services.all()]
    data["lat"], data["lon"] = place.location.y, place.location.x
    return data


def _changes(before: dict, cleaned: dict) -> list[str]:
    changed = []
    for name, old in before.items():
        new = cleaned.get(name)
        if name in {"types", "services"}:
            new = [taxon.slug for taxon in new or []]
            if sorted(new) != sorted(old):
                changed.append(name)
        elif name in {"lat", "lon"}:
            if abs(float(new) - float(old)) > COORDINATE_TOLERANCE:
                changed.append(name)
        elif (new or "") != (old or "") and not (isinstance(old, bool) and bool(new) == old):
            changed.append(name)
    return changed


def _batches(rows: Iterable[io.Row]) -> Iterator[list[io.Row]]:
    rows = iter(rows)
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


@dataclass
class _Checked:
    """A good row: its form (cleaned), the place it updates if any, and what changes."""

    form: PlaceImportForm
    instance: Place | None
    changes: list[str]


class _Importer:
    """One import: the taxonomy, the slugs seen so far, the report, the counts."""

    def __init__(self, *, fmt: str, total: int, progress: Progress | None):
        self.fmt = fmt
        self.total = total
        self.progress = progress
        self.report = ImportReport()
        self.form_class = PlaceImportForm.for_import(
            type_choices={t.slug: t for t in PlaceType.objects.all()},
            service_choices={s.slug: s for s in Service.objects.all()},
        )
        self.seen: dict[str, str] = {}
        self.checked = 0
        self.saved = 0

    def check(self, batch: list[io.Row]) -> list[_Checked]:
        """Every row of the batch checked; errors go to the report, good rows come back."""
        slugs = [slug for slug in map(_slug_of, batch) if slug]
        existing = {
            place.slug: place
            for place in Place.objects.filter(slug__in=slugs).prefetch_related("types", "services")
        }
        good = []
        for row in batch:
            self.checked += 1
            if self.progress:
                self.progress("check", self.checked, self.total)
            checked = self._check_row(row, existing.get(_slug_of(row)))
            if checked is not None:
                good.append(checked)
        return good

    def _check_row(self, row: io.Row, instance: Place | None) -> _Checked | None:
        if not row.readable:
            self._refuse(row, list(row.problems))
            return None
        problems = _check_row(row, self.seen)
        before = _current(instance) if instance else None
        data = dict(before or {"status": Place.Status.PUBLISHED})
        data.update({k: v for k, v in row.data.items() if k in io.FIELDS})
        # Free text stays as written; values with a syntax of their own lose the white space
        # around them (see PlaceImportForm).
        for name, value in data.items():
            if isinstance(value, str) and name not in io.FREE_TEXT_FIELDS:
                data[name] = value.strip()
        if data.get("status") in (None, ""):
            # An empty cell is no status given: the default, or what the place has.
            data["status"] = before["status"] if before else Place.Status.PUBLISHED
        data["slug"] = _slug_of(row)
        data["lat"] = _coordinate(row.lat, csv_text=self.fmt == "csv")
        data["lon"] = _coordinate(row.lon, csv_text=self.fmt == "csv")
        for flag in io.FLAG_FIELDS:
            if isinstance(data.get(flag), bool):
                data[flag] = "1" if data[flag] else "0"
        form = self.form_class(data, instance=instance)
        if not form.is_valid():
            # Coordinates already reported as missing or malformed are not reported twice.
            skip = {"lat", "lon"} if _coordinates_missing(row) else set()
            # A slug made from a missing name is missing too: the name is what to fix.
            if "name" in form.errors and not row.data.get("slug"):
                skip.add("slug")
            problems += [
                _("%(field)s : %(message)s") % {"field": name, "message": message}
                if name != "__all__"
                else message
                for name, messages in form.errors.items()
                if name not in skip
                for message in messages
            ]
        if problems:
            self._refuse(row, problems)
            return None
        changes = _changes(before, form.cleaned_data) if before else []
        slug = form.cleaned_data["slug"]
        if instance is None:
            self.report.created.append(slug)
        elif changes:
            self.report.updated.append((slug, changes))
        else:
            self.report.unchanged.append(slug)
        return _Checked(form=form, instance=instance, changes=changes)

    def _refuse(self, row: io.Row, problems: list[str]) -> None:
        self.report.errors += [
            _("%(where)s : %(problem)s") % {"where": row.where, "problem": problem}
            for problem in problems
        ]

    def write(self, good: list[_Checked]) -> None:
        """The batch's new places and changed ones, in a few statements."""
        _create([item.form for item in good if item.instance is None])
        _update([item for item in good if item.instance is not None and item.changes])
        for _item in good:
            self.saved += 1
            if self.progress:
                self.progress("write", self.saved, self.total)


def _links(field_name: str, places: list[tuple[int, list]]):
    """Rows of a many-to-many table: (place id, taxa) pairs made into through objects."""
    through = getattr(Place, field_name).through
    column = f"{getattr(Place, field_name).field.m2m_reverse_field_name()}_id"
    return [through(place_id=pk, **{column: taxon.pk}) for pk, taxa in places for taxon in taxa]


def _create(forms: list[PlaceImportForm]) -> None:
    """New places and their tags. The tags go in first (their foreign keys are checked at
    the end of the transaction): the database's row trigger then computes each place's
    search vector once, tags included, where inserting the places first would compute it
    once more for each tag table (see migration 0003)."""
    if not forms:
        return
    places = []
    for form, pk in zip(forms, db.next_ids(Place, len(forms)), strict=True):
        place = form.instance
        place.pk = pk
        place.location = geo.make_point(lat=form.cleaned_data["lat"], lon=form.cleaned_data["lon"])
        places.append(place)
    for name in ("types", "services"):
        tagged = [
            (place.pk, form.cleaned_data[name]) for place, form in zip(places, forms, strict=True)
        ]
        getattr(Place, name).through.objects.bulk_create(_links(name, tagged))
    Place.objects.bulk_create(places)
    _record(places, "+")


def _update(items: list[_Checked]) -> None:
    """Changed places: the changed columns in one statement, then their changed tags."""
    if not items:
        return
    now = timezone.now()
    columns = {"updated_at"}
    for item in items:
        place = item.instance
        place.updated_at = now
        if {"lat", "lon"} & set(item.changes):
            place.location = geo.make_point(
                lat=item.form.cleaned_data["lat"], lon=item.form.cleaned_data["lon"]
            )
            columns.add("location")
        columns.update(set(item.changes) - {"lat", "lon", "types", "services"})
    Place.objects.bulk_update([item.instance for item in items], sorted(columns))
    for name in ("types", "services"):
        retagged = [item for item in items if name in item.changes]
        if not retagged:
            continue
        through = getattr(Place, name).through
        through.objects.filter(place_id__in=[item.instance.pk for item in retagged]).delete()
        links = [(item.instance.pk, item.form.cleaned_data[name]) for item in retagged]
        through.objects.bulk_create(_links(name, links))
    _record([item.instance for item in items], "~")


def _record(places: list[Place], kind: str) -> None:
    """A version of each imported place in its history (who: nobody, why: an import), with
    its types and services, as any other change of a place."""
    for place in places:
        place._change_reason = _("Import")
        PLACE_HISTORY.create_historical_record(place, kind)


def place_import(
    *,
    rows: Iterable[io.Row],
    fmt: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
) -> ImportReport:
    """Check every row, writing them as they are checked in one transaction that is kept
    only if every row is good: one bad row, and nothing is written.

    A row updates the place with the same slug (given, or made from the name) and creates it
    otherwise; columns absent from the file leave a place's current values as they are.
    Rows come one batch at a time (a stream from `io.read_rows`): memory holds one batch.
    `progress(step, done, total)` is called for each row checked (step "check") and each
    row saved, written or found unchanged (step "write"); `total` is the number of rows
    (`io.scan` counts them), or `len(rows)`.
    """
    if total is None:
        total = len(rows)  # a list; a stream comes with its count
    importer = _Importer(fmt=fmt, total=total, progress=progress)
    with transaction.atomic():
        db.defer_foreign_keys_to(Place)
        for batch in _batches(rows):
            good = importer.check(batch)
            # After a bad row, the rest is still checked (every bad row is reported), but
            # no longer written: the transaction will be rolled back.
            if not (dry_run or importer.report.errors):
                importer.write(good)
        if dry_run or importer.report.errors:
            transaction.set_rollback(True)
        else:
            importer.report.applied = True
    if importer.report.applied and importer.saved:
        db.analyze(Place)
    return importer.report


def place_import_file(
    file: BinaryIO,
    *,
    fmt: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """An import from an open binary file: its shape checked and its rows counted first
    (io.FormatError when the file as a whole cannot be read), then its rows streamed."""
    file.seek(0, 2)
    io.check_size(file.tell())
    file.seek(0)
    total = io.scan(file, fmt=fmt)
    file.seek(0)
    if total == 0:
        raise io.FormatError(_("Le fichier ne contient aucun lieu."))
    rows = io.read_rows(file, fmt=fmt)
    return place_import(rows=rows, fmt=fmt, dry_run=dry_run, progress=progress, total=total)


def _slug_of(row: io.Row) -> str:
    given = row.data.get("slug")
    if isinstance(given, str) and given.strip():
        return given.strip()
    name = row.data.get("name")
    return slugify(name)[:160] if isinstance(name, str) else ""


def _coordinates_missing(row: io.Row) -> bool:
    return row.lat in (None, "") or row.lon in (None, "")


def _check_row(row: io.Row, seen: dict[str, str]) -> list[str]:
    """What the form cannot see: the shape of the row and slugs repeated in the file."""
    problems = list(row.problems)
    if row.coordinates_problem:
        problems.append(row.coordinates_problem)
    elif _coordinates_missing(row):
        problems.append(_("coordonnées manquantes (lat et lon)"))
    slug = _slug_of(row)
    if slug and slug in seen:
        problems.append(
            _("le lieu « %(slug)s » figure deux fois dans le fichier (voir aussi %(where)s)")
            % {"slug": slug, "where": seen[slug]}
        )
    elif slug:
        seen[slug] = row.where
    return problems


def place_records(places) -> Iterator[dict]:
    """Places as the records `io.write` turns into a file (the import format), read a
    chunk at a time; `url` is the place's page, absolute."""
    chunks = places.prefetch_related("types", "services").iterator(chunk_size=2000)
    for place in chunks:
        record = {name: getattr(place, name) for name in io.EXPORT_FIELDS}
        record["types"] = [t.slug for t in place.types.all()]
        record["services"] = [s.slug for s in place.services.all()]
        record["lat"] = round(place.location.y, 6)
        record["lon"] = round(place.location.x, 6)
        record["url"] = f"{settings.SITE_URL}{place.get_absolute_url()}"
        yield record


def place_export(out, *, fmt: str) -> int:
    """The published places written to the text file `out` in the import format (what
    `export_places` and the open data downloads give); the number of places."""
    return io.write(place_records(Place.objects.published().order_by("slug")), fmt=fmt, out=out)


# --- Imports uploaded in the admin, run by the task queue (places/tasks.py) -------------------


class _UploadProgress:
    """Writes an upload's progress where the admin page reads it, while the import's own
    transaction is still open: through a connection of its own, in autocommit."""

    EVERY = 500  # rows between two writes

    def __init__(self, upload: PlaceImport):
        self.upload = upload
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.counts = {"check": 0, "write": 0}
        self.written = {"check": 0, "write": 0}

    def __call__(self, step: str, done: int, total: int) -> None:
        self.counts[step] = done
        if done - self.written[step] >= self.EVERY or done == total:
            self.written[step] = done
            table = self.connection.ops.quote_name(PlaceImport._meta.db_table)
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET rows_total = %s, rows_checked = %s, rows_written = %s "
                    "WHERE id = %s",
                    [total, self.counts["check"], self.counts["write"], self.upload.pk],
                )

    def close(self) -> None:
        self.connection.close()


def _report_json(report: ImportReport) -> dict:
    """What the admin shows of a report: every error, the counts, the first slugs of each."""
    return {
        "errors": report.errors,
        "summary": report.summary(),
        "created": report.created[:REPORT_LISTED],
        "created_count": len(report.created),
        "updated": report.updated[:REPORT_LISTED],
        "updated_count": len(report.updated),
        "unchanged": report.unchanged[:REPORT_LISTED],
        "unchanged_count": len(report.unchanged),
    }


def place_import_upload(*, upload: PlaceImport, apply: bool) -> str:
    """An admin upload checked (`apply=False`: the preview) or imported, off the request.

    Every outcome lands on the upload: its status, its report, its progress on the way; an
    unexpected error marks it failed (nothing was written: the import is one transaction)
    and goes on to the task queue, which keeps its traceback."""
    Status = PlaceImport.Status
    PlaceImport.objects.filter(pk=upload.pk).update(
        status=Status.IMPORTING if apply else Status.CHECKING, rows_checked=0, rows_written=0
    )
    progress = _UploadProgress(upload)
    try:
        with upload.file.open("rb") as file, db.without_statement_timeout():
            report = place_import_file(file, fmt=upload.fmt, dry_run=not apply, progress=progress)
    except io.FormatError as error:
        report = ImportReport(errors=[str(error)])
    except Exception:
        upload.file.delete(save=False)
        PlaceImport.objects.filter(pk=upload.pk).update(status=Status.FAILED, file="")
        raise
    finally:
        progress.close()
    upload.refresh_from_db()
    upload.report = _report_json(report)
    upload.summary = report.summary() if report.ok else ""
    if not report.ok:
        upload.status = Status.REFUSED
    elif apply:
        upload.status, upload.applied_at = Status.DONE, timezone.now()
    else:
        upload.status = Status.CHECKED
    if upload.status != Status.CHECKED:
        upload.file.delete(save=False)  # the report stays; the file is no longer needed
    upload.save(update_fields=["report", "summary", "status", "applied_at", "file"])
    return upload.status
