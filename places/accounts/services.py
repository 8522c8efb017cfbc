"""Writes about people: invitations to host a place, accepting, leaving, API tokens.

Each write asks the one rule (permissions.py) itself, so no view can forget it, and is all
or nothing (one transaction; the mail is sent once the rows are written).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from places.accounts import invitations, selectors, tokens
from places.accounts.models import ApiToken, Hosting, Invitation, User
from places.accounts.permissions import can_change_place
from places.models import Place
from places.outbox.services import mail_queue


def hosting_invite(*, place: Place, email: str, invited_by: User) -> Invitation:
    """Sends an invitation to host `place` to `email`: its hosts and the coordinators may."""
    if not can_change_place(invited_by, place):
        raise PermissionDenied(_("Seuls les hôtes du lieu et la coordination peuvent inviter."))
    email = User.objects.normalize_email(email.strip())
    if selectors.is_hosted_by_email(place=place, email=email):
        raise ValidationError(
            _("%(email)s est déjà hôte de ce lieu.") % {"email": email}, code="already_host"
        )
    with transaction.atomic():
        invitation = Invitation.objects.create(place=place, email=email, invited_by=invited_by)
        expires = timezone.localtime(invitation.created_at + invitations.lifetime())
        context = {
            "invitation": invitation,
            "place": place,
            "inviter": invited_by,
            "url": invitations.invitation_url(invitation),
            "expires": date_format(expires, "DATE_FORMAT"),
        }
        # Kept in the outbox with the invitation, sent by the task queue once both are written.
        mail_queue(
            kind="invitation",
            to=email,
            subject=_("Invitation à animer la fiche « %(place)s »") % {"place": place.name},
            template="mail/invitation",
            context=context,
            reply_to=[invited_by.email],
        )
    return invitation


def hosting_accept(*, token: str, user: User) -> Hosting:
    """Makes the signed-in `user` a host of the place a valid invitation names; the link is
    then used up. Raises InvalidInvitation (tampered, expired, used) and changes nothing."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Connectez-vous pour accepter une invitation."))
    with transaction.atomic():
        # Locked: two clicks on the same link accept it once.
        invitation = invitations.invitation_from_token(token, for_update=True)
        hosting, _created = Hosting.objects.get_or_create(
            place=invitation.place, user=user, defaults={"added_by": invitation.invited_by}
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return hosting


def hosting_leave(*, place: Place, user: User) -> None:
    """`user` stops hosting `place`. The last host may leave too: the place then has no host,
    and coordinators find it in the admin (filter « sans hôte »)."""
    deleted, _details = Hosting.objects.filter(place=place, user=user).delete()
    if not deleted:
        raise PermissionDenied(_("Vous n’êtes pas hôte de ce lieu."))


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal API token of `user`, and its key (never stored, shown once)."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError(_("Donnez un nom au jeton."), code="required")
    key = tokens.new_key()
    token = ApiToken.objects.create(
        user=user, name=name[:80], prefix=tokens.key_prefix(key), key_hash=tokens.key_hash(key)
    )
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revokes one of `user`'s own tokens; someone else's is not found (ApiToken.DoesNotExist)."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(
            pk=token_id, user=user, revoked_at__isnull=True
        )
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
