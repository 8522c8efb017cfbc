"""schema.org JSON-LD of a resource: a LearningResource (a CreativeWork)."""

from django.http import HttpRequest

from places.resources.models import Resource


def resource_jsonld(resource: Resource, *, request: HttpRequest) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": resource.title,
        "description": resource.summary,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
        "inLanguage": "fr",
        "learningResourceType": resource.get_kind_display(),
        "keywords": [theme.label for theme in resource.themes.all()],
        "educationalLevel": [stage.label for stage in resource.stages.all()],
        "dateModified": resource.updated_at.isoformat(),
    }
    if resource.published_at:
        data["datePublished"] = resource.published_at.isoformat()
    if resource.author:
        data["author"] = {"@type": "Organization", "name": resource.author}
    if resource.licence:
        data["license"] = resource.licence
    if place := resource.public_place:
        data["provider"] = {
            "@type": "Place",
            "name": place.name,
            "url": request.build_absolute_uri(place.get_absolute_url()),
        }
    if resource.link:
        data["sameAs"] = resource.link
    return data
