"""System checks that fail fast on a bad configuration."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_map_settings(app_configs, **kwargs):
    errors = []
    if not str(settings.GEOCODER_URL).startswith(("http://", "https://")):
        errors.append(
            Error(
                "GEOCODER_URL must be an http(s) URL.",
                hint="Set GEOCODER_URL to the address of a BAN-compatible geocoder.",
                id="places.E001",
            )
        )
    tiles = settings.LEAFLET_CONFIG.get("TILES") or []
    if not tiles or "{z}" not in tiles[0][1]:
        errors.append(
            Error(
                "MAP_TILES_URL must be a tile URL template with {z}, {x} and {y}.",
                id="places.E002",
            )
        )
    return errors
