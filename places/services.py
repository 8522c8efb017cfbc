"""Writes with side effects: importing the directory (all or nothing), exporting it."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.text import slugify
from django.utils.translation import gettext as _

from places import io
from places.forms import PlaceImportForm
from places.models import Place, PlaceType, Service

# Degrees: what 6 decimals keep (~5 cm), plus a hair for binary floating point, so that a
# coordinate rounded by an export compares equal to the one it came from.
COORDINATE_TOLERANCE = 5e-7 + 1e-9


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


def place_import(
    *,
    rows: list[io.Row],
    fmt: str,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportReport:
    """Check every row, then write them all in one transaction, or nothing if one is bad.

    A row updates the place with the same slug (given, or made from the name) and creates it
    otherwise; columns absent from the file leave a place's current values as they are.
    `progress(step, done, total)` is called for each row checked (step "check") and each
    place written (step "write").
    """
    report = ImportReport()
    type_choices = {t.slug: t for t in PlaceType.objects.all()}
    service_choices = {s.slug: s for s in Service.objects.all()}
    existing = {
        place.slug: place
        for place in Place.objects.filter(
            slug__in=[_slug_of(row) for row in rows if _slug_of(row)]
        ).prefetch_related("types", "services")
    }
    seen: dict[str, str] = {}
    valid: list[tuple[PlaceImportForm, Place | None, list[str]]] = []
    for number, row in enumerate(rows, start=1):
        if progress:
            progress("check", number, len(rows))
        problems = _check_row(row, seen)
        slug = _slug_of(row)
        instance = existing.get(slug)
        before = _current(instance) if instance else None
        data = dict(before or {"status": Place.Status.PUBLISHED})
        data.update({k: v for k, v in row.data.items() if k in io.FIELDS})
        if data.get("status") in (None, ""):
            # An empty cell is no status given: the default, or what the place has.
            data["status"] = before["status"] if before else Place.Status.PUBLISHED
        data["slug"] = slug
        data["lat"] = _coordinate(row.lat, csv_text=fmt == "csv")
        data["lon"] = _coordinate(row.lon, csv_text=fmt == "csv")
        for flag in ("welcomes_founders", "is_demo"):
            if isinstance(data.get(flag), bool):
                data[flag] = "1" if data[flag] else "0"
        form = PlaceImportForm(
            data,
            instance=instance,
            type_choices=type_choices,
            service_choices=service_choices,
        )
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
            report.errors += [
                _("%(where)s : %(problem)s") % {"where": row.where, "problem": problem}
                for problem in problems
            ]
            continue
        changes = _changes(before, form.cleaned_data) if before else []
        valid.append((form, instance, changes))

    if report.errors:
        return report
    for form, instance, changes in valid:
        slug = form.cleaned_data["slug"]
        if instance is None:
            report.created.append(slug)
        elif changes:
            report.updated.append((slug, changes))
        else:
            report.unchanged.append(slug)
    if not dry_run:
        writes = [form for form, instance, changes in valid if instance is None or changes]
        with transaction.atomic():
            for number, form in enumerate(writes, start=1):
                form.save()
                if progress:
                    progress("write", number, len(writes))
        report.applied = True
    return report


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


def place_records(places) -> list[dict]:
    """Places as the records `io.write` turns into a file (the import format)."""
    records = []
    for place in places.prefetch_related("types", "services"):
        record = {name: getattr(place, name) for name in io.EXPORT_FIELDS}
        record["types"] = [t.slug for t in place.types.all()]
        record["services"] = [s.slug for s in place.services.all()]
        record["lat"] = round(place.location.y, 6)
        record["lon"] = round(place.location.x, 6)
        records.append(record)
    return records
