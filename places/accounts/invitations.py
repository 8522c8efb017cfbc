"""Invitation links: signed (Django's signing), expiring after INVITATION_DAYS days."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places.accounts.models import Invitation

SALT = "places.accounts.invitation"


class InvalidInvitation(Exception):
    """A link that does not invite anyone (any more): the message says why, in words."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status  # 400 for a broken link, 410 (Gone) for one that served its time


TAMPERED = _("Ce lien d’invitation n’est pas valide : vérifiez qu’il est complet.")
EXPIRED = _("Ce lien d’invitation a expiré. Demandez une nouvelle invitation à un hôte du lieu.")
USED = _("Cette invitation a déjà été acceptée : un lien d’invitation ne sert qu’une fois.")


def lifetime() -> timedelta:
    return timedelta(days=settings.INVITATION_DAYS)


def invitation_token(invitation: Invitation) -> str:
    """The signed token of an invitation: its id and its place, dated."""
    return signing.dumps({"id": invitation.pk, "place": invitation.place_id}, salt=SALT)


def invitation_url(invitation: Invitation) -> str:
    """The absolute link sent by mail."""
    path = reverse("accounts:invitation", kwargs={"token": invitation_token(invitation)})
    return f"{settings.SITE_URL}{path}"


def invitation_from_token(token: str, *, for_update: bool = False) -> Invitation:
    """The invitation a token names, still open; else InvalidInvitation with the reason."""
    try:
        data = signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.SignatureExpired:
        raise InvalidInvitation(EXPIRED, status=410) from None
    except signing.BadSignature:
        raise InvalidInvitation(TAMPERED) from None
    if not isinstance(data, dict):
        raise InvalidInvitation(TAMPERED)
    invitations = Invitation.objects.select_related("place", "invited_by")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    try:
        # The place is checked too: a token only ever invites to the place it was made for.
        invitation = invitations.get(pk=data.get("id"), place_id=data.get("place"))
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise InvalidInvitation(TAMPERED) from None
    if invitation.accepted_at is not None:
        raise InvalidInvitation(USED, status=410)
    return invitation
