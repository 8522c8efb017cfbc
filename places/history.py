"""The history of places (django-simple-history): one version per change, who made it.

A change of a place often writes its row and then its types and services; simple-history
alone keeps a version for the row and one more for each many-to-many write. Writers wrap
the whole change in `one_version(place, by=...)`, which keeps exactly one version, taken
once everything is written, naming the person who made it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models import Place, PlaceType, Service
from places.models.place import PLACE_HISTORY


@contextmanager
def one_version(place: Place, *, by=None, reason: str = "") -> Iterator[None]:
    """Writes to `place` (and its types and services) inside the block make one version,
    all in one transaction."""
    adding = place._state.adding
    if by is not None and by.is_authenticated:
        place._history_user = by
    if reason:
        place._change_reason = reason
    place.skip_history_when_saving = True
    try:
        with transaction.atomic():
            yield
            del place.skip_history_when_saving
            PLACE_HISTORY.create_historical_record(place, "+" if adding else "~")
    finally:
        place.__dict__.pop("skip_history_when_saving", None)


# What going back to a version restores: the listing. Not its address on the site (slug),
# its status (moderation decides it) nor its photos (a deleted photo's files are gone).
RESTORED_FIELDS = [
    "name",
    "summary",
    "description",
    "location",
    "address",
    "postcode",
    "commune",
    "phone",
    "email",
    "website",
    "social_links",
    "opening_hours",
    "welcomes_founders",
    "wheelchair",
    "hearing_notes",
    "sight_notes",
    "acceslibre_url",
]


def versions_of(place: Place):
    """A place's versions, newest first, with who made them."""
    return place.history.select_related("history_user").order_by("-history_date", "-history_id")


def place_revert(*, place: Place, version, by) -> Place:
    """Gives `place` back the listing it had in `version` (one of its historical records):
    its texts, position, contact, hours, types and services; a new version says so."""
    if version.id != place.pk:
        raise ValueError("This version is another place's.")
    for name in RESTORED_FIELDS:
        setattr(place, name, getattr(version, name))
    place.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    when = timezone.localtime(version.history_date)
    reason = _("Retour à la version du %(date)s") % {"date": f"{when:%d/%m/%Y %H:%M}"}
    # Types and services deleted from the taxonomy since then cannot come back.
    types = PlaceType.objects.filter(pk__in=[row.placetype_id for row in version.types.all()])
    services = Service.objects.filter(pk__in=[row.service_id for row in version.services.all()])
    with one_version(place, by=by, reason=reason[:100]):
        place.save()
        place.types.set(types)
        place.services.set(services)
    return place
