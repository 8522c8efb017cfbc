"""Sitemaps for search engines: every published place and the site's pages, on SITE_URL."""

from django.conf import settings
from django.contrib import sitemaps
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from places.models import Place


class SiteSitemap(sitemaps.Sitemap):
    """URLs on settings.SITE_URL, whatever host the request came by."""

    def get_protocol(self, protocol=None) -> str:
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site=None) -> str:
        return settings.SITE_URL.split("://", 1)[1]


class RowSitemap(SiteSitemap):
    """The public rows of a model with a slug, a page (`get_absolute_url`) and `updated_at`:
    the places here, the events and resources in their apps. `rows()` says which."""

    # Google takes 50,000 URLs a page; smaller pages keep each answer quick to build.
    limit = 10_000

    def rows(self):
        raise NotImplementedError

    def items(self):
        return self.rows().only("slug", "updated_at").order_by("pk")

    def lastmod(self, row):
        return row.updated_at

    def get_latest_lastmod(self):
        # Django's own reads every item in Python to take the latest: one query instead.
        return self.rows().aggregate(latest=Max("updated_at"))["latest"]


class PlaceSitemap(RowSitemap):
    def rows(self):
        return Place.objects.published()


class PageSitemap(SiteSitemap):
    def items(self) -> list[str]:
        return ["places:home", "places:list", "places:data", "places:legal"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"lieux": PlaceSitemap, "pages": PageSitemap}


@require_safe
def index(request: HttpRequest) -> TemplateResponse:
    """/sitemap.xml: each page of each section, on SITE_URL (Django's own index view takes
    the host of the request)."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        path = reverse("places:sitemap-section", kwargs={"section": section})
        url = f"{settings.SITE_URL}{path}"
        latest = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, latest))
        entries += [
            SitemapIndexItem(f"{url}?p={page}", latest)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
