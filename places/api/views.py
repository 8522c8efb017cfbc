"""API views: validate the query with the site's search form, call a selector, answer."""

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import generics
from rest_framework.exceptions import MethodNotAllowed, NotAcceptable, NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from places import mapdata, selectors
from places.api.serializers import (
    FEATURE_COLLECTION,
    MARKERS,
    ErrorSerializer,
    ParameterErrorSerializer,
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
    OpenApiParameter(
        "porteurs", str, enum=["1", "0"], description="1 : accueillent les porteurs de projet."
    ),
    OpenApiParameter(
        "accessible", str, enum=["1", "0"], description="1 : accessibles en fauteuil roulant."
    ),
    OpenApiParameter(
        "capacite", int, description="Ont une salle pour au moins ce nombre de personnes."
    ),
    OpenApiParameter("bbox", str, description="`minLon,minLat,maxLon,maxLat`."),
]
BAD_PARAMETERS = OpenApiResponse(ParameterErrorSerializer, description="Paramètres invalides.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Aucun lieu publié à cette adresse.")
NOT_ACCEPTABLE = OpenApiResponse(
    ErrorSerializer, description="Accept ou Accept-Encoding refuse tout ce que nous avons."
)
UNAVAILABLE = OpenApiResponse(
    ErrorSerializer, description="La base de données ne répond pas (réessayer après Retry-After)."
)


def search_filters(request, form_class=PlaceSearchForm, **form_kwargs):
    """The validated filters of the query string, read by `form_class` (the places' search
    form unless told: events, resources, spaces give theirs), or a JSON 400 naming each bad
    parameter. Every list of the API reads its query string through it."""
    form = form_class(request.query_params, **form_kwargs)
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form.filters()


class MethodsBeforePermissions:
    """A method the view does not answer is a 405 with the Allow header, for everyone: DRF
    asks the permissions first, which made a write on a read-only resource a 403. A view
    that gains a method (`def patch`) has it checked by its permissions as usual."""

    def initial(self, request, *args, **kwargs):
        if request.method not in self.allowed_methods:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


class ErrorsAsJSON:
    """The errors of a view whose answers are not DRF's JSON (a GeoJSON document, an HTML
    page) are JSON all the same, as every error of the API."""

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.exception:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class GeoJSONRenderer(JSONRenderer):
    """Lets `Accept: application/geo+json` (RFC 7946's media type) reach the GeoJSON."""

    media_type = "application/geo+json"
    format = "geojson"


@extend_schema(
    parameters=SEARCH_PARAMETERS,
    responses={200: PlaceSerializer(many=True), 400: BAD_PARAMETERS, 503: UNAVAILABLE},
)
class PlaceListView(MethodsBeforePermissions, generics.ListAPIView):
    """Published places, filtered like /lieux/; nearest first with `near` or `ou`."""

    serializer_class = PlaceSerializer

    def get_queryset(self):
        return selectors.place_search(filters=search_filters(self.request), with_taxonomy=True)


@extend_schema(responses={200: PlaceDetailSerializer, 404: NOT_FOUND, 503: UNAVAILABLE})
class PlaceDetailView(MethodsBeforePermissions, generics.RetrieveAPIView):
    """One published place, with its photos."""

    serializer_class = PlaceDetailSerializer
    lookup_field = "slug"

    def get_object(self):
        try:
            return selectors.place_detail(slug=self.kwargs["slug"])
        except Place.DoesNotExist:
            raise NotFound(_("Aucun lieu publié ne porte ce nom.")) from None


@extend_schema(responses={200: PlacePopupSerializer, 404: NOT_FOUND, 503: UNAVAILABLE})
class PlacePopupView(MethodsBeforePermissions, generics.RetrieveAPIView):
    """The few fields of a map popup, by the id of a marker."""

    serializer_class = PlacePopupSerializer

    def get_object(self):
        try:
            return selectors.place_for_popup(pk=self.kwargs["pk"])
        except Place.DoesNotExist:
            raise NotFound(_("Aucun lieu publié ne porte ce numéro.")) from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response


class MapDocumentView(ErrorsAsJSON, APIView):
    """A map document built by PostgreSQL, in the encoding the request prefers (br, gzip or
    none, by its q-values), each encoding with its own ETag, revalidated with ETag /
    Last-Modified."""

    kind = "geojson"
    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        document = mapdata.map_document(kind=self.kind, filters=search_filters(request))
        encoding = mapdata.best_encoding(request.headers.get("Accept-Encoding"))
        if encoding is None:
            raise NotAcceptable(
                _("Ce document existe en br, en gzip ou sans compression : la requête les refuse.")
            )
        etag = document.etag(encoding)
        last_modified = int(document.last_modified.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = HttpResponse(document.content(encoding), content_type=document.content_type)
            if encoding != mapdata.IDENTITY:
                response["Content-Encoding"] = encoding
        # On the 304 too: what a cache needs to tell the encodings apart and keep revalidating.
        patch_vary_headers(response, ["Accept-Encoding"])
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "public, no-cache"
        return response


# Errors are plain JSON, whatever the document's type (ErrorsAsJSON).
COMMON_MAP_RESPONSES = {
    (400, "application/json"): BAD_PARAMETERS,
    (406, "application/json"): NOT_ACCEPTABLE,
    (503, "application/json"): UNAVAILABLE,
}


@extend_schema(
    parameters=SEARCH_PARAMETERS,
    responses={(200, "application/geo+json"): FEATURE_COLLECTION, **COMMON_MAP_RESPONSES},
    description="Les lieux publiés en FeatureCollection GeoJSON (RFC 7946, lon/lat), "
    "mêmes filtres que /api/places/. Propriétés : slug, name, types, commune, url.",
)
class PlaceGeoJSONView(MapDocumentView):
    kind = "geojson"
    renderer_classes = [GeoJSONRenderer, JSONRenderer]


@extend_schema(
    parameters=SEARCH_PARAMETERS,
    responses={200: MARKERS, **COMMON_MAP_RESPONSES},
    description="Marqueurs compacts de la carte : `[[id, lon, lat, type_id], ...]`.",
)
class PlaceMarkersView(MapDocumentView):
    kind = "markers"
    renderer_classes = [JSONRenderer]


class DocsView(ErrorsAsJSON, SpectacularSwaggerView):
    """The page that reads /api/schema/ (HTML). OPTIONS answers as Django's views do, with
    the Allow header: DRF's would describe the view through a template that does not exist."""

    def options(self, request, *args, **kwargs):
        return View.options(self, request, *args, **kwargs)
