"""The history of places (django-simple-history): one version per change, who made it.

A change of a place often writes its row and then its types and services; simple-history
alone keeps a version for the row and one more for each many-to-many write. Writers wrap
the whole change in `one_version(place, by=...)`, which keeps exactly one version, taken
once everything is written, naming the person who made it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from places.models import Place
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
