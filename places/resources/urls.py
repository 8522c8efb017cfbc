"""URLs of the resource centre, under /ressources/."""

from django.urls import path

from places.resources import host_views, views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("parcours/", views.founder_path, name="path"),
    path("<slug:slug>/", views.resource_detail, name="detail"),
    path("<slug:slug>/fichiers/<int:pk>/", views.file_download, name="download"),
]

# Under /espace-hote/ressources/ (fabrique/urls.py), namespace "resources_host".
host_urlpatterns = [
    path("<slug:slug>/proposer/", host_views.resource_propose, name="propose"),
]
