"""Visitors' pages of contact, in the `places` namespace (see fabrique/urls.py)."""

from django.urls import path

from places.contact import views

urlpatterns = [
    path("lieux/<slug:slug>/contact/", views.contact, name="contact"),
    path("lieux/<slug:slug>/contact/envoye/", views.contact_sent, name="contact-sent"),
    path("lieux/<slug:slug>/signaler/", views.suggest, name="suggest"),
    path("lieux/<slug:slug>/signaler/merci/", views.suggest_sent, name="suggest-sent"),
    path("lieux/<slug:slug>/a-jour/<str:token>/", views.still_right, name="still-right"),
]
