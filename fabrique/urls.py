"""Root URLs: the site, the accounts, the host's side, the API and the admin.

The `places` namespace gathers the directory's pages and the hosts' edit pages: the core
app knows nothing of accounts (an app depends on `places`, never the other way round), so
the two lists are joined here.
"""

import re

from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

import places.accounts.editing.urls
import places.accounts.proposals.urls
import places.contact.urls
import places.resources.urls
import places.resources.views
import places.sharing.urls
import places.urls

urlpatterns = [
    path(
        "",
        include(
            (
                # /lieux/proposer/ before /lieux/<slug>/.
                places.accounts.proposals.urls.urlpatterns
                + places.urls.urlpatterns
                + places.accounts.editing.urls.urlpatterns
                + places.sharing.urls.urlpatterns
                + places.contact.urls.urlpatterns,
                "places",
            )
        ),
    ),
    path("", include("places.events.urls", namespace="events")),
    path("ressources/", include("places.resources.urls")),
    path("recherche/", places.resources.views.site_search, name="search"),
    path("compte/", include("allauth.urls")),
    path(
        "espace-hote/ressources/",
        include((places.resources.urls.host_urlpatterns, "resources_host")),
    ),
    path("espace-hote/", include("places.accounts.urls")),
    path("espace-hote/", include("places.contact.host_urls")),
    path("api/", include("places.api.urls", namespace="api")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]


def media(request, path: str):
    """Uploaded photos from MEDIA_ROOT when SERVE_MEDIA is on (development, tests); in
    production the web server, or an object store (S3), serves MEDIA_URL."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(re_path(rf"^{re.escape(settings.MEDIA_URL[1:])}(?P<path>.*)$", media))
