"""Pages of the agenda: the list grouped by day with its map, one event, the feeds."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from places.events import ical, selectors
from places.events.filters import EventFilters
from places.events.forms import PERIODS, EventSearchForm
from places.events.jsonld import event_jsonld
from places.events.models import Category, Event
from places.events.recurrence import local
from places.models import Place
from places.views import maps

PAGE_SIZE = 30
RADIUS_CHOICES = ["5", "10", "20", "50"]


def _map_config() -> dict:
    west, south, east, north = settings.LEAFLET_CONFIG["SPATIAL_EXTENT"]
    return {
        "tiles": maps.tiles(),
        "zoom": maps.zoom(),
        "territory": [[south, west], [north, east]],
        "strings": {
            "zoomIn": _("Zoomer"),
            "zoomOut": _("Dézoomer"),
            "failed": _(
                "Les évènements n’ont pas pu être affichés sur la carte ; la liste reste à jour."
            ),
        },
        "urls": {"geojson": reverse("api:event-geojson")},
    }


def _days(occurrences) -> list[tuple]:
    """`(day, [occurrences])` in the page's order, each occurrence under its local day."""
    days: list[tuple] = []
    for occurrence in occurrences:
        day = local(occurrence.start).date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(occurrence)
    return days


@require_safe
def agenda(request: HttpRequest) -> HttpResponse:
    """Upcoming occurrences grouped by day, with the search's filters and its map."""
    form = EventSearchForm(request.GET)
    context = {
        "form": form,
        "categories": Category.choices,
        "periods": PERIODS.items(),
        "radius_choices": RADIUS_CHOICES,
        "selected_categories": set(request.GET.getlist("category")),
        "map_config": _map_config(),
        "page": None,
    }
    if form.is_valid():
        filters = form.filters()
        occurrences = selectors.event_search(filters=filters, ordered_by_day=True)
        page = Paginator(occurrences, PAGE_SIZE).get_page(request.GET.get("page"))
        # The feed of the same search (the page aside).
        query = request.GET.copy()
        query.pop("page", None)
        count = page.paginator.count
        context.update(
            filters=filters,
            page=page,
            days=_days(page.object_list),
            summary=ngettext("%(count)d séance", "%(count)d séances", count) % {"count": count}
            if count
            else _("Aucun évènement"),
            ics_url=f"{reverse('events:feed')}?{query.urlencode()}",
        )
    else:
        context["summary"] = _("Recherche à corriger")
    return render(request, "events/agenda.html", context)


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _public_event(slug)
    dates = selectors.event_dates(event=event)
    context = {
        "event": event,
        "dates": dates,
        "next": dates[0] if dates else None,
        "jsonld": event_jsonld(event, occurrence=dates[0] if dates else None),
        "map_config": {**_map_config(), "point": [event.point.y, event.point.x]},
    }
    return render(request, "events/event_detail.html", context)


def _public_event(slug: str) -> Event:
    try:
        return selectors.event_detail(slug=slug)
    except Event.DoesNotExist:
        raise Http404(_("Aucun évènement ne porte cet identifiant.")) from None


def bad_parameters(form) -> HttpResponseBadRequest:
    """A 400 naming each bad parameter in words, for the agenda's feeds and print (what a
    calendar application or a browser shows as it is)."""
    messages = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
    return HttpResponseBadRequest("\n".join(messages), content_type="text/plain; charset=utf-8")


def _calendar(body: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    """/agenda.ics: the events of which an occurrence is upcoming, the agenda's filters
    applied (a bad filter is a 400 in words, as a calendar application shows it)."""
    form = EventSearchForm(request.GET)
    if not form.is_valid():
        return bad_parameters(form)
    events = selectors.feed_events(filters=form.filters())
    body = ical.calendar(events, name=_("Agenda de la Fabrique du Bocage"))
    return _calendar(body, filename="agenda.ics")


@require_safe
def place_feed(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place.objects.published(), slug=slug)
    events = selectors.feed_events(filters=EventFilters(place=place.slug))
    body = ical.calendar(events, name=place.name)
    return _calendar(body, filename=f"{place.slug}.ics")


@require_safe
def event_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """One event for "ajouter à mon agenda"."""
    event = _public_event(slug)
    return _calendar(ical.calendar([event], name=event.title), filename=f"{event.slug}.ics")


@require_safe
def place_archive(request: HttpRequest, slug: str) -> HttpResponse:
    """The past events of a place, the latest first."""
    place = get_object_or_404(Place.objects.published(), slug=slug)
    past = selectors.place_past(place_id=place.pk, now=timezone.now())
    page = Paginator(past, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/place_archive.html", {"place": place, "page": page})
