"""/salles-et-materiel/: the spaces and equipment that places share, found like places."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from places.sharing import selectors
from places.sharing.forms import SharedSearchForm
from places.sharing.models import Equipment, Space

PAGE_SIZE = 20
RADIUS_CHOICES = ["5", "10", "20", "50"]
TABS = {"salles": Space, "materiel": Equipment}


@require_safe
def shared_list(request: HttpRequest) -> HttpResponse:
    """Spaces (`quoi=salles`, the default) or equipment (`quoi=materiel`), nearest first
    around `ou`/`near`. A search to correct is shown with its errors (a form, answered 200)."""
    tab = request.GET.get("quoi", "salles")
    tab = tab if tab in TABS else "salles"
    model = TABS[tab]
    form = SharedSearchForm(request.GET, model=model)
    context = {
        "form": form,
        "tab": tab,
        "radius_choices": RADIUS_CHOICES,
        "kinds": model.Kind.choices,
        "selected_kinds": set(request.GET.getlist("kind")),
        "tab_links": _tab_links(request),
        "page": None,
        "filters": None,
    }
    if form.is_valid():
        filters = form.filters()
        paginator = Paginator(selectors.shared_search(model=model, filters=filters), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        count = paginator.count
        if model is Space:
            summary = ngettext("%(count)d espace", "%(count)d espaces", count)
        else:
            summary = ngettext("%(count)d matériel", "%(count)d matériels", count)
        context.update(
            filters=filters,
            page=page,
            summary=summary % {"count": count} if count else _("Aucun résultat"),
        )
    else:
        context["summary"] = _("Recherche à corriger")
    return render(request, "sharing/shared_list.html", context)


def _tab_links(request: HttpRequest) -> dict[str, str]:
    """The same search in the other tab (its kinds and capacity do not apply there)."""
    links = {}
    for tab in TABS:
        query = request.GET.copy()
        for name in ("page", "kind", "capacite"):
            query.pop(name, None)
        query["quoi"] = tab
        links[tab] = f"{request.path}?{query.urlencode()}"
    return links
