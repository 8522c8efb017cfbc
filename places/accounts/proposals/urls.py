"""URLs of proposals in the `places` namespace (see fabrique/urls.py), before /lieux/<slug>/."""

from django.urls import path

from places.accounts.proposals import views

urlpatterns = [
    path("lieux/proposer/", views.place_propose, name="propose"),
    path("lieux/proposer/adresse/", views.propose_geocode, name="propose-geocode"),
    path("lieux/proposer/horaires/", views.propose_hours, name="propose-hours"),
]
