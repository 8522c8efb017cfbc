"""Views of the site's pages: they validate the query, call a selector and render."""

import hashlib

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from places import hours, io, opendata, selectors
from places.forms import PlaceSearchForm
from places.jsonld import place_jsonld
from places.models import Place

PAGE_SIZE = 20
CARD_FIELDS = ["slug", "name", "commune", "summary", "opening_hours", "is_demo", "location"]
RADIUS_CHOICES = ["5", "10", "20", "50"]
SHORTCUTS = [
    # (label, query string, icon): intents of the home page, plain links to searches.
    (gettext_lazy("Travailler"), "type=coworking", "laptop"),
    (gettext_lazy("Se réunir"), "service=salle-de-reunion", "presentation"),
    (gettext_lazy("Fabriquer"), "type=fablab&type=ateliers-partages", "drill"),
    (gettext_lazy("Réparer"), "type=recyclerie", "recycle"),
    (
        gettext_lazy("Manger"),
        "type=cafe-associatif&type=cuisine-partagee&type=tiers-lieu-nourricier",
        "coffee",
    ),
    (gettext_lazy("Se cultiver"), "type=tiers-lieu-culturel", "drama"),
    (gettext_lazy("Jardiner"), "type=jardin-partage", "sprout"),
]


def _search_context(request: HttpRequest, *, base: str | None = None) -> dict:
    """The search of the query string: the form, the page of results, the facets.

    An invalid search is a form error shown in the page (role="alert"), answered 200 like
    any form to correct; the JSON API answers 400 for the same parameters."""
    form = PlaceSearchForm(request.GET)
    types = selectors.place_types()
    services = selectors.services()
    context = {
        "form": form,
        "types": types,
        "services": services,
        "radius_choices": RADIUS_CHOICES,
        "selected_types": set(request.GET.getlist("type")),
        "selected_services": set(request.GET.getlist("service")),
    }
    if not form.is_valid():
        context.update(
            page=None,
            facets={"types": {}, "services": {}, "flags": {}},
            filters=None,
            summary=_("Recherche à corriger"),
            apply_label=_("Appliquer les filtres"),
        )
        return context
    filters = form.filters()
    # A card shows a few fields of each place: the long texts stay in the database.
    places = selectors.place_search(filters=filters).only(*CARD_FIELDS).prefetch_related("types")
    paginator = selectors.PlacePaginator(places, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    now = timezone.now()
    for place in page.object_list:
        place.hours_status = hours.status(place.opening_hours, now)
    base = base or request.path
    active = _active_filters(
        request, filters, base=base, labels={t.slug: t.label for t in [*types, *services]}
    )
    # The badge of the filters counts filters: the text searched is not one.
    filter_count = len(active) - bool(filters.q)
    context.update(
        page=page,
        filters=filters,
        facets=selectors.place_facets(filters=filters),
        active_filters=active,
        query_without_page=_query_without_page(request),
        summary=(
            ngettext("%(count)d lieu", "%(count)d lieux", paginator.count)
            % {"count": paginator.count}
            if paginator.count
            else _("Aucun lieu")
        ),
        active_filter_count=filter_count,
        filters_label=ngettext("%(count)d actif", "%(count)d actifs", filter_count)
        % {"count": filter_count}
        if filter_count
        else "",
        apply_label=(
            ngettext("Voir %(count)d lieu", "Voir les %(count)d lieux", paginator.count)
            % {"count": paginator.count}
            if paginator.count
            else _("Aucun lieu : voir les suggestions")
        ),
        suggestions=[]
        if paginator.count
        else _suggestions(request, filters, base=base, active=active),
    )
    return context


def _active_filters(request, filters, *, base: str, labels: dict) -> list[tuple[str, str]]:
    """Each filter of the search, named, with the address of the same search without it."""

    def without(name: str, value: str | None = None) -> str:
        query = request.GET.copy()
        query.pop("page", None)
        if value is None:
            query.pop(name, None)
        else:
            query.setlist(name, [v for v in query.getlist(name) if v != value])
        return f"{base}?{query.urlencode()}"

    active = []
    if filters.q:  # first, and only when there is a text (the filters' badge counts on it)
        active.append((_("« %(q)s »") % {"q": filters.q}, without("q")))
    for slug in filters.types:
        active.append((labels.get(slug, slug), without("type", slug)))
    for slug in filters.services:
        active.append((labels.get(slug, slug), without("service", slug)))
    if filters.open_now:
        active.append((_("Ouvert maintenant"), without("ouvert")))
    if filters.founders:
        active.append((_("Accueille les porteurs de projet"), without("porteurs")))
    if filters.accessible:
        active.append((_("Accessible en fauteuil roulant"), without("accessible")))
    if filters.capacity:  # asked by `capacite`, or read in the text (then removed with it)
        active.append(
            (
                _("Une salle pour %(n)d personnes") % {"n": filters.capacity},
                without("capacite" if request.GET.get("capacite") else "q"),
            )
        )
    if filters.commune:
        active.append((_("Commune : %(name)s") % {"name": filters.commune}, without("commune")))
    if filters.radius_km:
        active.append(
            (_("À %(km)s km au plus") % {"km": f"{filters.radius_km:g}"}, without("rayon"))
        )
    return active


def _suggestions(request, filters, *, base: str, active: list) -> list[tuple[str, str]]:
    """What to try when nothing matches: a wider radius, one filter less, everything."""
    suggestions = []
    if filters.radius_km:
        query = request.GET.copy()
        query["rayon"] = f"{min(filters.radius_km * 2, 200):g}"
        suggestions.append(
            (_("élargir à %(km)s km") % {"km": query["rayon"]}, f"{base}?{query.urlencode()}")
        )
    suggestions += [(_("retirer le filtre %(f)s") % {"f": label}, url) for label, url in active]
    suggestions.append((_("voir tous les lieux du réseau"), base))
    return suggestions


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _tiles() -> dict:
    url, options = settings.LEAFLET_CONFIG["TILES"][0][1:3]
    return {"url": url, **options}


def _zoom() -> dict:
    return {"min": settings.LEAFLET_CONFIG["MIN_ZOOM"], "max": settings.LEAFLET_CONFIG["MAX_ZOOM"]}


def _map_config(request: HttpRequest, *, count: int, types) -> dict:
    """What the map's JavaScript needs, passed through `json_script` (never inline code)."""
    west, south, east, north = settings.LEAFLET_CONFIG["SPATIAL_EXTENT"]
    return {
        "tiles": _tiles(),
        "zoom": _zoom(),
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


def _map_title(context: dict) -> str:
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


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The map of every published place, with the same places as a list."""
    context = _search_context(request)
    context["page_title"] = _map_title(context)
    count = context["page"].paginator.count if context["page"] else 0
    context.update(
        map_config=_map_config(request, count=count, types=context["types"]),
        shortcuts=SHORTCUTS,
        show_on_map=True,
    )
    return render(request, "places/home.html", context)


@require_safe
def place_list(request: HttpRequest) -> HttpResponse:
    context = _search_context(request)
    context["shortcuts"] = SHORTCUTS
    return render(request, "places/place_list.html", context)


@require_safe
def place_results(request: HttpRequest) -> HttpResponse:
    """The results alone, for the map page's script to swap in without a reload."""
    context = _search_context(request, base=reverse("places:home"))
    context["show_on_map"] = True
    context["page_title"] = _map_title(context)
    return render(request, "places/_results.html", context)


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
            "tiles": _tiles(),
            "zoom": _zoom(),
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


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """What crawlers may read, and where the sitemap is (an absolute URL, as robots.txt says)."""
    sitemap = f"{settings.SITE_URL}{reverse('places:sitemap')}"
    return render(
        request, "robots.txt", {"sitemap": sitemap}, content_type="text/plain; charset=utf-8"
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on their own: the site's icon (SVG)."""
    response = redirect(static("img/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def data_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The whole directory as a file to download (open data, ODbL), revalidated by its data
    version: a 304 reads one row, a new version is built once."""
    download = opendata.download(fmt)
    last_modified = int(download.last_modified.timestamp())
    not_modified = get_conditional_response(
        request, etag=download.etag, last_modified=last_modified
    )
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        download.open(),
        as_attachment=True,
        filename=download.filename,
        content_type=download.content_type,
    )
    response["ETag"] = download.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, no-cache"
    response["Link"] = f'<{io.LICENCE_URL}>; rel="license"'
    return response
