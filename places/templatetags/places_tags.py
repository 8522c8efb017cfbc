"""Template helpers: sanitised Markdown, icons, JSON-LD, distances, dates in words."""

import functools
import json
from urllib.parse import urlsplit

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from places import dates
from places.text import render_markdown

register = template.Library()

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The address of page `number` of the list shown: its query string, the page changed."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown written by hosts, through the site's one sanitiser (places/text.py)."""
    return render_markdown(text)


@functools.cache
def _sprite_url() -> str:
    """The sprite's hashed URL: a manifest lookup, which a page of 130 icons would repeat."""
    return static("img/icons.svg")


@receiver(setting_changed)
def _forget_sprite_url(*, setting: str, **kwargs) -> None:
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG"}:
        _sprite_url.cache_clear()


@register.simple_tag
def icon(name: str, css_class: str = "icon") -> SafeString:
    """A decorative icon of the sprite (hidden from screen readers: the text says it all)."""
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        css_class,
        _sprite_url(),
        name,
    )


@register.simple_tag
def jsonld(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` block, escaped like `json_script`."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def km(metres: float | None) -> str:
    """3200 → « 3,2 km », 450 → « 450 m »."""
    if metres is None:
        return ""
    if metres < 1000:
        return f"{round(metres / 10) * 10:.0f} m"
    return f"{number_format(metres / 1000, 1)} km"


@register.filter
def get_item(mapping: dict, key: str):
    return (mapping or {}).get(key)


@register.filter
def long_date(value) -> str:
    """« 1er décembre 2025 »: the one way the site writes a date (places.dates)."""
    return dates.long_date(value) if value else ""


@register.filter
def link_host(url: str) -> str:
    """« https://www.facebook.com/lagrange » → « facebook.com/lagrange », to name a link."""
    parts = urlsplit(url or "")
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else url
