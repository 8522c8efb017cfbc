"""A place's page, revalidated with ETag and Last-Modified."""

import hashlib

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from places import hours, selectors
from places.jsonld import place_jsonld
from places.models import Place
from places.views import maps


def _place_etag(
    request: HttpRequest, slug: str, updated_at, opening_hours: str, others: list
) -> str:
    """What a place's page shows besides the place: the day (its week of opening hours), the
    state "open now", the language, who is signed in (the header names them) and the data
    of the other concepts (its events, its resources...)."""
    now = timezone.now()
    status = hours.status(opening_hours, now)
    state = f"{status.label}|{status.next_label}" if status else ""
    text = "|".join(
        [
            slug,
            updated_at.isoformat(),
            str(timezone.localdate(now)),
            state,
            request.LANGUAGE_CODE,
            str(request.user.pk or ""),
            *(f"{concept}:{version}" for concept, version, _changed in others),
        ]
    )
    return f'"{hashlib.blake2b(text.encode(), digest_size=12).hexdigest()}"'


@require_safe
def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A place's page, revalidated with ETag and Last-Modified (a 304 reads one row)."""
    revision = selectors.place_revision(slug=slug)
    if revision is None:
        raise Http404(_("Aucun lieu publié ne porte cet identifiant."))
    updated_at, opening_hours = revision
    others = selectors.other_versions()
    etag = _place_etag(request, slug, updated_at, opening_hours, others)
    last_modified = int(max([updated_at, *(changed for _c, _v, changed in others)]).timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    try:
        place = selectors.place_detail(slug=slug)
    except Place.DoesNotExist:  # unpublished in between
        raise Http404(_("Aucun lieu publié ne porte cet identifiant.")) from None
    now = timezone.now()
    week = hours.week(place.opening_hours, timezone.localdate(now))
    context = {
        "place": place,
        "jsonld": place_jsonld(
            place, url=f"{settings.SITE_URL}{place.get_absolute_url()}", week=week
        ),
        "types": list(place.types.all()),
        "place_services": list(place.services.all()),
        "photos": list(place.photos.all()),
        "hours_status": hours.status(place.opening_hours, now),
        "week": week,
        "map_config": {
            "tiles": maps.tiles(),
            "zoom": maps.zoom(),
            "strings": {"zoomIn": _("Zoomer"), "zoomOut": _("Dézoomer")},
            "point": [place.latitude, place.longitude],
            "name": place.name,
        },
    }
    response = render(request, "places/place_detail.html", context)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # The header names whoever is signed in: such a page is for their browser alone.
    shared = "private" if request.user.is_authenticated else "public"
    response["Cache-Control"] = f"{shared}, no-cache"
    return response
