"""API of what the places share: /api/spaces/ and /api/equipment/ (read open to all)."""

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers

from places.api.pagination import PlacePagination
from places.api.serializers import OptionalFieldsExtension
from places.api.views import (
    BAD_PARAMETERS,
    SEARCH_PARAMETERS,
    UNAVAILABLE,
    MethodsBeforePermissions,
    search_filters,
)
from places.sharing import selectors
from places.sharing.forms import AROUND, SharedSearchForm
from places.sharing.models import Equipment, PriceKind, Space

# A point is read as on places (the same form): the same parameters, the same words.
AROUND_PARAMETERS = [p for p in SEARCH_PARAMETERS if p.name in AROUND]


class SharedPagination(PlacePagination):
    """Page numbers as on places; counts are not kept (they follow another data version)."""

    django_paginator_class = Paginator


class PriceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PriceKind.choices, help_text="Genre de tarif.")
    amount = serializers.FloatField(allow_null=True, help_text="Montant en euros, ou null.")
    text = serializers.CharField(help_text="Précisions sur le tarif (peut être vide).")
    words = serializers.CharField(help_text="Le tarif en mots (« 15 € de l’heure »).")


class SharedPlaceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    commune = serializers.CharField()
    url = serializers.CharField(help_text="La fiche du lieu sur le site (adresse absolue).")
    wheelchair = serializers.CharField(help_text="Accès en fauteuil : yes, limited, no, unknown.")


class SharedSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    price = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()
    distance_km = serializers.SerializerMethodField(
        help_text="Distance au point `near` (ou `ou`) en kilomètres ; absente sinon."
    )
    common_fields = ["name", "kind", "kind_label", "price", "conditions", "place", "distance_km"]

    class Meta:
        optional_fields = ["distance_km"]

    @extend_schema_field(PriceSerializer)
    def get_price(self, row) -> dict:
        amount = row.price_amount
        return {
            "kind": row.price_kind,
            "amount": None if amount is None else float(amount),
            "text": row.price_text,
            "words": row.price_words(),
        }

    @extend_schema_field(SharedPlaceSerializer)
    def get_place(self, row) -> dict:
        place = row.place
        path = place.get_absolute_url()
        request = self.context.get("request")
        return {
            "slug": place.slug,
            "name": place.name,
            "commune": place.commune,
            "url": request.build_absolute_uri(path) if request else path,
            "wheelchair": place.wheelchair,
        }

    @extend_schema_field(serializers.FloatField())
    def get_distance_km(self, row) -> float | None:
        distance = getattr(row, "distance_m", None)
        return None if distance is None else round(distance / 1000, 3)

    def to_representation(self, row) -> dict:
        data = super().to_representation(row)
        if data["distance_km"] is None:
            del data["distance_km"]
        return data


class SpaceSerializer(SharedSerializer):
    class Meta(SharedSerializer.Meta):
        model = Space
        fields = [
            *SharedSerializer.common_fields,
            "capacity",
            "surface_m2",
            "equipment",
            "accessibility",
        ]
        read_only_fields = fields


class EquipmentSerializer(SharedSerializer):
    class Meta(SharedSerializer.Meta):
        model = Equipment
        fields = [*SharedSerializer.common_fields, "quantity", "training_required"]
        read_only_fields = fields


class SharedOptionalFields(OptionalFieldsExtension):
    target_class = SharedSerializer


def _parameters(model) -> list[OpenApiParameter]:
    parameters = [
        OpenApiParameter(
            "q", str, description="Texte cherché (accents et fautes de frappe admis)."
        ),
        OpenApiParameter(
            "kind", str, many=True, enum=model.Kind.values, description="Type, répétable."
        ),
        *AROUND_PARAMETERS,
        OpenApiParameter("gratuit", str, enum=["1", "0"], description="1 : gratuits."),
        OpenApiParameter(
            "accessible", str, enum=["1", "0"], description="1 : lieux accessibles en fauteuil."
        ),
        OpenApiParameter("place", str, description="Le slug d’un lieu."),
    ]
    if model is Space:
        parameters.insert(
            2, OpenApiParameter("capacite", int, description="Capacité minimale (personnes).")
        )
    return parameters


class SharedListView(MethodsBeforePermissions, generics.ListAPIView):
    model = Space
    pagination_class = SharedPagination

    def get_queryset(self):
        filters = search_filters(self.request, SharedSearchForm, model=self.model)
        return selectors.shared_search(model=self.model, filters=filters)


@extend_schema(
    parameters=_parameters(Space),
    responses={200: SpaceSerializer(many=True), 400: BAD_PARAMETERS, 503: UNAVAILABLE},
)
class SpaceListView(SharedListView):
    """Spaces (rooms, workshops, desks...) of the published places; nearest first with
    `near` or `ou`."""

    model = Space
    serializer_class = SpaceSerializer


@extend_schema(
    parameters=_parameters(Equipment),
    responses={200: EquipmentSerializer(many=True), 400: BAD_PARAMETERS, 503: UNAVAILABLE},
)
class EquipmentListView(SharedListView):
    """Equipment (laser cutters, vans, sound systems...) of the published places; nearest
    first with `near` or `ou`."""

    model = Equipment
    serializer_class = EquipmentSerializer
