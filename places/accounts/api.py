"""API writes: `PATCH /api/places/<slug>/` by its hosts and coordinators, `POST /api/places/`
(a proposal, pending) by anyone signed in; a session with its CSRF token, or a personal token.

The body's shape (types of the JSON values) is checked by a serializer; its rules are the
edit page's form itself (hours, coordinates, URLs, postcode...) and the writes are the
form's services: one set of rules, one version in the history per change. Errors are JSON
naming each field (400); the wrong person gets a 403 (or a 404 for what they cannot see).
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from places.accounts.editing import services as editing
from places.accounts.editing.forms import EDITED_FIELDS, PlaceEditForm
from places.accounts.permissions import can_change_place
from places.accounts.proposals import services as proposals
from places.api.schema import AutoSchema
from places.api.serializers import (
    ErrorSerializer,
    ParameterErrorSerializer,
    PlaceDetailSerializer,
    PlaceSerializer,
)
from places.api.views import (
    BAD_PARAMETERS,
    NOT_FOUND,
    SEARCH_PARAMETERS,
    UNAVAILABLE,
    PlaceDetailView,
    PlaceListView,
)
from places.models import Place
from places.models.choices import Wheelchair


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, **kwargs)


def _slugs(help_text: str):
    return serializers.ListField(child=serializers.CharField(), required=False, help_text=help_text)


class PlaceChangesSerializer(serializers.Serializer):
    """What a write may send: any of the listing's fields (the edit page's), as JSON."""

    name = _text(help_text="Nom du lieu (150 caractères au plus).")
    summary = _text(help_text="En une phrase (280 caractères au plus).")
    description = _text(help_text="Présentation en Markdown (assainie à l’affichage).")
    types = _slugs("Types du lieu (slugs, au moins un).")
    services = _slugs("Services (slugs).")
    address = _text(help_text="Numéro et rue, ou lieu-dit.")
    postcode = _text(help_text="Code postal, cinq chiffres.")
    commune = _text(help_text="Commune.")
    latitude = serializers.FloatField(required=False, help_text="Latitude (WGS 84, -90 à 90).")
    longitude = serializers.FloatField(required=False, help_text="Longitude (WGS 84, -180 à 180).")
    opening_hours = _text(help_text="Horaires au format OpenStreetMap `opening_hours`.")
    phone = _text(help_text="Téléphone.")
    email = _text(help_text="Courriel (jamais affiché : les messages y sont relayés).")
    website = _text(help_text="Site web, http:// ou https://.")
    social_links = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Autres pages (URL http/https)."
    )
    welcomes_founders = serializers.BooleanField(
        required=False, help_text="Accueille les porteurs de projet."
    )
    wheelchair = _text(
        help_text="Accès en fauteuil roulant : `yes`, `limited`, `no` ou `unknown` (par défaut)."
    )
    hearing_notes = _text(help_text="Accueil des personnes sourdes ou malentendantes.")
    sight_notes = _text(help_text="Accueil des personnes aveugles ou malvoyantes.")
    acceslibre_url = _text(help_text="La fiche du lieu sur acceslibre.beta.gouv.fr.")


class PlaceProposalSerializer(PlaceChangesSerializer):
    """A new place: its name, types, commune and position at least."""

    REQUIRED = ["name", "types", "commune", "latitude", "longitude"]

    def get_fields(self):
        fields = super().get_fields()
        for name in self.REQUIRED:
            fields[name].required = True
        return fields


class PlaceWrittenSerializer(PlaceDetailSerializer):
    """The place as written, with its status (a proposal stays `pending`)."""

    class Meta(PlaceDetailSerializer.Meta):
        fields = [*PlaceDetailSerializer.Meta.fields, "status"]
        read_only_fields = fields


class PlaceForm(PlaceEditForm):
    """The edit page's form, its types and services named by their slugs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["types"].to_field_name = "slug"
        self.fields["services"].to_field_name = "slug"


def _form_data(values: dict) -> dict:
    data = dict(values)
    if "social_links" in data:
        data["social_links"] = "\n".join(data["social_links"])
    return data


def _current(place: Place) -> dict:
    """What the form would post for `place` as it is."""
    fields = [name for name in EDITED_FIELDS if name not in {"types", "services", "social_links"}]
    return {
        **{name: getattr(place, name) for name in fields},
        "types": [t.slug for t in place.types.all()],
        "services": [s.slug for s in place.services.all()],
        "latitude": place.latitude,
        "longitude": place.longitude,
        "social_links": list(place.social_links),
    }


def _validated(form: PlaceEditForm) -> dict:
    if not form.is_valid():
        errors = {
            ("non_field_errors" if name == "__all__" else name): list(messages)
            for name, messages in form.errors.items()
        }
        raise ValidationError(errors)
    return form.cleaned_data


LIST_RESPONSES = {200: PlaceSerializer(many=True), 400: BAD_PARAMETERS, 503: UNAVAILABLE}
BAD_BODY = OpenApiResponse(
    ParameterErrorSerializer, description="Corps invalide : chaque champ fautif est nommé."
)
NOT_SIGNED_IN = OpenApiResponse(
    ErrorSerializer, description="Jeton inconnu ou révoqué (en-tête `Authorization: Token`)."
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Non connecté, jeton CSRF absent (session), ou pas hôte de ce lieu.",
)


@extend_schema_view(
    get=extend_schema(
        parameters=SEARCH_PARAMETERS, responses=LIST_RESPONSES, description=PlaceListView.__doc__
    )
)
class PlaceListWriteView(PlaceListView):
    """Published places (GET); a signed-in person proposes one (POST)."""

    # The list's query parameters are the GET's only (the parent declares them for the class).
    schema = AutoSchema()

    @extend_schema(
        request=PlaceProposalSerializer,
        responses={
            201: PlaceWrittenSerializer,
            400: BAD_BODY,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            503: UNAVAILABLE,
        },
        description="Propose un nouveau lieu : il est `pending` (invisible du public) jusqu’à "
        "ce que la coordination le publie ; son auteur en devient l’hôte. Mêmes règles que "
        "le formulaire /lieux/proposer/.",
    )
    def post(self, request):
        shape = PlaceProposalSerializer(data=request.data)
        shape.is_valid(raise_exception=True)
        values = {"wheelchair": Wheelchair.UNKNOWN, **shape.validated_data}
        changes = _validated(PlaceForm(_form_data(values)))
        place = proposals.place_propose(changes=changes, by=request.user)
        body = PlaceWrittenSerializer(place, context={"request": request}).data
        location = reverse("api:place-detail", kwargs={"slug": place.slug})
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})


@extend_schema_view(get=extend_schema(description=PlaceDetailView.__doc__))
class PlaceDetailWriteView(PlaceDetailView):
    """One published place (GET); its hosts and the coordinators change it (PATCH)."""

    @extend_schema(
        request=PlaceChangesSerializer,
        responses={
            200: PlaceWrittenSerializer,
            400: BAD_BODY,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NOT_FOUND,
            503: UNAVAILABLE,
        },
        description="Modifie les champs envoyés (les autres restent tels quels), avec les "
        "règles de la page /lieux/<slug>/modifier/ ; une version de plus dans l’historique.",
    )
    def patch(self, request, slug):
        try:
            place = Place.objects.prefetch_related("types", "services").get(slug=slug)
        except Place.DoesNotExist:
            raise NotFound(_("Aucun lieu ne porte ce nom.")) from None
        if not can_change_place(request.user, place):
            if place.status != Place.Status.PUBLISHED:
                raise NotFound(_("Aucun lieu ne porte ce nom."))
            raise PermissionDenied(_("Seuls les hôtes du lieu et la coordination le modifient."))
        shape = PlaceChangesSerializer(data=request.data, partial=True)
        shape.is_valid(raise_exception=True)
        data = _form_data({**_current(place), **shape.validated_data})
        changes = _validated(PlaceForm(data, instance=place))
        editing.place_update(place=place, changes=changes, by=request.user)
        place = Place.objects.prefetch_related("types", "services", "photos").get(pk=place.pk)
        return Response(PlaceWrittenSerializer(place, context={"request": request}).data)
