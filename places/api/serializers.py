"""Serializers of the API: what a place looks like in JSON."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from places.models import Place, PlacePhoto


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": ["Point"]},
            "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2},
        },
    }
)
class GeoJSONPointField(serializers.Field):
    """A GeoJSON Point from the coordinates themselves: no GDAL round trip per place."""

    def to_representation(self, point) -> dict:
        return {"type": "Point", "coordinates": [point.x, point.y]}


class PlaceSerializer(serializers.ModelSerializer):
    location = GeoJSONPointField(
        read_only=True, help_text="Point GeoJSON [longitude, latitude] (WGS 84)."
    )
    types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    services = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
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
            "is_demo",
            "url",
            "updated_at",
            "distance_km",
        ]
        read_only_fields = fields

    def get_url(self, place: Place) -> str:
        path = reverse("places:detail", kwargs={"slug": place.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(serializers.FloatField(allow_null=True))
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
