"""What the site answers besides pages: robots.txt, the favicon, the open data downloads."""

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from places import io, opendata


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """What crawlers may read, and where the sitemap is (an absolute URL, as robots.txt says)."""
    sitemap = f"{settings.SITE_URL}{reverse('places:sitemap')}"
    return render(
        request, "robots.txt", {"sitemap": sitemap}, content_type="text/plain; charset=utf-8"
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on their own: the site's icon (SVG)."""
    response = redirect(static("img/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def data_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The whole directory as a file to download (open data, ODbL), revalidated by its data
    version: a 304 reads one row, a new version is built once."""
    download = opendata.download(fmt)
    last_modified = int(download.last_modified.timestamp())
    not_modified = get_conditional_response(
        request, etag=download.etag, last_modified=last_modified
    )
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        download.open(),
        as_attachment=True,
        filename=download.filename,
        content_type=download.content_type,
    )
    response["ETag"] = download.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, no-cache"
    response["Link"] = f'<{io.LICENCE_URL}>; rel="license"'
    return response
