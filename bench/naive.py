"""The naive peers: what the textbook code would do, kept here and never used by the site."""

from django.contrib.gis.db.models.functions import Distance
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from places import search
from places.models import Place


class NaiveFeatureSerializer(GeoFeatureModelSerializer):
    """The same properties as /api/places.geojson, serialised feature by feature."""

    types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Place
        geo_field = "location"
        fields = ["id", "slug", "name", "types", "commune", "url"]

    def get_url(self, place: Place) -> str:
        return place.get_absolute_url()


class NaiveGeoJSONView(generics.ListAPIView):
    """A DRF-gis list view over the published places, with the types prefetched."""

    serializer_class = NaiveFeatureSerializer
    pagination_class = None
    authentication_classes = []
    permission_classes = [AllowAny]

    def get_queryset(self):
        return Place.objects.published().prefetch_related("types").order_by("name", "pk")


_view = NaiveGeoJSONView.as_view()
_factory = APIRequestFactory()


def geojson_bytes() -> bytes:
    """The naive GeoJSON, rendered to bytes as a response body would be."""
    response = _view(_factory.get("/naive/places.geojson"))
    response.render()
    return response.content


def nearest(point, k: int) -> list[Place]:
    """Ordering by a `Distance()` annotation: every row's distance, then a sort."""
    return list(Place.objects.published().annotate(d=Distance("location", point)).order_by("d")[:k])


def text_search(text: str, k: int) -> list[Place]:
    """The vector computed on the fly for every row, as `SearchVector(...)` does."""
    query = SearchQuery(search.tsquery_text(text), config=search.CONFIG, search_type="raw")
    vector = SearchVector("name", "summary", "description", config=search.CONFIG)
    return list(
        Place.objects.published()
        .annotate(vector=vector)
        .filter(vector=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "name", "pk")[:k]
    )
