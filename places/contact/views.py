"""The visitors' contact page of a place: /lieux/<slug>/contact/ (thin: form, service)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from places.contact import antispam, selectors, services
from places.contact.forms import SUBJECT_MAX, ContactForm
from places.contact.services import NoRecipient

RATE_SCOPE = "contact"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """The form; sent, the message goes to the place's hosts through the outbox. A robot
    that filled the honeypot is told it worked, and nothing leaves."""
    place = selectors.published_place(slug=slug)
    if request.method != "POST":
        initial = {"subject": request.GET.get("objet", "")[:SUBJECT_MAX]}
        return _page(request, place, ContactForm(initial=initial))
    form = ContactForm(request.POST)
    if form.is_robot:
        return redirect("places:contact-sent", slug=place.slug)
    if not form.is_valid():
        return _page(request, place, form, status=400)
    data = form.cleaned_data
    ip = antispam.client_ip(request)
    if antispam.limit_reached(RATE_SCOPE, email=data["email"], ip=ip):
        form.add_error(None, antispam.limit_message())
        return _page(request, place, form, status=429)
    try:
        services.contact_relay(
            place=place,
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
        )
    except NoRecipient:
        form.add_error(None, services.NO_RECIPIENT)
        return _page(request, place, form, status=503)
    antispam.count_message(RATE_SCOPE, email=data["email"], ip=ip)
    return redirect("places:contact-sent", slug=place.slug)


def _page(request, place, form, *, status: int = 200) -> HttpResponse:
    return render(
        request, "contact/contact_form.html", {"place": place, "form": form}, status=status
    )


@require_safe
def contact_sent(request: HttpRequest, slug: str) -> HttpResponse:
    place = selectors.published_place(slug=slug)
    return render(request, "contact/contact_sent.html", {"place": place})
