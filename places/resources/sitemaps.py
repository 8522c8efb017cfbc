"""The sitemap section of the published resources (added to places' SITEMAPS by apps.py)."""

from places.resources.models import Resource
from places.sitemaps import RowSitemap


class ResourceSitemap(RowSitemap):
    def rows(self):
        return Resource.objects.published()
