"""schema.org descriptions of pages, for search engines and aggregators (JSON-LD)."""

from django.conf import settings

from places import hours
from places.models import Place
from places.models.choices import Wheelchair

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def place_jsonld(place: Place, *, url: str, week: list[hours.Day]) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "@id": url,
        "url": url,
        "name": place.name,
        "description": place.summary,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.address,
            "postalCode": place.postcode,
            "addressLocality": place.commune,
            "addressCountry": "FR",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": round(place.latitude, 6),
            "longitude": round(place.longitude, 6),
        },
        "hasMap": f"https://www.openstreetmap.org/?mlat={place.latitude:.5f}"
        f"&mlon={place.longitude:.5f}#map=17/{place.latitude:.5f}/{place.longitude:.5f}",
        "keywords": ", ".join(t.label for t in place.types.all()),
        "amenityFeature": [
            {"@type": "LocationFeatureSpecification", "name": s.label, "value": True}
            for s in place.services.all()
        ]
        + accessibility_features(place),
    }
    if place.phone:
        data["telephone"] = place.phone
    same_as = [link for link in [place.website, *place.social_links] if link]
    if same_as:
        data["sameAs"] = same_as[0] if len(same_as) == 1 else same_as
    images = [_absolute(photo.full.url) for photo in place.photos.all()]
    if images:
        data["image"] = images
    specification = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAYS[day.day.weekday()]}",
            "opens": start.strftime("%H:%M"),
            "closes": "23:59" if end.date() > day.day else end.strftime("%H:%M"),
            "validFrom": day.day.isoformat(),
            "validThrough": day.day.isoformat(),
        }
        for day in week
        for start, end in day.slots
    ]
    if specification:
        data["openingHoursSpecification"] = specification
    return data


def accessibility_features(place: Place) -> list[dict]:
    """Wheelchair access (when known), hearing and sight notes as schema.org amenities."""
    features = []
    if place.wheelchair != Wheelchair.UNKNOWN:
        features.append(
            {
                "@type": "LocationFeatureSpecification",
                "name": "wheelchairAccessible",
                "value": place.wheelchair == Wheelchair.YES,
                "description": str(place.get_wheelchair_display()),
            }
        )
    for name, notes in (
        ("hearingAccessibility", place.hearing_notes),
        ("visualAccessibility", place.sight_notes),
    ):
        if notes:
            features.append(
                {
                    "@type": "LocationFeatureSpecification",
                    "name": name,
                    "value": True,
                    "description": notes,
                }
            )
    if place.acceslibre_url:
        features.append(
            {
                "@type": "LocationFeatureSpecification",
                "name": "acceslibre",
                "value": True,
                "url": place.acceslibre_url,
            }
        )
    return features


def _absolute(url: str) -> str:
    """Media URLs are site-relative on the file system, absolute on an object store."""
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url
