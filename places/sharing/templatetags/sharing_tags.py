"""Template tags of what places share: a place's spaces and equipment, kinds' pictograms."""

from django import template

from places.sharing import selectors
from places.templatetags.places_tags import icon

register = template.Library()

KIND_ICONS = {
    "meeting_room": "presentation",
    "workshop": "hammer",
    "office": "laptop",
    "kitchen": "chef-hat",
    "hall": "users",
    "outdoor": "sprout",
    "laser_cutter": "drill",
    "printer_3d": "printer",
    "cnc": "drill",
    "sewing": "wrench",
    "van": "navigation",
    "sound": "plug",
    "projector": "monitor",
    "tools": "wrench",
    "cooking": "utensils",
    "other": "info",
}


@register.inclusion_tag("sharing/_place_shares.html")
def place_shares(place):
    """The spaces and equipment of a place, for its page (one line in place_detail.html)."""
    spaces, equipment = selectors.place_shares(place=place)
    return {"place": place, "spaces": spaces, "equipment": equipment}


@register.simple_tag
def kind_icon(kind: str):
    """The pictogram of a kind of space or equipment."""
    return icon(KIND_ICONS.get(kind, "info"))
