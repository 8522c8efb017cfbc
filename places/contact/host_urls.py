"""The hosts' pages of contact, under /espace-hote/ (namespace `contact`)."""

from django.urls import path

from places.contact import host_views

app_name = "contact"

urlpatterns = [
    path("suggestions/<int:pk>/", host_views.suggestion_review, name="suggestion"),
    path("suggestions/<int:pk>/accepter/", host_views.suggestion_accept, name="accept"),
    path("suggestions/<int:pk>/refuser/", host_views.suggestion_refuse, name="refuse"),
    path("a-verifier/", host_views.listings_to_check, name="to-check"),
]
