"""The sitemap section of the published resources (added to places' SITEMAPS by apps.py)."""

from django.db.models import Max

from places.resources.models import Resource
from places.sitemaps import SiteSitemap


class ResourceSitemap(SiteSitemap):
    limit = 10_000

    def items(self):
        return Resource.objects.published().only("slug", "updated_at").order_by("pk")

    def location(self, resource: Resource) -> str:
        return resource.get_absolute_url()

    def lastmod(self, resource: Resource):
        return resource.updated_at

    def get_latest_lastmod(self):
        return Resource.objects.published().aggregate(latest=Max("updated_at"))["latest"]
