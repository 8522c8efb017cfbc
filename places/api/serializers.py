"""Serializers of the API: what a place, a map document and an error look like in JSON."""

from django.urls import reverse
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from places.models import Place, PlacePhoto

POINT = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
    },
    "required": ["type", "coordinates"],
}


@extend_schema_field(POINT)
class GeoJSONPointField(serializers.Field):
    """A GeoJSON Point from the coordinates themselves: no GDAL round trip per place."""

    def to_representation(self, point) -> dict:
        return {"type": "Point", "coordinates": [point.x, point.y]}


@extend_schema_field({"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}]})
class URLOrBlankField(serializers.CharField):
    """A web address, or "" when there is none."""


class PlaceSerializer(serializers.ModelSerializer):
    location = GeoJSONPointField(
        read_only=True, help_text="Point GeoJSON [longitude, latitude] (WGS 84)."
    )
    types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    services = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    website = URLOrBlankField(read_only=True, help_text="Site web du lieu ; vide s’il n’en a pas.")
    acceslibre_url = URLOrBlankField(
        read_only=True, help_text="La fiche acceslibre du lieu ; vide s’il n’en a pas."
    )
    url = serializers.SerializerMethodField(help_text="La fiche du lieu sur le site.")
    distance_km = serializers.SerializerMethodField(
        help_text="Distance au point `near` (ou `ou`) en kilomètres ; absente sinon."
    )

    class Meta:
        model = Place
        fields = [
            "slug",
            "name",
            "summary",
            "description",
            "types",
            "services",
            "location",
            "address",
            "postcode",
            "commune",
            "phone",
            "website",
            "social_links",
            "opening_hours",
            "welcomes_founders",
            "wheelchair",
            "hearing_notes",
            "sight_notes",
            "acceslibre_url",
            "is_demo",
            "url",
            "updated_at",
            "distance_km",
        ]
        read_only_fields = fields
        # Only there with `near` or `ou` (see OptionalFieldsExtension).
        optional_fields = ["distance_km"]

    def get_url(self, place: Place) -> str:
        path = reverse("places:detail", kwargs={"slug": place.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(serializers.FloatField())
    def get_distance_km(self, place: Place) -> float | None:
        distance = getattr(place, "distance_m", None)
        return None if distance is None else round(distance / 1000, 3)

    def to_representation(self, place: Place) -> dict:
        data = super().to_representation(place)
        if data["distance_km"] is None:
            del data["distance_km"]
        return data


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="La photo en grande taille (WebP).")
    thumbnail = serializers.SerializerMethodField(help_text="La vignette (WebP).")

    class Meta:
        model = PlacePhoto
        fields = ["url", "thumbnail", "alt", "width", "height"]
        read_only_fields = fields

    def _absolute(self, url: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_url(self, photo: PlacePhoto) -> str:
        return self._absolute(photo.full.url)

    def get_thumbnail(self, photo: PlacePhoto) -> str:
        return self._absolute(photo.thumbnail.url)


class PlaceDetailSerializer(PlaceSerializer):
    """One place: what the list gives, and its photos in their order."""

    photos = PhotoSerializer(many=True, read_only=True)

    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "photos"]
        read_only_fields = fields


class PlacePopupSerializer(serializers.ModelSerializer):
    """The little a map popup needs, fetched on click."""

    types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = ["id", "slug", "name", "commune", "summary", "types", "url"]
        read_only_fields = fields

    def get_url(self, place: Place) -> str:
        return reverse("places:detail", kwargs={"slug": place.slug})


class OptionalFieldsExtension(OpenApiSerializerExtension):
    """drf-spectacular marks every read-only field required in a response; a field that a
    serializer names in `Meta.optional_fields` is sometimes absent, so it is not."""

    target_class = PlaceSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        optional = set(self.target.Meta.optional_fields)
        schema["required"] = [name for name in schema.get("required", []) if name not in optional]
        return schema


class ErrorSerializer(serializers.Serializer):
    """The body of every error of the API (403, 404, 405, 406, 503...)."""

    detail = serializers.CharField(help_text="Ce qui ne va pas, en mots.")


class ParameterErrorSerializer(ErrorSerializer):
    """The body of a 400: the message, and each bad parameter with its messages."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Chaque paramètre invalide (par son nom) et ce qui ne va pas.",
    )


FEATURE_COLLECTION = {
    "type": "object",
    "description": "FeatureCollection GeoJSON (RFC 7946), coordonnées [longitude, latitude].",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "integer"},
                    "geometry": POINT,
                    "properties": {
                        "type": "object",
                        "properties": {
                            "slug": {"type": "string"},
                            "name": {"type": "string"},
                            "types": {"type": "array", "items": {"type": "string"}},
                            "commune": {"type": "string"},
                            "url": {"type": "string", "format": "uri"},
                        },
                        "required": ["slug", "name", "types", "commune", "url"],
                    },
                },
                "required": ["type", "id", "geometry", "properties"],
            },
        },
    },
    "required": ["type", "features"],
}

MARKERS = {
    "type": "array",
    "description": "Un marqueur par lieu : `[id, longitude, latitude, type_id]` "
    "(type_id : le type montré, 0 si le lieu n’en a pas).",
    "items": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
}
