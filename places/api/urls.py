"""URLs of the API (JSON; read open to all)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from places.api import views
from places.resources import api as resources_api

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path("places.geojson", views.PlaceGeoJSONView.as_view(), name="place-geojson"),
    path("places/markers.json", views.PlaceMarkersView.as_view(), name="place-markers"),
    path("places/markers/<int:pk>/", views.PlacePopupView.as_view(), name="place-popup"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place-detail"),
    path("resources/", resources_api.ResourceListView.as_view(), name="resource-list"),
]
