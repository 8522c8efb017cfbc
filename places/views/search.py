"""The map page and the list of places: one search of the query string, its facets and pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from places import hours, selectors
from places.forms import PlaceSearchForm
from places.views import maps

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


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The map of every published place, with the same places as a list."""
    context = _search_context(request)
    context["page_title"] = maps.map_title(context)
    count = context["page"].paginator.count if context["page"] else 0
    context.update(
        map_config=maps.map_config(request, count=count, types=context["types"]),
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
    context["page_title"] = maps.map_title(context)
    return render(request, "places/_results.html", context)
