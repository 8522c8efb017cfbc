"""The photos of a place on its edit page: add (several at once), describe, move, delete.

Each is a POST of a small form, answered by a redirect back to the photos (or the page with
the error): the same rule as the edit page decides who may (see views.editors_only).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from places import photos
from places.accounts.editing import services
from places.accounts.editing.forms import PhotoAltForm, PhotoMoveForm, PhotoUploadForm
from places.accounts.editing.page import render_edit_page
from places.accounts.editing.views import editors_only
from places.models import Place, PlacePhoto


def _back_to_photos(place: Place) -> HttpResponse:
    return redirect(f"{reverse('places:edit', kwargs={'slug': place.slug})}#photos")


def _photo(place: Place, pk: int) -> PlacePhoto:
    return get_object_or_404(PlacePhoto, pk=pk, place=place)


@require_POST
@editors_only
def photo_add(request: HttpRequest, place: Place) -> HttpResponse:
    form = PhotoUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.place_photos_add(
                place=place, uploads=form.cleaned_data["uploads"], by=request.user
            )
        except photos.PhotoError as error:
            form.add_error("photos", str(error))
        else:
            count = len(added)
            message = ngettext("%(n)d photo ajoutée.", "%(n)d photos ajoutées.", count)
            messages.success(request, message % {"n": count})
            return _back_to_photos(place)
    return render_edit_page(request, place, status=400, upload_form=form)


@require_POST
@editors_only
def photo_describe(request: HttpRequest, place: Place, pk: int) -> HttpResponse:
    photo = _photo(place, pk)
    form = PhotoAltForm(request.POST, instance=photo)
    if not form.is_valid():
        return render_edit_page(request, place, status=400, alt_errors={pk: form.errors["alt"]})
    services.place_photo_describe(photo=photo, alt=form.cleaned_data["alt"], by=request.user)
    messages.success(request, _("Description de la photo enregistrée."))
    return _back_to_photos(place)


@require_POST
@editors_only
def photo_move(request: HttpRequest, place: Place, pk: int) -> HttpResponse:
    photo = _photo(place, pk)
    form = PhotoMoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Déplacement inconnu : « up » ou « down »."))
    up = form.cleaned_data["direction"] == "up"
    services.place_photo_move(photo=photo, up=up, by=request.user)
    messages.success(request, _("Ordre des photos enregistré."))
    return _back_to_photos(place)


@require_POST
@editors_only
def photo_delete(request: HttpRequest, place: Place, pk: int) -> HttpResponse:
    services.place_photo_delete(photo=_photo(place, pk), by=request.user)
    messages.success(request, _("Photo supprimée."))
    return _back_to_photos(place)
