"""Writes of proposals: a signed-in person proposes a place, coordinators decide.

Each write asks the one rule (places.accounts.permissions) itself, is all or nothing (one
transaction), is one version of the place in its history (who, when, and the decision as its
reason), and keeps its mails in the outbox with it (sent by the task queue once written).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from places import history, slugs
from places.accounts.editing.services import listing_write
from places.accounts.models import Decision, Hosting, User
from places.accounts.permissions import can_change_place, is_coordinator
from places.accounts.proposals import mails
from places.models import Place
from places.models.place import RESERVED_SLUGS

REASON_LENGTH = 100  # simple-history's change reason


def _unique_slug(name: str) -> str:
    return slugs.unique_slug(
        name, among=Place.objects.all(), reserved=RESERVED_SLUGS, default="lieu"
    )


def _reason(text: str) -> str:
    return " ".join(text.split())[:REASON_LENGTH]


def place_propose(*, changes: dict, by: User) -> Place:
    """A new place from `changes` (the edit form's cleaned data), `pending`: invisible to the
    public until a coordinator publishes it. Its author becomes its host; the coordinators
    are told by e-mail."""
    if not (by.is_authenticated and by.is_active):
        raise PermissionDenied(_("Connectez-vous pour proposer un lieu."))
    with transaction.atomic():
        place = Place(status=Place.Status.PENDING, slug=_unique_slug(changes["name"]))
        listing_write(
            place, changes=changes, by=by, reason=_reason(_("Proposition d’un nouveau lieu"))
        )
        Hosting.objects.create(place=place, user=by, added_by=by)
        decision = Decision.objects.create(place=place, kind=Decision.Kind.SUBMITTED, by=by)
        mails.mail_coordinators(place=place, decision=decision)
    return place


def proposal_resubmit(*, place: Place, by: User) -> Decision:
    """A proposal sent back to the coordinators after the changes they asked for."""
    if not can_change_place(by, place):
        raise PermissionDenied(_("Seuls les hôtes du lieu peuvent renvoyer sa proposition."))
    with transaction.atomic():
        place = Place.objects.select_for_update().get(pk=place.pk)
        if place.status != Place.Status.DRAFT or not place.decisions.exists():
            raise ValidationError(
                _("Cette proposition n’attend pas de modifications."), code="not_asked"
            )
        decision = _decide(
            place, kind=Decision.Kind.RESUBMITTED, by=by, status=Place.Status.PENDING
        )
        mails.mail_coordinators(place=place, decision=decision)
    return decision


# What each decision of a coordinator does: the place's new status, and whether it says why.
DECISIONS = {
    Decision.Kind.PUBLISHED: (Place.Status.PUBLISHED, False),
    Decision.Kind.CHANGES_REQUESTED: (Place.Status.DRAFT, True),
    Decision.Kind.REFUSED: (Place.Status.ARCHIVED, True),
}


def proposal_decide(*, place: Place, kind: str, message: str = "", by: User) -> Decision:
    """A coordinator publishes a pending proposal, asks its author for changes (with a
    message), or refuses it (with a reason); its author is told by e-mail."""
    if not is_coordinator(by):
        raise PermissionDenied(_("Seule la coordination du réseau modère les propositions."))
    if kind not in DECISIONS:
        raise ValidationError(_("Décision inconnue."), code="kind")
    status, needs_message = DECISIONS[kind]
    message = message.strip()
    if needs_message and not message:
        raise ValidationError(_("Dites à l’auteur ce qui ne va pas."), code="message")
    with transaction.atomic():
        place = Place.objects.select_for_update().get(pk=place.pk)
        if place.status != Place.Status.PENDING:
            raise ValidationError(
                _("Cette proposition n’attend plus de décision (elle est « %(status)s »).")
                % {"status": place.get_status_display()},
                code="not_pending",
            )
        decision = _decide(place, kind=kind, by=by, status=status, message=message)
        mails.mail_author(place=place, decision=decision)
    return decision


def _decide(place: Place, *, kind: str, by: User, status: str, message: str = "") -> Decision:
    decision = Decision.objects.create(place=place, kind=kind, by=by, message=message)
    label = Decision.Kind(kind).label
    reason = _("Modération : %(decision)s") % {"decision": label}
    if message:
        reason = f"{reason} — {message}"
    with history.one_version(place, by=by, reason=_reason(reason)):
        place.status = status
        place.save(update_fields=["status", "updated_at"])
    return decision
