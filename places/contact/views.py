"""Visitors' pages of a place: write to it (/contact/), point out a mistake (/signaler/),
and the freshness reminder's link (/a-jour/<token>/). Thin: a form, a service."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from places.clients import client_ip
from places.contact import antispam, freshness, selectors, services, suggestions
from places.contact.antispam import ProtectedForm
from places.contact.forms import SUBJECT_MAX, ContactForm, SuggestionForm
from places.contact.services import NoRecipient
from places.models import Place


def _page(request, template: str, place, form, *, status: int = 200) -> HttpResponse:
    return render(request, template, {"place": place, "form": form}, status=status)


def _protected_post(
    request: HttpRequest,
    place: Place,
    form: ProtectedForm,
    *,
    scope: str,
    template: str,
    sent: str,
    act: Callable[[dict], object],
) -> HttpResponse:
    """What both visitors' forms do once sent: a robot that filled the honeypot is told it
    worked and nothing happens; a wrong form is shown again (400); an address or an IP over
    the limit waits (429); else `act(cleaned_data)`, counted, and the `sent` page."""
    if form.is_robot:
        return redirect(sent, slug=place.slug)
    if not form.is_valid():
        return _page(request, template, place, form, status=400)
    data = form.cleaned_data
    ip = client_ip(request)
    if antispam.limit_reached(scope, email=data["email"], ip=ip):
        form.add_error(None, antispam.limit_message())
        return _page(request, template, place, form, status=429)
    try:
        act(data)
    except NoRecipient:
        form.add_error(None, services.NO_RECIPIENT)
        return _page(request, template, place, form, status=503)
    antispam.count_message(scope, email=data["email"], ip=ip)
    return redirect(sent, slug=place.slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """The form; sent, the message goes to the place's hosts through the outbox."""
    place = selectors.published_place(slug=slug)
    template = "contact/contact_form.html"
    if request.method != "POST":
        initial = {"subject": request.GET.get("objet", "")[:SUBJECT_MAX]}
        return _page(request, template, place, ContactForm(initial=initial))
    return _protected_post(
        request,
        place,
        ContactForm(request.POST),
        scope="contact",
        template=template,
        sent="places:contact-sent",
        act=lambda data: services.contact_relay(
            place=place,
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
        ),
    )


@require_safe
def contact_sent(request: HttpRequest, slug: str) -> HttpResponse:
    place = selectors.published_place(slug=slug)
    return render(request, "contact/contact_sent.html", {"place": place})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Signaler une erreur": a copy of the listing's texts to correct, no account needed."""
    place = selectors.published_place(slug=slug, full=True)
    template = "contact/suggest_form.html"
    if request.method != "POST":
        return _page(request, template, place, SuggestionForm(place=place))
    form = SuggestionForm(request.POST, place=place)
    return _protected_post(
        request,
        place,
        form,
        scope="suggest",
        template=template,
        sent="places:suggest-sent",
        act=lambda data: suggestions.suggestion_create(
            place=place,
            name=data["name"],
            email=data["email"],
            changes=form.changes(),
            comment=data["comment"],
        ),
    )


@require_safe
def suggest_sent(request: HttpRequest, slug: str) -> HttpResponse:
    place = selectors.published_place(slug=slug)
    return render(request, "contact/suggest_sent.html", {"place": place})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def still_right(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The reminder's "oui, toujours à jour" link. Opening it shows one button: mail
    providers open the links of mails on their own, and must not confirm a listing."""
    place = selectors.place_of_link(slug=slug)
    try:
        if request.method == "POST":
            freshness.place_confirm_fresh(token=token, place=place)
            return render(request, "contact/still_right.html", {"place": place, "done": True})
        freshness.reminder_from_token(token=token, place=place)
    except freshness.InvalidLink as error:
        context = {"place": place, "error": error.message}
        return render(request, "contact/still_right.html", context, status=error.status)
    return render(request, "contact/still_right.html", {"place": place, "token": token})
