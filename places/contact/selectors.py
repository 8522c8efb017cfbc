"""Reads of contact: who receives what is written to a place, which places need a check."""

from datetime import timedelta

from django.db.models import Q
from django.db.models.functions import Coalesce, Collate
from django.shortcuts import get_object_or_404
from django.utils import timezone

from places.accounts.models import User
from places.accounts.permissions import is_coordinator
from places.accounts.selectors import hosts_of
from places.contact.models import Suggestion
from places.models import Place


def published_place(*, slug: str, full: bool = False) -> Place:
    """A published place (else 404), with what its contact pages show (`full`: its texts)."""
    places = Place.objects.published()
    if not full:
        places = places.only("pk", "slug", "name", "commune", "email")
    return get_object_or_404(places, slug=slug)


def place_of_link(*, slug: str) -> Place:
    """The place a freshness reminder's link names (else 404), whatever its status."""
    return get_object_or_404(Place.objects.only("pk", "slug", "name"), slug=slug)


def suggestion_with_place(*, pk: int) -> Suggestion:
    """A suggestion (else 404) with the place it corrects."""
    return get_object_or_404(Suggestion.objects.select_related("place"), pk=pk)


def coordinators() -> list[User]:
    """Active staff who may change places (permissions.is_coordinator), by address."""
    staff = User.objects.filter(is_active=True, is_staff=True).order_by("email")
    return [user for user in staff if is_coordinator(user)]


def recipients_of(*, place: Place) -> list[str]:
    """Where a message to `place` goes: its hosts, and its own address when it has one;
    the coordinators when it has neither. Never shown to the sender."""
    addresses = [user.email for user in hosts_of(place=place)]
    if place.email and place.email.lower() not in {a.lower() for a in addresses}:
        addresses.append(place.email)
    return addresses or [user.email for user in coordinators()]


def months_ago(months: int) -> timedelta:
    """`months` months as a duration (an average month: reminders need no calendar)."""
    return timedelta(days=round(months * 365.25 / 12))


def reviewers_of(*, place: Place) -> list[str]:
    """Who decides on a suggestion: the place's hosts, else the coordinators."""
    return [u.email for u in hosts_of(place=place)] or [u.email for u in coordinators()]


def suggestions_for(*, user: User):
    """Pending suggestions `user` decides on: of the places they host; a coordinator also
    gets those of the places without a host."""
    pending = Suggestion.objects.pending().select_related("place").order_by("created_at")
    if is_coordinator(user):
        return pending.filter(
            Q(place__hostings__user=user) | Q(place__hostings__isnull=True)
        ).distinct()
    return pending.filter(place__hostings__user=user)


def places_to_check(*, months: int):
    """Published places whose listing nobody checked for `months` months, oldest first."""
    since = timezone.now() - months_ago(months)
    return (
        Place.objects.published()
        .alias(last=Coalesce("checked_at", "created_at"))
        .filter(last__lt=since)
        .order_by("last", Collate("name", "fr-x-icu"), "pk")
        .only("slug", "name", "commune", "checked_at", "created_at")
    )


def places_without_host():
    return (
        Place.objects.exclude(status=Place.Status.ARCHIVED)
        .filter(hostings__isnull=True)
        .alphabetical()
        .only("slug", "name", "commune", "status")
    )
