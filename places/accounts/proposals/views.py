"""Proposals: /lieux/proposer/ for anyone signed in, the moderation queue for coordinators.

Thin views: a form validates, a service writes (and asks the permission rule), a selector
reads. The signed-out are sent to sign in and come back; anyone else refused gets a 403.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from places.accounts.editing.page import hours_in_words, page_config
from places.accounts.editing.views import geocode_answer, locate
from places.accounts.permissions import is_coordinator
from places.accounts.proposals import selectors, services
from places.accounts.proposals.forms import DecisionForm, ProposalForm
from places.accounts.views import place_or_404
from places.text import render_markdown


def _proposal_page(request, form: ProposalForm, *, status: int = 200, **extra) -> HttpResponse:
    urls = {"geocode": reverse("places:propose-geocode"), "hours": reverse("places:propose-hours")}
    context = {
        "form": form,
        "hours_words": hours_in_words(form["opening_hours"].value() or ""),
        "map_config": page_config(None, urls=urls),
        "form_url": reverse("places:propose"),
        **extra,
    }
    return render(request, "places/place_propose.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def place_propose(request: HttpRequest) -> HttpResponse:
    """The edit page's form for a new place: "Aperçu" and "Placer d'après l'adresse" save
    nothing; "Proposer" creates it, pending, and opens its edit page to its author."""
    if request.method != "POST":
        return _proposal_page(request, ProposalForm())
    action = request.POST.get("action", "save")
    data, notice = locate(request.POST) if action == "locate" else (request.POST, None)
    form = ProposalForm(data)
    if not form.is_valid():
        return _proposal_page(request, form, status=400, notice=notice)
    if action in {"preview", "locate"}:
        preview = render_markdown(form.cleaned_data["description"]) if action == "preview" else None
        return _proposal_page(request, form, notice=notice, preview=preview)
    place = services.place_propose(changes=form.cleaned_data, by=request.user)
    messages.success(
        request,
        _(
            "Merci ! « %(name)s » est proposé : la coordination du réseau le relira avant de le "
            "publier. Vous pouvez continuer à compléter sa fiche et ajouter des photos."
        )
        % {"name": place.name},
    )
    return redirect("places:edit", slug=place.slug)


@never_cache
@require_GET
@login_required
def propose_geocode(request: HttpRequest) -> JsonResponse:
    return geocode_answer(request)


@never_cache
@require_GET
@login_required
def propose_hours(request: HttpRequest) -> JsonResponse:
    return JsonResponse(hours_in_words(request.GET.get("h", "")[:255]))


def coordinators_only(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _queue_page(request, *, status: int = 200, errors: dict | None = None) -> HttpResponse:
    proposals = selectors.moderation_queue()
    for place in proposals:
        place.duplicates = selectors.possible_duplicates(place=place)
        place.description_html = render_markdown(place.description)
        place.form = (errors or {}).get(place.pk) or DecisionForm()
    context = {"proposals": proposals, "waiting": selectors.proposals_waiting_for_authors()}
    return render(request, "accounts/moderation.html", context, status=status)


@never_cache
@require_GET
@coordinators_only
def moderation_queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request)


@require_POST
@coordinators_only
def moderation_decide(request: HttpRequest, slug: str) -> HttpResponse:
    place = place_or_404(slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = services.proposal_decide(place=place, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("message" if error.code == "message" else None, error)
        else:
            messages.success(
                request,
                _("« %(place)s » : %(decision)s. L’auteur en est informé par courriel.")
                % {"place": place.name, "decision": decision.get_kind_display()},
            )
            return redirect("accounts:moderation")
    return _queue_page(request, status=400, errors={place.pk: form})


@require_POST
@login_required
def proposal_resubmit(request: HttpRequest, slug: str) -> HttpResponse:
    place = place_or_404(slug)
    try:
        services.proposal_resubmit(place=place, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("« %(place)s » est renvoyé à la coordination du réseau.") % {"place": place.name},
        )
    return redirect(reverse("accounts:dashboard") + "#mes-propositions")
