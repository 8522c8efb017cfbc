"""Models of the directory, one module per concept."""

from places.models.imports import PlaceImport
from places.models.photo import PlacePhoto
from places.models.place import Place
from places.models.queryset import PlaceQuerySet
from places.models.taxonomy import PlaceType, Service
from places.models.version import DataVersion

__all__ = [
    "DataVersion",
    "Place",
    "PlaceImport",
    "PlacePhoto",
    "PlaceQuerySet",
    "PlaceType",
    "Service",
]
