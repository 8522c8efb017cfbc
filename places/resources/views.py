"""Pages of the resource centre: the list, a resource, its downloads, the founder's path."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from places.forms import PlaceSearchForm
from places.resources import jsonld, selectors, services, uploads
from places.resources import site_search as site_search_module
from places.resources.forms import ResourceSearchForm
from places.resources.models import Resource, ResourceFile

PAGE_SIZE = 20


@require_safe
def resource_list(request: HttpRequest) -> HttpResponse:
    """/ressources/: search, filters with counts, sort, pages; plain HTML, no JS needed."""
    form = ResourceSearchForm(request.GET)
    context = {
        "form": form,
        "theme_options": [(t.slug, t.label) for t in selectors.themes()],
        "stage_options": [(s.slug, s.label) for s in selectors.stages()],
        "kinds": Resource.Kind.choices,
        "place_options": [(p.slug, p.name) for p in selectors.places_offering()],
        "selected": {
            "theme": set(request.GET.getlist("theme")),
            "stage": set(request.GET.getlist("stage")),
            "kind": set(request.GET.getlist("kind")),
            "place": set(request.GET.getlist("place")),
        },
        "page": None,
        "facets": {},
    }
    if form.is_valid():
        filters = form.filters()
        resources = selectors.for_display(selectors.resource_search(filters=filters))
        paginator = Paginator(resources, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        context.update(
            filters=filters,
            page=page,
            facets=selectors.resource_facets(filters=filters),
            summary=ngettext("%(count)d ressource", "%(count)d ressources", paginator.count)
            % {"count": paginator.count}
            if paginator.count
            else _("Aucune ressource ne correspond : retirez un filtre ou changez de mots."),
        )
    return render(request, "resources/resource_list.html", context)


@require_safe
def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        resource = selectors.resource_detail(slug=slug)
    except Resource.DoesNotExist:
        raise Http404(_("Aucune ressource publiée ne porte ce nom.")) from None
    return render(
        request,
        "resources/resource_detail.html",
        {
            "resource": resource,
            "related": selectors.related_resources(resource=resource),
            "jsonld": jsonld.resource_jsonld(resource, request=request),
        },
    )


@require_safe
def file_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A file of a published resource, as an attachment with its real type; the resource's
    download total goes up by one (no cookie, no address kept: nobody is followed)."""
    try:
        item = selectors.resource_file(slug=slug, pk=pk)
    except ResourceFile.DoesNotExist:
        raise Http404(_("Ce fichier n’existe pas.")) from None
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Ce fichier n’est plus disponible.")) from None
    if request.method == "GET":
        services.resource_downloaded(resource_id=item.resource_id)
    # The name given follows the real type: the admin stores an upload under its own name.
    extension = uploads.extension_of(item.content_type) or item.file.name.rsplit(".", 1)[-1]
    filename = f"{slugify(item.name.rsplit('.', 1)[0]) or 'fichier'}.{extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=item.content_type
    )
    # Every download reaches the site to be counted: caches keep no copy to hand out.
    response["Cache-Control"] = "no-cache"
    return response


def _origin(request: HttpRequest) -> tuple[PlaceSearchForm, object, str]:
    """The visitor's point from `ou=` (town or postcode) or `near=`, as places read it."""
    form = PlaceSearchForm({k: request.GET.get(k, "") for k in ("ou", "near")})
    if not form.is_valid():
        return form, None, ""
    filters = form.filters()
    return form, filters.origin, filters.origin_label


@require_safe
def founder_path(request: HttpRequest) -> HttpResponse:
    """/ressources/parcours/: the stages in order, what to do, their resources, and the
    mentor places nearest to the visitor (ordered by distance, in km)."""
    form, origin, label = _origin(request)
    return render(
        request,
        "resources/founder_path.html",
        {
            "form": form,
            "stages": selectors.path_stages(),
            "mentors": selectors.mentor_places(origin=origin),
            "origin": origin,
            "origin_label": label,
            "stage_slug": request.GET.get("etape", ""),
        },
    )


@require_safe
def site_search(request: HttpRequest) -> HttpResponse:
    """/recherche/?q=: places, upcoming events and resources, grouped by kind."""
    text = request.GET.get("q", "").strip()[:200]
    groups = site_search_module.site_search(text=text)
    return render(
        request,
        "resources/site_search.html",
        {"q": text, "groups": groups, "total": sum(g.count for g in groups)},
    )
