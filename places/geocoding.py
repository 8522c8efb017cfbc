"""A town name or a postcode to a point: the national address API, then the directory itself.

The geocoder sits behind `GEOCODER_URL` (the Géoplateforme, successor of the BAN API
`api-adresse.data.gouv.fr`, by default; tests point it at a local fake server). Answers are
cached. When the service cannot be reached, the communes already known in the directory
still answer, so that search keeps working in the countryside's weak connections.
"""

import hashlib
import logging
from dataclasses import dataclass, replace
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.cache import cache
from geopy.exc import GeopyError
from geopy.geocoders import BANFrance

from places import geo, search

logger = logging.getLogger(__name__)
CACHE_SECONDS = 30 * 24 * 3600
MISS_CACHE_SECONDS = 24 * 3600
DOWN_KEY = "geocoder:down"
DOWN_SECONDS = 60


@dataclass(frozen=True)
class Located:
    point: Point
    label: str
    source: str  # "geocoder" or "directory"


class GeocoderUnavailable(Exception):
    """The geocoding service could not be reached or answered nonsense."""


class CommuneGeocoder(BANFrance):
    """The BAN API asked for municipalities only (`type=municipality`).

    geopy carries the request (timeouts, errors, JSON); the answer is read here, strictly,
    because geopy's BAN parser trusts its shape (an empty feature raises IndexError).
    """

    def search_communes(self, query: str, *, timeout: float):
        params = {"q": query, "type": "municipality", "limit": 1}
        url = f"{self.geocode_api}?{urlencode(params)}"
        return self._call_geocoder(url, lambda answer: answer, timeout=timeout)

    def search_addresses(self, query: str, *, postcode: str = "", timeout: float):
        """The best match of a whole address (a house number, else a street, else a town)."""
        params = {"q": query, "limit": 1}
        if postcode:
            params["postcode"] = postcode
        url = f"{self.geocode_api}?{urlencode(params)}"
        return self._call_geocoder(url, lambda answer: answer, timeout=timeout)


def _geocoder() -> CommuneGeocoder:
    parts = urlsplit(settings.GEOCODER_URL)
    return CommuneGeocoder(
        domain=f"{parts.netloc}{parts.path}",
        scheme=parts.scheme,
        user_agent="fabrique-du-bocage (annuaire des tiers-lieux)",
    )


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise GeocoderUnavailable(f"not a number: {value!r}")
    return float(value)


def read_answer(answer, *, label_keys=("city", "name", "label")) -> Located | None:
    """A BAN answer (a FeatureCollection) to its first feature; None when it has none.

    Anything else than a well-formed answer raises GeocoderUnavailable: a broken service
    must lead to the directory's fallback, not to an error page or a cached "unknown".
    """
    if not isinstance(answer, dict) or not isinstance(answer.get("features"), list):
        raise GeocoderUnavailable(f"not a FeatureCollection: {str(answer)[:200]}")
    if not answer["features"]:
        return None
    feature = answer["features"][0]
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        raise GeocoderUnavailable(f"no point in {str(feature)[:200]}")
    try:
        point = geo.make_point(lat=_number(coordinates[1]), lon=_number(coordinates[0]))
    except ValueError as error:
        raise GeocoderUnavailable(str(error)) from error
    properties = feature.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    label = next(
        (
            properties[key]
            for key in label_keys
            if isinstance(properties.get(key), str) and properties[key].strip()
        ),
        "",
    )
    postcode = properties.get("postcode")
    if label_keys[0] == "city" and isinstance(postcode, str) and postcode and postcode not in label:
        label = f"{label} ({postcode})" if label else postcode
    return Located(point=point, label=label, source="geocoder")


def ask_geocoder(text: str) -> Located | None:
    """The national service's answer, or None when it knows no such commune."""
    try:
        answer = _geocoder().search_communes(text, timeout=settings.GEOCODER_TIMEOUT)
    except (GeopyError, OSError, ValueError, KeyError, TypeError) as error:
        raise GeocoderUnavailable(str(error)) from error
    located = read_answer(answer)
    if located is not None and not located.label:
        located = replace(located, label=text.strip())
    return located


def from_directory(text: str) -> Located | None:
    """The centre of the published places of a commune (by name or postcode) we know."""
    from places.models import Place

    wanted = text.strip()
    places = Place.objects.published()
    places = places.filter(postcode=wanted) if wanted.isdigit() else places.in_commune(wanted)
    centre = geo.centroid(places)
    if centre is None:
        return None
    first = places.order_by().values_list("commune", flat=True).first()
    return Located(point=centre, label=first or wanted, source="directory")


def locate(text: str) -> Located | None:
    """Where `text` (a town or a postcode) is; None when nobody knows it."""
    if not text.strip():
        return None
    # Hashed: a town's name has spaces and may be long, which some cache backends refuse.
    digest = hashlib.blake2b(search.normalise(text.strip()).encode(), digest_size=16).hexdigest()
    key = f"geocode:{digest}"
    cached = cache.get(key)
    if cached is not None:
        if not cached:
            return None
        lat, lon, label, source = cached
        return Located(point=geo.make_point(lat=lat, lon=lon), label=label, source=source)
    if cache.get(DOWN_KEY):
        return from_directory(text)
    try:
        located = ask_geocoder(text)
    except GeocoderUnavailable as error:
        logger.warning("Geocoder unavailable, using the directory's communes: %s", error)
        # Not asked again for a minute: a hanging service must not slow every search down.
        cache.set(DOWN_KEY, True, DOWN_SECONDS)
        return from_directory(text)  # not cached: the service may be back soon
    if located is None:
        located = from_directory(text)
    if located is None:
        cache.set(key, False, MISS_CACHE_SECONDS)
        return None
    cache.set(
        key,
        (located.point.y, located.point.x, located.label, located.source),
        CACHE_SECONDS,
    )
    return located


def locate_address(*, address: str, postcode: str = "", commune: str = "") -> Located | None:
    """Where a street address is, by the national address API; None when it knows no such
    address. Raises GeocoderUnavailable when the service cannot answer (the host then places
    the pin by hand): unlike towns, addresses have no fallback in the directory."""
    text = " ".join(part.strip() for part in (address, postcode, commune) if part.strip())
    if not text:
        return None
    digest = hashlib.blake2b(search.normalise(text).encode(), digest_size=16).hexdigest()
    key = f"geocode-address:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return Located(geo.make_point(lat=cached[0], lon=cached[1]), cached[2], "geocoder")
    if cache.get(DOWN_KEY):
        raise GeocoderUnavailable("the geocoder failed a moment ago")
    try:
        answer = _geocoder().search_addresses(
            text, postcode=postcode.strip(), timeout=settings.GEOCODER_TIMEOUT
        )
    except (GeopyError, OSError, ValueError, KeyError, TypeError) as error:
        cache.set(DOWN_KEY, True, DOWN_SECONDS)
        raise GeocoderUnavailable(str(error)) from error
    located = read_answer(answer, label_keys=("label", "name", "city"))
    if located is None:
        return None
    located = replace(located, label=located.label or text)
    cache.set(key, (located.point.y, located.point.x, located.label), CACHE_SECONDS)
    return located
