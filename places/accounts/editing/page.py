"""What the edit page shows: its forms, the photos, the hours in words, the scripts' settings."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from places import hours, photos
from places.accounts.editing.forms import PhotoUploadForm, PlaceEditForm
from places.models import Place


def hours_in_words(text: str) -> dict:
    """The coming week of an `opening_hours` text in words, or why it cannot be read."""
    if not text.strip():
        return {"valid": True, "empty": True, "week": []}
    try:
        hours.validate_opening_hours(text)
    except ValidationError as error:
        return {"valid": False, "empty": False, "error": " ".join(error.messages)}
    days = hours.week(text, timezone.localdate())
    return {
        "valid": True,
        "empty": False,
        "week": [{"label": day.label, "words": day.words} for day in days],
    }


def _month_names() -> list[str]:
    return [capfirst(date_format(date(2001, month, 1), "F")) for month in range(1, 13)]


def _day_names() -> list[str]:
    # 1 January 2001 was a Monday.
    return [capfirst(date_format(date(2001, 1, day), "l")) for day in range(1, 8)]


def page_config(place: Place | None, *, urls: dict | None = None) -> dict:
    """The scripts' settings and strings, passed through json_script (never inline code).
    `urls` (geocode, hours) are the place's helpers unless given (a place being proposed
    has none yet)."""
    tiles = settings.LEAFLET_CONFIG["TILES"][0]
    zoom = {"min": settings.LEAFLET_CONFIG["MIN_ZOOM"], "max": settings.LEAFLET_CONFIG["MAX_ZOOM"]}
    return {
        "tiles": {"url": tiles[1], **tiles[2]},
        "zoom": zoom,
        "strings": {
            "zoomIn": _("Zoomer"),
            "zoomOut": _("Dézoomer"),
            "marker": _("Position du lieu : faites glisser le repère pour la corriger"),
            "searching": _("Recherche de l’adresse…"),
            "found": _(
                "Point proposé d’après l’adresse : %(label)s. Corrigez-le sur la carte si besoin."
            ),
            "notFound": _(
                "Adresse introuvable : touchez la carte à l’endroit du lieu, ou saisissez la "
                "latitude et la longitude."
            ),
            "down": _(
                "Le service d’adresses ne répond pas : touchez la carte à l’endroit du lieu, ou "
                "saisissez la latitude et la longitude."
            ),
            "moved": _("Position modifiée : %(lat)s, %(lon)s. Enregistrez pour la garder."),
        },
        "hours": {
            "days": _day_names(),
            "months": _month_names(),
            "help": _(
                "Cochez les jours d’ouverture et indiquez les heures ; le champ ci-dessous "
                "s’écrit tout seul."
            ),
            "closed": _("fermé"),
            "from": _("de"),
            "to": _("à"),
            "fromLabel": _("%(day)s, plage %(n)s : ouverture"),
            "toLabel": _("%(day)s, plage %(n)s : fermeture"),
            "add": _("+ Ajouter une plage"),
            "addLabel": _(" : %(day)s"),
            "remove": _("Retirer"),
            "removeLabel": _(" : %(day)s, plage %(n)s"),
            "copyMonday": _("Mêmes horaires que le lundi du mardi au vendredi"),
            "closings": _("Fermetures"),
            "holidays": _("Fermé les jours fériés"),
            "monthsHelp": _("Fermé tout le mois de :"),
            "unsupported": _(
                "Ces horaires utilisent des règles que l’éditeur ne sait pas afficher : "
                "modifiez-les dans le champ ci-dessous, ou repartez de zéro avec l’éditeur."
            ),
            "restart": _("Repartir de zéro avec l’éditeur"),
            "empty": _("Aucun horaire : la fiche dira « horaires non communiqués »."),
            "week": _("Les sept prochains jours, tels que la fiche les affichera :"),
        },
        "photos": {"altFor": _("Description de « %(name)s »")},
        "urls": urls
        or {
            "geocode": reverse("places:edit-geocode", kwargs={"slug": place.slug}),
            "hours": reverse("places:edit-hours", kwargs={"slug": place.slug}),
        },
    }


def render_edit_page(
    request: HttpRequest, place: Place, form: PlaceEditForm | None = None, *, status=200, **extra
) -> HttpResponse:
    form = form or PlaceEditForm(instance=place)
    context = {
        "place": place,
        "form": form,
        "upload_form": extra.pop("upload_form", None) or PhotoUploadForm(),
        "photos": list(place.photos.all()),
        "hours_words": hours_in_words(form["opening_hours"].value() or ""),
        "map_config": page_config(place),
        "max_photos": photos.MAX_PER_PLACE,
        **extra,
    }
    return render(request, "places/place_edit.html", context, status=status)
