"""The checked rows of an import written: a few statements per batch, a version of each place."""

from django.utils import timezone
from django.utils.translation import gettext as _

from places import db, geo
from places.forms import PlaceImportForm
from places.importing.rows import Checked
from places.models import Place
from places.models.place import PLACE_HISTORY


def _links(field_name: str, places: list[tuple[int, list]]):
    """Rows of a many-to-many table: (place id, taxa) pairs made into through objects."""
    through = getattr(Place, field_name).through
    column = f"{getattr(Place, field_name).field.m2m_reverse_field_name()}_id"
    return [through(place_id=pk, **{column: taxon.pk}) for pk, taxa in places for taxon in taxa]


def create(forms: list[PlaceImportForm]) -> None:
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
    record(places, "+")


def update(items: list[Checked]) -> None:
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
    record([item.instance for item in items], "~")


def record(places: list[Place], kind: str) -> None:
    """A version of each imported place in its history (who: nobody, why: an import), with
    its types and services, as any other change of a place."""
    for place in places:
        place._change_reason = _("Import")
        PLACE_HISTORY.create_historical_record(place, kind)
