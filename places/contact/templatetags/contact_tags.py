"""What contact adds to a place's page: write to it, point out a mistake, when checked."""

from django import template

register = template.Library()


@register.inclusion_tag("contact/_place_contact.html")
def place_contact(place) -> dict:
    return {"place": place}
