"""The address of a new row made from its name: the places', events' and resources' slugs."""

from collections.abc import Collection

from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(
    text: str, *, among: QuerySet, reserved: Collection[str], default: str, max_length: int = 150
) -> str:
    """`text` as a slug that no row of `among` has and that is no page's path (`reserved`):
    "atelier", then "atelier-2", "atelier-3"... `default` when `text` gives no letter."""
    base = slugify(text)[:max_length].strip("-") or default
    slug, n = base, 1
    while slug in reserved or among.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
