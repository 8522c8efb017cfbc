"""Who may change what: the one rule that the views, the API and the admin all ask.

Written with django-rules: `user.has_perm("places.change_place", place)` (the admin and DRF
ask this way too) or `can_change_place(user, place)`. A place's hosts and the coordinators
(active staff with Django's "change place" permission) may change it; nobody else, whatever
the path.
"""

import rules
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser

from places.accounts.models import Hosting, User
from places.models import Place


@rules.predicate
def is_coordinator(user: User | AnonymousUser) -> bool:
    """Active staff allowed by Django's permissions to change places (superusers are). A
    staff member who may only look (view permission) is not a coordinator."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and ModelBackend().has_perm(user, "places.change_place")
    )


@rules.predicate
def is_host(user: User | AnonymousUser, place: Place | None) -> bool:
    if place is None or not (user.is_authenticated and user.is_active):
        return False
    return Hosting.objects.filter(place=place, user=user).exists()


may_change_place = is_coordinator | is_host

rules.add_perm("places.change_place", may_change_place)


def can_change_place(user: User | AnonymousUser, place: Place) -> bool:
    """Whether `user` may change `place` (its listing, photos, hosts and events)."""
    return may_change_place.test(user, place)
