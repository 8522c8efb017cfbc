"""The host's side: the dashboard /espace-hote/, co-hosts and invitations, API tokens.

Thin views: a form validates, a service writes (and asks the permission rule), a selector
reads. Anonymous visitors are sent to sign in; anyone else refused gets a 403 or a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from places.accounts import selectors, services
from places.accounts.forms import ApiTokenForm, InvitationForm
from places.accounts.models import ApiToken
from places.accounts.permissions import can_change_place, is_coordinator, is_host
from places.accounts.proposals import selectors as proposal_selectors
from places.models import Place

NEW_TOKEN_KEY = "accounts.new_token_key"  # session: a new key, shown once on the next page


def place_or_404(slug: str) -> Place:
    """The place of `slug` whatever its status (its hosts see it before it is published)."""
    try:
        return selectors.place_by_slug(slug=slug)
    except Place.DoesNotExist:
        raise Http404(_("Aucun lieu ne porte cet identifiant.")) from None


def _dashboard_context(request: HttpRequest) -> dict:
    return {
        "places": list(selectors.places_hosted_by(user=request.user)),
        # Each with its latest step and what a coordinator asked (proposals/selectors.py).
        "proposals": proposal_selectors.proposals_of(user=request.user),
        "tokens": selectors.api_tokens_of(user=request.user),
        "token_form": ApiTokenForm(),
        "is_coordinator": is_coordinator(request.user),
    }


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {**_dashboard_context(request), "new_key": request.session.pop(NEW_TOKEN_KEY, None)}
    return render(request, "accounts/dashboard.html", context)


@require_POST
@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            request.session[NEW_TOKEN_KEY] = {"name": token.name, "key": key}
            return redirect(reverse("accounts:dashboard") + "#jetons")
    context = {**_dashboard_context(request), "token_form": form}
    return render(request, "accounts/dashboard.html", context, status=400)


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = services.api_token_revoke(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404(_("Aucun de vos jetons ne porte ce numéro.")) from None
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect(reverse("accounts:dashboard") + "#jetons")


def _hosts_page(request, place: Place, form: InvitationForm, *, status: int = 200):
    context = {
        "place": place,
        "hosts": selectors.hosts_of(place=place),
        "invitations": selectors.open_invitations(place=place),
        "form": form,
        "is_host": is_host(request.user, place),
        "INVITATION_DAYS": settings.INVITATION_DAYS,
    }
    return render(request, "accounts/place_hosts.html", context, status=status)


@require_safe
@login_required
def place_hosts(request: HttpRequest, slug: str) -> HttpResponse:
    """A place's hosts and open invitations, with the form to invite a co-host."""
    place = place_or_404(slug)
    if not can_change_place(request.user, place):
        raise PermissionDenied
    return _hosts_page(request, place, InvitationForm())


@require_POST
@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    place = place_or_404(slug)
    form = InvitationForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.hosting_invite(place=place, email=email, invited_by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": email})
            return redirect("accounts:place_hosts", slug=place.slug)
    elif not can_change_place(request.user, place):
        raise PermissionDenied  # no form errors to show to who may not invite
    return _hosts_page(request, place, form, status=400)


@require_POST
@login_required
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    place = place_or_404(slug)
    services.hosting_leave(place=place, user=request.user)
    messages.success(request, _("Vous n’êtes plus hôte de « %(place)s ».") % {"place": place.name})
    return redirect("accounts:dashboard")
