"""The naive peers: textbook Django giving the same answers, kept here, never used by the site."""

from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from places.models import Place

CONFIG = "fr_unaccent"
PAGE = 20


def _published():
    return Place.objects.filter(status="published")


def text_search(text: str) -> list[Place]:
    """The first page ranked by a vector computed for every row, as `SearchVector` does."""
    vector = SearchVector("name", "summary", "description", config=CONFIG)
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    return list(
        _published()
        .annotate(vector=vector, rank=SearchRank(vector, query))
        .filter(vector=query)
        .order_by("-rank", "pk")[:PAGE]
    )


def nearest(lat: float, lon: float) -> list[Place]:
    """The first page ordered by a `Distance` annotation: every row's distance, then a sort."""
    point = Point(lon, lat, srid=4326)
    return list(_published().annotate(d=Distance("location", point)).order_by("d")[:PAGE])


class FeatureSerializer(GeoFeatureModelSerializer):
    """The properties of /api/places.geojson, serialised feature by feature."""

    types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Place
        geo_field = "location"
        fields = ["id", "slug", "name", "types", "commune", "url"]

    def get_url(self, place: Place) -> str:
        return self.context["request"].build_absolute_uri(place.get_absolute_url())


class GeoJSONView(generics.ListAPIView):
    serializer_class = FeatureSerializer
    pagination_class = None
    authentication_classes = []
    permission_classes = [AllowAny]

    def get_queryset(self):
        return _published().prefetch_related("types")


_view = GeoJSONView.as_view()
_factory = APIRequestFactory()


def geojson() -> bytes:
    """The whole directory through a DRF-gis list view, rendered as a response would be."""
    response = _view(_factory.get("/naive/places.geojson"))
    response.render()
    return response.content
