"""The rows of an import checked: each by the import form, against the place it updates."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.forms.models import model_to_dict
from django.utils.text import slugify
from django.utils.translation import gettext as _

from places import io
from places.forms import PlaceImportForm
from places.models import Place, PlaceType, Service

# Degrees: what 6 decimals keep (~5 cm), plus a hair for binary floating point, so that a
# coordinate rounded by an export compares equal to the one it came from.
COORDINATE_TOLERANCE = 5e-7 + 1e-9

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


@dataclass
class Checked:
    """A good row: its form (cleaned), the place it updates if any, and what changes."""

    form: PlaceImportForm
    instance: Place | None
    changes: list[str]


class RowChecker:
    """The checks of one import: the taxonomy, the slugs seen so far, the report, the counts."""

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

    def check(self, batch: list[io.Row]) -> list[Checked]:
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

    def _check_row(self, row: io.Row, instance: Place | None) -> Checked | None:
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
        return Checked(form=form, instance=instance, changes=changes)

    def _refuse(self, row: io.Row, problems: list[str]) -> None:
        self.report.errors += [
            _("%(where)s : %(problem)s") % {"where": row.where, "problem": problem}
            for problem in problems
        ]


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
