"""API views: validate the query with the site's search form, call a selector, answer."""

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from places import mapdata, selectors
from places.api.serializers import (
    PlaceDetailSerializer,
    PlacePopupSerializer,
    PlaceSerializer,
)
from places.forms import PlaceSearchForm
from places.models import Place

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Texte cherché (sans accents ni majuscules)."),
    OpenApiParameter("type", str, many=True, description="Type de lieu (slug), répétable."),
    OpenApiParameter("service", str, many=True, description="Service (slug), répétable."),
    OpenApiParameter("commune", str, description="Nom de la commune."),
    OpenApiParameter("near", str, description="Point `LAT,LON` : tri par distance."),
    OpenApiParameter("ou", str, description="Commune ou code postal : tri par distance."),
    OpenApiParameter("rayon", float, description="Rayon en km autour de `near` ou `ou`."),
    OpenApiParameter("ouvert", str, enum=["1", "0"], description="1 : ouverts maintenant."),
    OpenApiParameter("bbox", str, description="`minLon,minLat,maxLon,maxLat`."),
]


def search_filters(request):
    """The validated filters of the query string, or a JSON 400 naming each bad parameter."""
    form = PlaceSearchForm(request.query_params)
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form.filters()


@extend_schema(parameters=SEARCH_PARAMETERS)
class PlaceListView(generics.ListAPIView):
    """Published places, filtered like /lieux/; nearest first with `near` or `ou`."""

    serializer_class = PlaceSerializer

    def get_queryset(self):
        return selectors.place_search(filters=search_filters(self.request), with_taxonomy=True)


class PlaceDetailView(generics.RetrieveAPIView):
    """One published place, with its photos."""

    serializer_class = PlaceDetailSerializer
    lookup_field = "slug"

    def get_object(self):
        try:
            return selectors.place_detail(slug=self.kwargs["slug"])
        except Place.DoesNotExist:
            raise NotFound() from None


class PlacePopupView(generics.RetrieveAPIView):
    """The few fields of a map popup, by the id of a marker."""

    serializer_class = PlacePopupSerializer

    def get_object(self):
        try:
            return selectors.place_for_popup(pk=self.kwargs["pk"])
        except Place.DoesNotExist:
            raise NotFound() from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response


class MapDocumentView(APIView):
    """A map document built by PostgreSQL, revalidated with ETag / Last-Modified."""

    kind = "geojson"
    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        document = mapdata.map_document(kind=self.kind, filters=search_filters(request))
        not_modified = get_conditional_response(
            request,
            etag=document.etag,
            last_modified=int(document.last_modified.timestamp()),
        )
        if not_modified is not None:
            return not_modified
        encoding = mapdata.best_encoding(request.headers.get("Accept-Encoding", ""))
        response = HttpResponse(document.content(encoding), content_type=document.content_type)
        if encoding:
            response["Content-Encoding"] = encoding
        response["Vary"] = "Accept-Encoding"
        response["ETag"] = document.etag
        response["Last-Modified"] = document.last_modified.strftime("%a, %d %b %Y %H:%M:%S GMT")
        response["Cache-Control"] = "public, no-cache"
        return response


@extend_schema(
    parameters=SEARCH_PARAMETERS,
    responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    description="Les lieux publiés en FeatureCollection GeoJSON (RFC 7946, lon/lat), "
    "mêmes filtres que /api/places/. Propriétés : slug, name, types, commune, url.",
)
class PlaceGeoJSONView(MapDocumentView):
    kind = "geojson"


@extend_schema(
    parameters=SEARCH_PARAMETERS,
    responses={200: OpenApiTypes.OBJECT},
    description="Marqueurs compacts de la carte : `[[id, lon, lat, type_id], ...]`.",
)
class PlaceMarkersView(MapDocumentView):
    kind = "markers"
