"""Reads about people: the places a person hosts, the hosts of a place, invitations, tokens."""

from django.db.models import QuerySet
from django.utils import timezone

from places.accounts import invitations
from places.accounts.models import ApiToken, Invitation, User
from places.accounts.permissions import is_coordinator
from places.models import Place


def places_hosted_by(*, user: User) -> QuerySet[Place]:
    """Every place `user` hosts, whatever its status (drafts and proposals included)."""
    return Place.objects.filter(hostings__user=user).order_by("name")


def hosts_of(*, place: Place) -> QuerySet[User]:
    return User.objects.filter(hostings__place=place, is_active=True).order_by("name", "email")


def coordinators() -> list[User]:
    """The coordinators (the permission rule says who they are), by address."""
    staff = User.objects.filter(is_active=True, is_staff=True).order_by("email")
    return [user for user in staff if is_coordinator(user)]


def is_hosted_by_email(*, place: Place, email: str) -> bool:
    """Whether the account of `email` (whatever its case) already hosts `place`."""
    return User.objects.filter(hostings__place=place, email__iexact=email.strip()).exists()


def place_by_slug(*, slug: str) -> Place:
    """A place whatever its status (its hosts see it before it is published)."""
    return Place.objects.only("pk", "slug", "name", "status", "updated_at").get(slug=slug)


def open_invitations(*, place: Place) -> QuerySet[Invitation]:
    """Invitations to host `place` not yet accepted and not yet expired, newest first."""
    since = timezone.now() - invitations.lifetime()
    return Invitation.objects.filter(
        place=place, accepted_at__isnull=True, created_at__gte=since
    ).select_related("invited_by")


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """`user`'s tokens that still work, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
