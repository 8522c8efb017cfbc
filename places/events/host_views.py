"""The hosts' side of the agenda, under /espace-hote/evenements/: create, edit, duplicate
and cancel the events of their places (a whole event or one date of a series), and give
the iCalendar feeds to import. The rule is the places' one (`can_change_place`): signed-out
people are sent to sign in, anyone else is refused with a 403 and nothing changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from places.accounts.permissions import can_change_place
from places.events import selectors, services
from places.events.host_forms import EventFeedForm, EventForm, OccurrenceCancelForm
from places.events.models import Event, EventFeed
from places.models import Place


def _event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("place"), slug=slug)
    if not can_change_place(request.user, event.place):
        raise PermissionDenied
    return event


def _dashboard() -> str:
    return reverse("accounts:dashboard") + "#mes-evenements"


def _save(request: HttpRequest, form: EventForm, *, template_context: dict) -> HttpResponse:
    if form.is_valid():
        event = form.save(commit=False)
        if not can_change_place(request.user, event.place):
            raise PermissionDenied
        services.event_save(event=event)
        if event.place.status != Place.Status.PUBLISHED:
            # Its page is public only once its place is: the host finds it on the dashboard.
            messages.success(
                request,
                _(
                    "« %(title)s » est enregistré ; il paraîtra dans l’agenda quand « %(place)s » "
                    "sera publié."
                )
                % {"title": event.title, "place": event.place.name},
            )
            return redirect("accounts:dashboard")
        messages.success(request, _("« %(title)s » est enregistré.") % {"title": event.title})
        return redirect(event.get_absolute_url())
    return render(request, "events/host_form.html", {"form": form, **template_context}, status=200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    places = selectors.editable_places(user=request.user)
    if not places.exists():
        raise PermissionDenied
    if request.method == "POST":
        form = EventForm(request.POST, places=places, instance=Event())
        return _save(request, form, template_context={"creating": True})
    initial = {"place": request.GET.get("lieu") and places.filter(slug=request.GET["lieu"]).first()}
    form = EventForm(places=places, initial=initial)
    return render(request, "events/host_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    places = selectors.editable_places(user=request.user)
    if request.method == "POST":
        form = EventForm(request.POST, places=places, instance=event)
        return _save(request, form, template_context={"event": event})
    form = EventForm(places=places, instance=event)
    dates = event.occurrences.order_by("start")
    return render(request, "events/host_form.html", {"form": form, "event": event, "dates": dates})


@login_required
@require_POST
def event_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    copy = services.event_duplicate(event=_event(request, slug))
    messages.success(request, _("Copie créée : modifiez-la avant de la partager."))
    return redirect("events:host-edit", slug=copy.slug)


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = services.event_cancel(event=_event(request, slug))
    messages.success(
        request,
        _("« %(title)s » est annulé ; il reste affiché comme annulé.") % {"title": event.title},
    )
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def occurrence_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    form = OccurrenceCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cette date n’est pas une séance de l’évènement."))
        return redirect("events:host-edit", slug=event.slug)
    try:
        services.occurrence_cancel(event=event, original_date=form.cleaned_data["original_date"])
    except ValueError:
        messages.error(request, _("Cette date n’est pas une séance de l’évènement."))
    else:
        messages.success(request, _("La séance est annulée ; les autres dates sont maintenues."))
    return redirect("events:host-edit", slug=event.slug)


@login_required
@require_POST
def feed_add(request: HttpRequest) -> HttpResponse:
    places = selectors.editable_places(user=request.user)
    if not places.exists():
        raise PermissionDenied
    form = EventFeedForm(request.POST, places=places)
    if form.is_valid() and can_change_place(request.user, form.cleaned_data["place"]):
        form.save()
        messages.success(
            request, _("Le calendrier sera importé à la prochaine lecture (chaque heure).")
        )
    else:
        errors = " ".join(e for errors in form.errors.values() for e in errors)
        messages.error(
            request, _("Calendrier non ajouté : %(errors)s") % {"errors": errors or _("refusé")}
        )
    return redirect(_dashboard())


@login_required
@require_POST
def feed_delete(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(EventFeed.objects.select_related("place"), pk=pk)
    if not can_change_place(request.user, feed.place):
        raise PermissionDenied
    feed.delete()
    messages.success(request, _("Le calendrier n’est plus importé ; ses évènements sont retirés."))
    return redirect(_dashboard())
