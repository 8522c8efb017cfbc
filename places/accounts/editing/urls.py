"""URLs of the edit page and its helpers, in the `places` namespace (see fabrique/urls.py)."""

from django.urls import path

from places.accounts.editing import photo_views, views

urlpatterns = [
    path("lieux/<slug:slug>/modifier/", views.place_edit, name="edit"),
    path("lieux/<slug:slug>/modifier/adresse/", views.place_geocode, name="edit-geocode"),
    path("lieux/<slug:slug>/modifier/horaires/", views.place_hours, name="edit-hours"),
    path("lieux/<slug:slug>/photos/", photo_views.photo_add, name="photo-add"),
    path("lieux/<slug:slug>/photos/<int:pk>/", photo_views.photo_describe, name="photo-describe"),
    path("lieux/<slug:slug>/photos/<int:pk>/deplacer/", photo_views.photo_move, name="photo-move"),
    path(
        "lieux/<slug:slug>/photos/<int:pk>/supprimer/",
        photo_views.photo_delete,
        name="photo-delete",
    ),
]
