"""Stored XSS: what a host writes in any field comes out inert on every page and answer."""

import json
import re
from html.parser import HTMLParser

import pytest

from places.models import Place
from tests.accounts.editing.conftest import edit_data

pytestmark = pytest.mark.django_db
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>\"'><svg onload=alert(1)></script>"
DESCRIPTION = (
    f"{PAYLOAD}\n\n[clic](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) "
    '[c](data:text/html,<script>alert(1)</script>) <a href="vbscript:x">v</a> '
    '<p onmouseover="alert(1)">survol</p>'
)
TEXT_FIELDS = ["name", "summary", "address", "commune"]
OUR_SCRIPTS = {"application/json", "application/ld+json", "module"}


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its script blocks."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = (attributes, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def assert_inert(html: str) -> Elements:
    page = Elements()
    page.feed(html)
    for tag, attributes in page.elements:
        assert tag not in {"svg", "iframe", "object", "embed"} or "onload" not in attributes
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action", "formaction"} and value:
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (tag, value)
        if tag == "img":
            assert attributes.get("src") != "x", "the payload's image became an element"
    for attributes, text in page.scripts:
        # Only the site's own scripts: data blocks and modules from our static files.
        assert attributes.get("type") in OUR_SCRIPTS or attributes.get("src", "").startswith(
            "/static/"
        ), attributes
        assert "alert(1)" not in text or attributes.get("type") in {
            "application/json",
            "application/ld+json",
        }
        assert "</script" not in text.lower()
    return page


@pytest.fixture
def hostile_place(client, place, host):
    """The place as a host wrote it with markup in every text field they edit."""
    client.force_login(host)
    changes = {name: f"{name} {PAYLOAD}"[:150] for name in TEXT_FIELDS}
    changes["summary"] = f"summary {PAYLOAD}"
    changes["address"] = f"1 {PAYLOAD}"[:200]
    response = client.post(
        "/lieux/la-grange/modifier/", edit_data(place, description=DESCRIPTION, **changes)
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return Place.objects.get(pk=place.pk)


def test_the_place_page_shows_the_text_escaped_and_runs_nothing(client, hostile_place):
    html = client.get(hostile_place.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    page = assert_inert(html)
    description = html.split('class="prose"', 1)[1].split("</section>", 1)[0]
    assert "<script" not in description and "onerror" not in description
    assert 'rel="nofollow ugc noopener"' in description and "survol" in description
    ld = next(
        text for attributes, text in page.scripts if attributes.get("type") == "application/ld+json"
    )
    data = json.loads(ld)
    assert data["name"] == hostile_place.name and "<" not in ld  # \u003C, not a tag


def test_the_edit_page_shows_the_values_escaped_in_its_fields(client, hostile_place, host):
    client.force_login(host)
    html = client.get("/lieux/la-grange/modifier/").content.decode()
    assert_inert(html)
    assert "&lt;script&gt;" in html


def test_the_edit_pages_preview_is_sanitised(client, hostile_place, host):
    client.force_login(host)
    response = client.post("/lieux/la-grange/modifier/", edit_data(hostile_place, action="preview"))
    assert response.status_code == 200
    assert_inert(response.content.decode())


def test_the_map_popup_and_the_api_give_the_text_as_json_data(client, hostile_place):
    for url in (
        f"/api/places/markers/{hostile_place.pk}/",
        "/api/places/la-grange/",
        "/api/places/?q=tiers",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML
    detail = client.get("/api/places/la-grange/").json()
    assert detail["name"] == hostile_place.name and detail["description"] == DESCRIPTION
    popup = client.get(f"/api/places/markers/{hostile_place.pk}/").json()
    assert popup["name"] == hostile_place.name


def test_javascript_urls_cannot_be_stored_in_the_website_or_social_links(client, place, host):
    client.force_login(host)
    for changes in (
        {"website": "javascript:alert(1)"},
        {"website": " JavaScript:alert(document.cookie)"},
        {"social_links": "javascript:alert(1)"},
        {"social_links": "https://ok.example\ndata:text/html;base64,PHNjcmlwdD4="},
        {"social_links": "vbscript:msgbox(1)"},
    ):
        response = client.post("/lieux/la-grange/modifier/", edit_data(place, **changes))
        assert response.status_code == 400, changes
    place.refresh_from_db()
    assert place.website == "" and place.social_links == []


def test_the_map_popup_builds_its_content_from_text_not_html():
    """The popup is made in the browser from the JSON above: with DOM nodes and textContent."""
    from pathlib import Path

    script = (
        Path("static/js/map-markers.js").read_text() + Path("static/js/place-map.js").read_text()
    )
    assert "textContent" in script
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
