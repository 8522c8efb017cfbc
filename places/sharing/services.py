"""Writes of what a place shares, each in one transaction and in the history (who did it).

The views have asked places.accounts.permissions whether the person may change the place."""

from django.db import transaction

from places.sharing.models import PriceKind


def shared_save(*, row, by):
    """Saves a space or an equipment item (new or changed) as one version by `by`."""
    if row.price_kind in (PriceKind.FREE, PriceKind.ON_REQUEST):
        row.price_amount = None
    row._history_user = by
    with transaction.atomic():
        row.save()
    return row


def shared_delete(*, row, by) -> None:
    """Removes a space or an equipment item; the history keeps its last version."""
    row._history_user = by
    with transaction.atomic():
        row.delete()
