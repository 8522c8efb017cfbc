"""What contact adds to other pages: on a place's page, write to it, point out a mistake and
when it was checked; on the host's dashboard, the corrections to decide on."""

from django import template

from places.accounts.permissions import is_coordinator
from places.contact import selectors

register = template.Library()


@register.inclusion_tag("contact/_place_contact.html")
def place_contact(place) -> dict:
    return {"place": place}


@register.inclusion_tag("contact/_host_suggestions.html")
def host_suggestions(user) -> dict:
    return {
        "suggestions": list(selectors.suggestions_for(user=user)[:50]),
        "coordinator": is_coordinator(user),
    }
