"""The agenda's API: occurrences as JSON (`/api/events/`) and as GeoJSON."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, CharField, F, Func, JSONField, Value, When
from django.db.models.functions import Concat, TruncDate
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from places import geo
from places.api.pagination import PlacePagination
from places.api.serializers import OptionalFieldsExtension
from places.api.views import (
    BAD_PARAMETERS,
    UNAVAILABLE,
    ErrorsAsJSON,
    GeoJSONRenderer,
    MethodsBeforePermissions,
    search_filters,
)
from places.events import selectors
from places.events.forms import PERIODS, EventSearchForm
from places.events.models import Category, Occurrence, Status
from places.events.recurrence import PARIS, iso

PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="Premier jour (AAAA-MM-JJ)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Dernier jour, inclus (AAAA-MM-JJ)."),
    OpenApiParameter("quand", str, enum=list(PERIODS), description="Période nommée."),
    OpenApiParameter("place", str, description="Lieu organisateur (slug)."),
    OpenApiParameter(
        "category", str, many=True, enum=Category.values, description="Catégorie, répétable."
    ),
    OpenApiParameter("q", str, description="Texte cherché (sans accents ni majuscules)."),
    OpenApiParameter("commune", str, description="Nom de la commune."),
    OpenApiParameter("near", str, description="Point `LAT,LON` : tri par distance."),
    OpenApiParameter("ou", str, description="Commune ou code postal : tri par distance."),
    OpenApiParameter("rayon", float, description="Rayon en km autour de `near` ou `ou`."),
    OpenApiParameter("bbox", str, description="`minLon,minLat,maxLon,maxLat`."),
    OpenApiParameter("gratuit", str, enum=["1", "0"], description="1 : gratuits seulement."),
]
WHEN = {
    "type": "string",
    "description": "ISO 8601 avec décalage horaire ; une date (AAAA-MM-JJ) si toute la journée "
    "(la fin est alors le lendemain du dernier jour, comme en iCalendar).",
}


def event_filters(request):
    return search_filters(request, EventSearchForm)


class EventPlaceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()


class OccurrenceSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="event.title")
    slug = serializers.CharField(source="event.slug")
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=Status.values)
    category = serializers.ChoiceField(source="event.category", choices=Category.values)
    place = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="La page de l’évènement sur le site.")
    is_free = serializers.BooleanField(source="event.is_free")
    price = serializers.CharField(source="event.price")
    attendance = serializers.CharField(source="event.attendance")
    location = serializers.SerializerMethodField()
    distance_km = serializers.SerializerMethodField(
        help_text="Distance au point `near` (ou `ou`) en kilomètres ; absente sinon."
    )

    class Meta:
        model = Occurrence
        fields = [
            "title",
            "slug",
            "start",
            "end",
            "all_day",
            "status",
            "category",
            "place",
            "url",
            "commune",
            "is_free",
            "price",
            "attendance",
            "location",
            "distance_km",
        ]
        read_only_fields = fields
        optional_fields = ["distance_km"]  # only with `near` or `ou`

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(WHEN)
    def get_start(self, occurrence) -> str:
        return iso(occurrence.start, all_day=occurrence.all_day)

    @extend_schema_field(WHEN)
    def get_end(self, occurrence) -> str:
        return iso(occurrence.end, all_day=occurrence.all_day)

    @extend_schema_field(EventPlaceSerializer)
    def get_place(self, occurrence) -> dict:
        place = occurrence.event.place
        return {
            "slug": place.slug,
            "name": place.name,
            "url": self._absolute(place.get_absolute_url()),
        }

    @extend_schema_field(serializers.URLField())
    def get_url(self, occurrence) -> str:
        return self._absolute(occurrence.event.get_absolute_url())

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["Point"]},
                "coordinates": {"type": "array", "items": {"type": "number"}},
            },
        }
    )
    def get_location(self, occurrence) -> dict:
        return {"type": "Point", "coordinates": [occurrence.location.x, occurrence.location.y]}

    @extend_schema_field({"type": "number"})
    def get_distance_km(self, occurrence) -> float | None:
        distance = getattr(occurrence, "distance_m", None)
        return None if distance is None else round(distance / 1000, 3)

    def to_representation(self, occurrence) -> dict:
        data = super().to_representation(occurrence)
        if data["distance_km"] is None:
            del data["distance_km"]
        return data


class OccurrenceOptionalFields(OptionalFieldsExtension):
    target_class = OccurrenceSerializer


class EventPagination(PlacePagination):
    """The API's page numbers, counted afresh (the places' paginator keeps its counts by the
    places' data version)."""

    django_paginator_class = Paginator


@extend_schema(
    parameters=PARAMETERS,
    responses={200: OccurrenceSerializer(many=True), 400: BAD_PARAMETERS, 503: UNAVAILABLE},
)
class EventListView(MethodsBeforePermissions, generics.ListAPIView):
    """Upcoming occurrences of events (from now, or from `from`), by start; nearest first
    with `near` or `ou`, the best matches first with `q`."""

    serializer_class = OccurrenceSerializer
    pagination_class = EventPagination

    def get_queryset(self):
        return selectors.event_search(filters=event_filters(self.request))


def _when_json(field: str) -> Case:
    """`start` or `end` as the list gives it: a date (in Europe/Paris) for a whole day, else
    the moment with its offset."""
    return Case(
        When(all_day=True, then=Func(TruncDate(field, tzinfo=PARIS), function="to_jsonb")),
        default=Func(F(field), function="to_jsonb"),
        output_field=JSONField(),
    )


EVENT_COLLECTION = {
    "type": "object",
    "description": "FeatureCollection GeoJSON (RFC 7946) des séances, coordonnées [lon, lat].",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "features"],
}


@extend_schema(
    parameters=PARAMETERS,
    responses={
        (200, "application/geo+json"): EVENT_COLLECTION,
        (400, "application/json"): BAD_PARAMETERS,
        (503, "application/json"): UNAVAILABLE,
    },
    description="Les séances de /api/events/ (mêmes filtres, au plus 2 000) en GeoJSON. "
    "Propriétés : title, slug, start, end, all_day, status, category, place, url.",
)
class EventGeoJSONView(ErrorsAsJSON, APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [GeoJSONRenderer, JSONRenderer]
    LIMIT = 2000

    def get(self, request):
        filters = event_filters(request)
        occurrences = selectors.event_search(filters=filters)[: self.LIMIT]
        base = f"{settings.SITE_URL}{reverse('events:agenda')}"
        document = geo.feature_collection(
            occurrences,
            properties={
                "title": F("event__title"),
                "slug": F("event__slug"),
                "start": _when_json("start"),
                "end": _when_json("end"),
                "all_day": F("all_day"),
                "status": F("status"),
                "category": F("event__category"),
                "place": F("event__place__slug"),
                "url": Concat(Value(base), F("event__slug"), Value("/"), output_field=CharField()),
            },
            ordered=True,
        )
        return HttpResponse(document, content_type="application/geo+json")
