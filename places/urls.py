"""URLs of the site's pages."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from places import sitemaps
from places.views import detail, search, site

app_name = "places"

urlpatterns = [
    path("", search.home, name="home"),
    path("lieux/", search.place_list, name="list"),
    path("lieux/resultats/", search.place_results, name="results"),
    path("lieux/<slug:slug>/", detail.place_detail, name="detail"),
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="pages/legal.html"),
        name="legal",
    ),
    path("donnees/", TemplateView.as_view(template_name="pages/data.html"), name="data"),
    path("robots.txt", site.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("favicon.ico", site.favicon, name="favicon"),
    path("donnees/lieux.geojson", site.data_download, {"fmt": "geojson"}, name="data-geojson"),
    path("donnees/lieux.csv", site.data_download, {"fmt": "csv"}, name="data-csv"),
]
