"""App configuration of the resource centre (guides, templates, the founder's path)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "places.resources"
    label = "resources"
    verbose_name = _("Centre de ressources")

    def ready(self) -> None:
        # The sitemap gains a section of resources: places knows nothing of this app.
        from places import sitemaps
        from places.resources.sitemaps import ResourceSitemap

        sitemaps.SITEMAPS["ressources"] = ResourceSitemap
