"""/api/resources/: the published resources, filtered as /ressources/, paginated as places."""

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers

from places.api.pagination import PlacePagination
from places.api.views import (
    BAD_PARAMETERS,
    UNAVAILABLE,
    MethodsBeforePermissions,
    search_filters,
)
from places.resources import selectors
from places.resources.forms import ResourceSearchForm
from places.resources.models import Resource, ResourceFile

PARAMETERS = [
    OpenApiParameter("q", str, description="Texte cherché (sans accents ni majuscules)."),
    OpenApiParameter("theme", str, many=True, description="Thème (slug), répétable."),
    OpenApiParameter("stage", str, many=True, description="Étape du projet (slug), répétable."),
    OpenApiParameter(
        "kind", str, many=True, enum=Resource.Kind.values, description="Nature, répétable."
    ),
    OpenApiParameter("place", str, many=True, description="Lieu qui la propose (slug)."),
    OpenApiParameter(
        "tri", str, enum=["pertinence", "date"], description="Tri (pertinence par défaut)."
    ),
]


class ResourcePagination(PlacePagination):
    """The places' pagination (a bad page is a 400) with Django's plain paginator: the
    places' one keeps its counts by the places' data version, not the resources'."""

    django_paginator_class = Paginator


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class ResourceFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Le téléchargement (URL absolue).")
    type = serializers.CharField(source="content_type", help_text="Type MIME lu dans le contenu.")
    size = serializers.IntegerField(help_text="Taille en octets.")

    class Meta:
        model = ResourceFile
        fields = ["url", "type", "size", "name"]
        read_only_fields = fields

    def get_url(self, item: ResourceFile) -> str:
        return _absolute(self, item.get_absolute_url())


class PlaceLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, place) -> str:
        return _absolute(self, place.get_absolute_url())


@extend_schema_field({"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}]})
class LinkField(serializers.CharField):
    """A web address, or "" when there is none."""


class ResourceSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    stages = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    files = ResourceFileSerializer(many=True, read_only=True)
    link = LinkField(read_only=True, help_text="Lien externe ; vide s’il n’y en a pas.")
    place = PlaceLinkSerializer(
        source="public_place",
        read_only=True,
        allow_null=True,
        help_text="Le lieu publié qui la propose ; null sinon.",
    )
    url = serializers.SerializerMethodField(help_text="La page de la ressource sur le site.")

    class Meta:
        model = Resource
        fields = [
            "title",
            "slug",
            "summary",
            "kind",
            "themes",
            "stages",
            "files",
            "link",
            "place",
            "author",
            "licence",
            "published_at",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, resource: Resource) -> str:
        return _absolute(self, resource.get_absolute_url())


@extend_schema(
    parameters=PARAMETERS,
    responses={200: ResourceSerializer(many=True), 400: BAD_PARAMETERS, 503: UNAVAILABLE},
)
class ResourceListView(MethodsBeforePermissions, generics.ListAPIView):
    """Published resources of the resource centre, filtered like /ressources/."""

    serializer_class = ResourceSerializer
    pagination_class = ResourcePagination

    def get_queryset(self):
        filters = search_filters(self.request, ResourceSearchForm)
        return selectors.for_display(selectors.resource_search(filters=filters))
