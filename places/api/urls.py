"""URLs of the API (JSON; read open to all; writes by the hosts, see places/accounts/api.py)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from places.accounts import api as writes
from places.api import views
from places.events import api as events
from places.resources import api as resources_api
from places.sharing import api as sharing_api

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("places/", writes.PlaceListWriteView.as_view(), name="place-list"),
    path("places.geojson", views.PlaceGeoJSONView.as_view(), name="place-geojson"),
    path("places/markers.json", views.PlaceMarkersView.as_view(), name="place-markers"),
    path("places/markers/<int:pk>/", views.PlacePopupView.as_view(), name="place-popup"),
    path("places/<slug:slug>/", writes.PlaceDetailWriteView.as_view(), name="place-detail"),
    path("spaces/", sharing_api.SpaceListView.as_view(), name="space-list"),
    path("equipment/", sharing_api.EquipmentListView.as_view(), name="equipment-list"),
    path("events/", events.EventListView.as_view(), name="event-list"),
    path("events.geojson", events.EventGeoJSONView.as_view(), name="event-geojson"),
    path("resources/", resources_api.ResourceListView.as_view(), name="resource-list"),
]
