"""What the map pages pass to their scripts: tiles, zoom, strings, URLs, the page title."""

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _


def tiles() -> dict:
    url, options = settings.LEAFLET_CONFIG["TILES"][0][1:3]
    return {"url": url, **options}


def zoom() -> dict:
    return {"min": settings.LEAFLET_CONFIG["MIN_ZOOM"], "max": settings.LEAFLET_CONFIG["MAX_ZOOM"]}


def map_config(request: HttpRequest, *, count: int, types) -> dict:
    """What the map's JavaScript needs, passed through `json_script` (never inline code)."""
    west, south, east, north = settings.LEAFLET_CONFIG["SPATIAL_EXTENT"]
    return {
        "tiles": tiles(),
        "zoom": zoom(),
        "territory": [[south, west], [north, east]],
        "count": count,
        "types": {
            str(t.pk): {"slug": t.slug, "label": t.label, "colour": t.colour, "icon": t.icon}
            for t in types
        },
        "strings": {
            "open": _("Voir la fiche"),
            "cluster": _("%(count)s lieux ici : zoomer pour les voir"),
            "zoomIn": _("Zoomer"),
            "zoomOut": _("Dézoomer"),
            "failed": _(
                "Les lieux n’ont pas pu être affichés sur la carte ; la liste reste à jour."
            ),
        },
        "urls": {
            "markers": reverse("api:place-markers"),
            "popup": reverse("api:place-popup", kwargs={"pk": 0}),
            "results": reverse("places:results"),
            "icons": static("img/icons.svg"),
            "worker": static("js/cluster-worker.js"),
            "supercluster": static("vendor/supercluster/supercluster.min.js"),
        },
    }


def map_title(context: dict) -> str:
    """The map page's `<title>`: what it shows once searched (the script keeps it in step)."""
    site = _("La Fabrique du Bocage — tiers-lieux du Pays du Bocage ornais")
    filters = context.get("filters")
    if context.get("page") is None:
        return f"{context['summary']} — {site}"
    if not (context.get("active_filters") or (filters and filters.origin)):
        return site
    if filters.q:
        return _("%(summary)s · « %(q)s » — %(site)s") % {
            "summary": context["summary"],
            "q": filters.q,
            "site": site,
        }
    return f"{context['summary']} — {site}"
