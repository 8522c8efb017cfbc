"""The host's side of the resource centre: propose a resource for one's place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from places.accounts.permissions import can_change_place
from places.models import Place
from places.resources import selectors, services
from places.resources.forms import ResourceProposalForm


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def resource_propose(request: HttpRequest, slug: str) -> HttpResponse:
    """/espace-hote/ressources/<place>/proposer/: pending until a coordinator publishes it.
    Only the place's hosts and the coordinators (the rule `can_change_place`)."""
    try:
        place = selectors.offering_place(slug=slug)
    except Place.DoesNotExist:
        raise Http404(_("Aucun lieu ne porte cet identifiant.")) from None
    if not can_change_place(request.user, place):
        raise PermissionDenied
    form = ResourceProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "upload"}
        services.resource_propose(
            user=request.user, place=place, data=data, upload=form.cleaned_data.get("upload")
        )
        messages.success(
            request,
            _(
                "Merci ! Votre ressource est en attente : la coordination du réseau la relira avant de la publier."
            ),
        )
        return redirect(reverse("accounts:dashboard") + "#mes-ressources")
    return render(request, "resources/resource_propose.html", {"form": form, "place": place})
