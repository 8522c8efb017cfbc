"""Reads about people: the places a person hosts, the hosts of a place."""

from django.db.models import QuerySet

from places.accounts.models import User
from places.models import Place


def places_hosted_by(*, user: User) -> QuerySet[Place]:
    """Every place `user` hosts, whatever its status (drafts and proposals included)."""
    return Place.objects.filter(hostings__user=user).order_by("name")


def hosts_of(*, place: Place) -> QuerySet[User]:
    return User.objects.filter(hostings__place=place, is_active=True).order_by("name", "email")
