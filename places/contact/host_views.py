"""The hosts' side of contact, under /espace-hote/: a suggestion to accept or refuse, and
for the coordinators the listings to check and the places without a host."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from places.accounts.permissions import can_change_place, is_coordinator
from places.contact import selectors, suggestions
from places.contact.forms import RefusalForm
from places.contact.models import Suggestion


def _suggestion(request: HttpRequest, pk: int) -> Suggestion:
    suggestion = selectors.suggestion_with_place(pk=pk)
    if not can_change_place(request.user, suggestion.place):
        raise PermissionDenied
    return suggestion


def _page(request, suggestion, form, *, status: int = 200) -> HttpResponse:
    context = {
        "suggestion": suggestion,
        "place": suggestion.place,
        "rows": suggestions.difference(suggestion, suggestion.place),
        "form": form,
    }
    return render(request, "contact/suggestion_review.html", context, status=status)


@require_safe
@login_required
def suggestion_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _suggestion(request, pk), RefusalForm())


@require_POST
@login_required
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = suggestions.suggestion_accept(suggestion=_suggestion(request, pk), by=request.user)
    if suggestion.skipped:
        messages.warning(
            request,
            _(
                "Suggestion acceptée, sauf ces champs modifiés depuis par quelqu’un d’autre, "
                "laissés tels quels : %(fields)s."
            )
            % {"fields": ", ".join(suggestion.skipped)},
        )
    else:
        messages.success(request, _("Suggestion acceptée : la fiche est corrigée."))
    return redirect("contact:suggestion", pk=suggestion.pk)


@require_POST
@login_required
def suggestion_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    form = RefusalForm(request.POST)
    if not form.is_valid():
        return _page(request, suggestion, form, status=400)
    suggestions.suggestion_refuse(
        suggestion=suggestion, by=request.user, answer=form.cleaned_data["answer"]
    )
    messages.success(request, _("Suggestion refusée : son auteur en est informé."))
    return redirect("contact:suggestion", pk=suggestion.pk)


@require_safe
@login_required
def listings_to_check(request: HttpRequest) -> HttpResponse:
    """Coordinators only: listings not checked for FRESHNESS_MONTHS months, places without
    a host."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    context = {
        "stale": selectors.places_to_check(months=settings.FRESHNESS_MONTHS)[:500],
        "orphans": selectors.places_without_host()[:500],
        "months": settings.FRESHNESS_MONTHS,
    }
    return render(request, "contact/listings_to_check.html", context)
