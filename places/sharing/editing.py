"""Hosts' pages for what their place shares: /lieux/<slug>/modifier/salles-et-materiel/ and
one page per space or equipment item. Only the place's hosts and the coordinators (the edit
page's rule, places.accounts.permissions); every write is a POST answered by a redirect or
the form again with its errors, so the pages work without JavaScript."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from places.accounts.editing.views import editors_only
from places.models import Place
from places.sharing import selectors, services
from places.sharing.models import Equipment, Space

COMMON = ["name", "kind", "price_kind", "price_amount", "price_text", "conditions", "position"]


class SpaceForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = [
            *COMMON[:2],
            "capacity",
            "surface_m2",
            "equipment",
            "accessibility",
            *COMMON[2:],
        ]
        widgets = {
            "equipment": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "capacity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "surface_m2": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "price_amount": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": 0, "step": "0.5"}
            ),
        }


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = [*COMMON[:2], "quantity", "training_required", *COMMON[2:]]
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "price_amount": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": 0, "step": "0.5"}
            ),
        }


KINDS = {"space": (Space, SpaceForm), "equipment": (Equipment, EquipmentForm)}


def _row(place: Place, what: str, pk: int | None):
    model, _form = KINDS[what]
    if pk is None:
        return model(place=place)
    return get_object_or_404(model, pk=pk, place=place)


@never_cache
@require_http_methods(["GET", "HEAD"])
@editors_only
def shared_edit(request: HttpRequest, place: Place) -> HttpResponse:
    spaces, equipment = selectors.place_shares(place=place)
    return render(
        request,
        "sharing/shared_edit.html",
        {"place": place, "spaces": spaces, "equipment": equipment},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@editors_only
def row_edit(request: HttpRequest, place: Place, what: str, pk: int | None = None):
    """Adds (no `pk`) or changes a space or an equipment item of `place`."""
    row = _row(place, what, pk)
    form_class = KINDS[what][1]
    form = form_class(request.POST if request.method == "POST" else None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.shared_save(row=form.save(commit=False), by=request.user)
        messages.success(request, _("« %(name)s » est enregistré.") % {"name": row.name})
        return redirect("places:shared-edit", slug=place.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "sharing/row_edit.html",
        {"place": place, "form": form, "row": row, "what": what},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@editors_only
def row_delete(request: HttpRequest, place: Place, what: str, pk: int):
    """Asks to confirm (GET), then removes (POST) a space or an equipment item."""
    if what not in KINDS:
        raise Http404
    row = _row(place, what, pk)
    if request.method == "POST":
        services.shared_delete(row=row, by=request.user)
        messages.success(request, _("« %(name)s » est retiré de la fiche.") % {"name": row.name})
        return redirect("places:shared-edit", slug=place.slug)
    return render(request, "sharing/row_delete.html", {"place": place, "row": row, "what": what})
