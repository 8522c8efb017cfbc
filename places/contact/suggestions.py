"""Corrections suggested by visitors: received, shown as a difference, accepted or refused.

Accepting applies exactly the difference the visitor made, field by field, to the listing as
it is now: a field changed since by someone else is left as it is (and said so), never
overwritten silently. The change is one version of the place's history, by the person who
accepted it, as an edit of theirs would be. Refusing changes nothing and tells the author.
"""

import difflib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from places import history
from places.accounts.models import User
from places.accounts.permissions import can_change_place
from places.contact import selectors
from places.contact.models import Suggestion
from places.models import Place
from places.outbox.services import mail_queue


def suggestion_create(
    *, place: Place, name: str, email: str, changes: dict, comment: str
) -> Suggestion:
    """Keeps the suggestion and tells whoever reviews it (the hosts, else the coordinators)."""
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            place=place, name=name, email=email, changes=changes, comment=comment
        )
        for address in selectors.reviewers_of(place=place):
            mail_queue(
                kind="suggestion",
                to=address,
                subject=_("Une correction est proposée pour « %(place)s »") % {"place": place.name},
                template="mail/suggestion_received",
                context={"place": place, "suggestion": suggestion},
            )
    return suggestion


def _locked(suggestion: Suggestion, *, by: User) -> Suggestion:
    """`suggestion` as it is now, locked until the decision of `by` (who must be allowed to
    change its place) is saved: two clicks or two hosts never decide twice."""
    if not can_change_place(by, suggestion.place):
        raise PermissionDenied
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


def _decide(suggestion: Suggestion, *, by: User, status: str) -> str:
    """Records the decision; returns the author's address, wiped from the suggestion (it
    served its purpose) and left to answer them."""
    email = suggestion.email
    suggestion.status = status
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.email = ""
    return email


def suggestion_accept(*, suggestion: Suggestion, by: User) -> Suggestion:
    """Applies the suggestion's difference (fields changed since are left, in `skipped`)."""
    with transaction.atomic():
        suggestion = _locked(suggestion, by=by)
        if suggestion.status != Suggestion.Status.PENDING:
            return suggestion
        place = Place.objects.select_for_update().get(pk=suggestion.place_id)
        applied, skipped = [], []
        for name, change in suggestion.changes.items():
            current = getattr(place, name) or ""
            if current == change["before"]:
                setattr(place, name, change["after"])
                applied.append(name)
            elif current != change["after"]:
                skipped.append(name)
        if applied:
            reason = _("Suggestion de correction n° %(n)d") % {"n": suggestion.pk}
            with history.one_version(place, by=by, reason=reason[:100]):
                place.save()
        email = _decide(suggestion, by=by, status=Suggestion.Status.ACCEPTED)
        suggestion.applied, suggestion.skipped = applied, skipped
        suggestion.save()
        if email:
            mail_queue(
                kind="suggestion-accepted",
                to=email,
                subject=_("Merci : votre correction de « %(place)s » est acceptée")
                % {"place": place.name},
                template="mail/suggestion_accepted",
                context={"place": place, "suggestion": suggestion},
            )
    return suggestion


def suggestion_refuse(*, suggestion: Suggestion, by: User, answer: str) -> Suggestion:
    """Refuses it with a message to its author; the listing is untouched."""
    with transaction.atomic():
        suggestion = _locked(suggestion, by=by)
        if suggestion.status != Suggestion.Status.PENDING:
            return suggestion
        email = _decide(suggestion, by=by, status=Suggestion.Status.REFUSED)
        suggestion.answer = answer
        suggestion.save()
        if email:
            mail_queue(
                kind="suggestion-refused",
                to=email,
                subject=_("Votre correction de « %(place)s »") % {"place": suggestion.place.name},
                template="mail/suggestion_refused",
                context={"place": suggestion.place, "suggestion": suggestion},
                reply_to=[by.email],
            )
    return suggestion


def word_diff(before: str, after: str) -> SafeString:
    """The two texts as one, words removed in <del> and words added in <ins> (escaped)."""
    old, new = str(before).split(" "), str(after).split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308  (every piece escaped above)


def difference(suggestion: Suggestion, place: Place) -> list[dict]:
    """What the reviewer reads: each field's label, the listing now, the suggestion, the
    words changed, and whether the listing changed since the suggestion was made."""
    rows = []
    for name, change in suggestion.changes.items():
        current = getattr(place, name) or ""
        rows.append(
            {
                "name": name,
                "label": Place._meta.get_field(name).verbose_name,
                "current": current,
                "after": change["after"],
                "diff": word_diff(change["before"], change["after"]),
                "changed_since": current not in (change["before"], change["after"]),
            }
        )
    return rows
