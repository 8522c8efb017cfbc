"""Template helpers of the resource centre: a place's resources, file types and sizes."""

from django import template

from places.resources import selectors, uploads

register = template.Library()


@register.inclusion_tag("resources/_place_resources.html")
def place_resources(place) -> dict:
    """The resources a place offers, for its page (one line in place_detail.html)."""
    return {"place": place, "resources": selectors.place_resources(place=place)}


@register.filter
def file_words(item) -> str:
    """« PDF, 120 Ko »: a file's real type and its size in words."""
    return f"{uploads.label_of(item.content_type)}, {uploads.size_in_words(item.size)}"


@register.inclusion_tag("resources/_host_resources.html")
def host_resources(user, places) -> dict:
    """The host dashboard's part: propose a resource for each place, the proposals' status."""
    return {"places": places, "proposals": selectors.proposals_for(places=places)}
