"""URLs of what the places share, in the `places` namespace (see fabrique/urls.py)."""

from django.urls import path

from places.sharing import editing, views

urlpatterns = [
    path("salles-et-materiel/", views.shared_list, name="shared-list"),
    path("lieux/<slug:slug>/modifier/salles-et-materiel/", editing.shared_edit, name="shared-edit"),
    path(
        "lieux/<slug:slug>/modifier/espaces/nouveau/",
        editing.row_edit,
        {"what": "space"},
        name="space-add",
    ),
    path(
        "lieux/<slug:slug>/modifier/espaces/<int:pk>/",
        editing.row_edit,
        {"what": "space"},
        name="space-edit",
    ),
    path(
        "lieux/<slug:slug>/modifier/espaces/<int:pk>/supprimer/",
        editing.row_delete,
        {"what": "space"},
        name="space-delete",
    ),
    path(
        "lieux/<slug:slug>/modifier/materiel/nouveau/",
        editing.row_edit,
        {"what": "equipment"},
        name="equipment-add",
    ),
    path(
        "lieux/<slug:slug>/modifier/materiel/<int:pk>/",
        editing.row_edit,
        {"what": "equipment"},
        name="equipment-edit",
    ),
    path(
        "lieux/<slug:slug>/modifier/materiel/<int:pk>/supprimer/",
        editing.row_delete,
        {"what": "equipment"},
        name="equipment-delete",
    ),
]
