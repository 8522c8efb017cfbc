"""The edit page of a place (/lieux/<slug>/modifier/) and its helpers: address, hours.

Only the place's hosts and the coordinators, as places.accounts.permissions says: anyone
signed out is sent to sign in, anyone else gets a 403. Every write is a POST answered by a
redirect (or the form again with its errors), so the page works without JavaScript.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from places import geocoding
from places.accounts.editing import services
from places.accounts.editing.forms import PlaceEditForm
from places.accounts.editing.page import hours_in_words, render_edit_page
from places.accounts.permissions import can_change_place
from places.models import Place
from places.text import render_markdown


def editors_only(view):
    """Gives `view` the place when the person may change it: the signed-out are sent to sign
    in (told nothing about the place), then 404 for no such place, 403 for someone else's."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("places:edit", kwargs={"slug": slug}))
        place = get_object_or_404(Place, slug=slug)
        if not can_change_place(request.user, place):
            raise PermissionDenied
        return view(request, place, **kwargs)

    return wrapped


def geocode_answer(request: HttpRequest) -> JsonResponse:
    """`?address=&postcode=&commune=` → `{lat, lon, label}` for the map; 404 when the
    address is unknown, 503 when the service is down (the host places the pin by hand)."""
    try:
        located = geocoding.locate_address(
            address=request.GET.get("address", "")[:200],
            postcode=request.GET.get("postcode", "")[:5],
            commune=request.GET.get("commune", "")[:100],
        )
    except geocoding.GeocoderUnavailable:
        return JsonResponse({"detail": _("Le service d’adresses ne répond pas.")}, status=503)
    if located is None:
        return JsonResponse({"detail": _("Adresse introuvable.")}, status=404)
    return JsonResponse({"lat": located.point.y, "lon": located.point.x, "label": located.label})


def locate(data) -> tuple:
    """The form's data with the point its address gives, and what to tell the host."""
    data = data.copy()
    try:
        located = geocoding.locate_address(
            address=data.get("address", ""),
            postcode=data.get("postcode", ""),
            commune=data.get("commune", ""),
        )
    except geocoding.GeocoderUnavailable:
        return data, _(
            "Le service d’adresses ne répond pas : placez le point à la main (sur la carte, ou "
            "par la latitude et la longitude)."
        )
    if located is None:
        return data, _(
            "Adresse introuvable : placez le point à la main (sur la carte, ou par la latitude "
            "et la longitude)."
        )
    data["latitude"] = f"{located.point.y:.6f}"
    data["longitude"] = f"{located.point.x:.6f}"
    message = _("Point proposé d’après l’adresse : %(label)s. Vérifiez-le, puis enregistrez.")
    return data, message % {"label": located.label}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@editors_only
def place_edit(request: HttpRequest, place: Place) -> HttpResponse:
    """The whole listing. "Aperçu" shows the presentation rendered and "Placer d'après
    l'adresse" asks the geocoder, neither saving; "Enregistrer" saves it all as one
    version and shows the public page."""
    if request.method != "POST":
        return render_edit_page(request, place)
    action = request.POST.get("action", "save")
    data, notice = locate(request.POST) if action == "locate" else (request.POST, None)
    form = PlaceEditForm(data, instance=place)
    if not form.is_valid():
        return render_edit_page(request, place, form, status=400, notice=notice)
    if action in {"preview", "locate"}:
        preview = render_markdown(form.cleaned_data["description"]) if action == "preview" else None
        return render_edit_page(request, place, form, notice=notice, preview=preview)
    try:
        services.place_update(
            place=place, changes=form.cleaned_data, by=request.user, seen=form.cleaned_data["seen"]
        )
    except services.EditConflict:
        form.add_error(
            None,
            _(
                "Quelqu’un a modifié cette fiche pendant que vous la modifiiez : rechargez la "
                "page pour partir de sa version actuelle (vos changements ne sont pas enregistrés)."
            ),
        )
        return render_edit_page(request, Place.objects.get(pk=place.pk), form, status=409)
    messages.success(request, _("Fiche enregistrée."))
    if place.status == Place.Status.PUBLISHED:
        return redirect(place.get_absolute_url())
    return redirect("places:edit", slug=place.slug)


@never_cache
@require_GET
@editors_only
def place_geocode(request: HttpRequest, place: Place) -> JsonResponse:
    """`?address=&postcode=&commune=` → `{lat, lon, label}` for the map."""
    return geocode_answer(request)


@never_cache
@require_GET
@editors_only
def place_hours(request: HttpRequest, place: Place) -> JsonResponse:
    """`?h=<opening_hours>` → the coming week in words, or why the text cannot be read."""
    return JsonResponse(hours_in_words(request.GET.get("h", "")[:255]))
