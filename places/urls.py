"""URLs of the site's pages."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from places import sitemaps, views

app_name = "places"

urlpatterns = [
    path("", views.home, name="home"),
    path("lieux/", views.place_list, name="list"),
    path("lieux/resultats/", views.place_results, name="results"),
    path("lieux/<slug:slug>/", views.place_detail, name="detail"),
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="pages/legal.html"),
        name="legal",
    ),
    path("donnees/", TemplateView.as_view(template_name="pages/data.html"), name="data"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("favicon.ico", views.favicon, name="favicon"),
    path("donnees/lieux.geojson", views.data_download, {"fmt": "geojson"}, name="data-geojson"),
    path("donnees/lieux.csv", views.data_download, {"fmt": "csv"}, name="data-csv"),
]
