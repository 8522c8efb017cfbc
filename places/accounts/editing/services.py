"""Writes of the edit page: the listing and its photos, each all or nothing, in the history.

The views have checked who may write (places.accounts.permissions); these functions write,
name who did it in the history, and leave nothing half-written: a listing is saved in one
transaction, and photos' files are removed again when their rows could not be written.
"""

import logging
from uuid import uuid4

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from places import history, photos
from places.accounts.editing.forms import EDITED_FIELDS
from places.accounts.models import User
from places.models import Place, PlacePhoto

logger = logging.getLogger(__name__)
MANY_TO_MANY = {"types", "services"}


class EditConflict(Exception):
    """The place changed since the page was opened: saving would undo someone's change."""


def place_update(*, place: Place, changes: dict, by: User, seen: str = "") -> Place:
    """Saves the listing (`changes`: the edit form's cleaned data) as one version by `by`.

    `seen` is the place's `updated_at` when the form was opened: if it changed since, the
    save is refused with EditConflict rather than silently undoing the other change."""
    with transaction.atomic():
        current = Place.objects.select_for_update().only("updated_at").get(pk=place.pk)
        if seen and current.updated_at.isoformat() != seen:
            raise EditConflict
        # Saving the whole listing is checking it (the place page's "vérifié le").
        place.checked_at = timezone.now()
        listing_write(place, changes=changes, by=by)
    return place


def listing_write(place: Place, *, changes: dict, by: User, reason: str = "") -> None:
    """Writes `changes` (the edit form's cleaned data: the listing, its position, types and
    services) to `place`, new or not, as one version by `by`: the edit page's save and a
    proposal write a listing alike."""
    for name in EDITED_FIELDS:
        if name not in MANY_TO_MANY and name in changes:
            setattr(place, name, changes[name])
    place.location = changes["location"]
    with history.one_version(place, by=by, reason=reason):
        place.save()
        place.types.set(changes["types"])
        place.services.set(changes["services"])


def _touch(place: Place) -> None:
    """The place's page shows its photos: its date (and so its ETag) changes with them."""
    Place.objects.filter(pk=place.pk).update(updated_at=timezone.now())


def place_photos_add(*, place: Place, uploads: list[tuple], by: User) -> list[PlacePhoto]:
    """Checks and re-encodes every upload (`(file, alt)` pairs), then stores them all after
    the place's other photos, or none: raises photos.PhotoError saying which and why."""
    prepared = [(photos.prepare(upload), alt) for upload, alt in uploads]
    written: list[str] = []
    try:
        with transaction.atomic():
            Place.objects.select_for_update().filter(pk=place.pk).exists()
            existing = place.photos.count()
            if existing + len(prepared) > photos.MAX_PER_PLACE:
                raise photos.PhotoError(
                    _("Un lieu a %(max)d photos au plus : il en a déjà %(n)d.")
                    % {"max": photos.MAX_PER_PLACE, "n": existing}
                )
            last = place.photos.aggregate(last=Max("position"))["last"]
            position = -1 if last is None else last
            added = []
            for photo_data, alt in prepared:
                position += 1
                photo = PlacePhoto(
                    place=place,
                    alt=alt,
                    position=position,
                    width=photo_data.width,
                    height=photo_data.height,
                )
                stem = uuid4().hex
                for rendition, data in photo_data.renditions.items():
                    name = f"{stem}-{rendition}.{photos.EXTENSION}"
                    getattr(photo, rendition).save(name, ContentFile(data), save=False)
                    written.append(getattr(photo, rendition).name)
                photo._history_user = by
                photo.save()
                added.append(photo)
            _touch(place)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return added


def place_photo_describe(*, photo: PlacePhoto, alt: str, by: User) -> PlacePhoto:
    photo.alt = alt
    photo._history_user = by
    with transaction.atomic():
        photo.save(update_fields=["alt"])
        _touch(photo.place)
    return photo


def place_photo_move(*, photo: PlacePhoto, up: bool, by: User) -> None:
    """One step earlier (`up`) or later among the place's photos; positions renumbered."""
    with transaction.atomic():
        Place.objects.select_for_update().filter(pk=photo.place_id).exists()
        ordered = list(
            PlacePhoto.objects.filter(place_id=photo.place_id).order_by("position", "pk")
        )
        index = next(i for i, p in enumerate(ordered) if p.pk == photo.pk)
        target = index - 1 if up else index + 1
        if not 0 <= target < len(ordered):
            return
        ordered[index], ordered[target] = ordered[target], ordered[index]
        for position, each in enumerate(ordered):
            if each.position != position:
                each.position = position
                each._history_user = by
                each.save(update_fields=["position"])
        _touch(photo.place)


def place_photo_delete(*, photo: PlacePhoto, by: User) -> None:
    """The photo is gone, files included once the deletion is committed (its history keeps
    who deleted it, when, and its description)."""
    names = [getattr(photo, rendition).name for rendition in ("thumbnail", "card", "full")]
    photo._history_user = by
    with transaction.atomic():
        photo.delete()
        _touch(photo.place)
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
