"""Reads of contact: who receives what is written to a place, which places need a check."""

from django.contrib.auth.backends import ModelBackend
from django.shortcuts import get_object_or_404

from places.accounts.models import User
from places.accounts.selectors import hosts_of
from places.models import Place


def published_place(*, slug: str) -> Place:
    """A published place (else 404), with what its contact pages show."""
    return get_object_or_404(
        Place.objects.published().only("pk", "slug", "name", "commune", "email"), slug=slug
    )


def coordinators() -> list[User]:
    """Active staff who may change places (permissions.is_coordinator), by address."""
    staff = User.objects.filter(is_active=True, is_staff=True).order_by("email")
    backend = ModelBackend()
    return [user for user in staff if backend.has_perm(user, "places.change_place")]


def recipients_of(*, place: Place) -> list[str]:
    """Where a message to `place` goes: its hosts, and its own address when it has one;
    the coordinators when it has neither. Never shown to the sender."""
    addresses = [user.email for user in hosts_of(place=place)]
    if place.email and place.email.lower() not in {a.lower() for a in addresses}:
        addresses.append(place.email)
    return addresses or [user.email for user in coordinators()]
