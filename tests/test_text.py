"""The one sanitiser: Markdown in, HTML that cannot run a script or send anyone elsewhere."""

import pytest
from django.template import Context, Template

from places.text import render_markdown


def test_markdown_gives_simple_formatting_and_lists():
    html = render_markdown("Un **atelier** partagé :\n\n- bois\n- métal")
    assert "<strong>atelier</strong>" in html
    assert "<ul>\n<li>bois</li>\n<li>métal</li>\n</ul>" in html


def test_headings_are_demoted_under_the_pages_own_h1_and_h2():
    html = render_markdown("# Titre\n\n## Sous-titre\n\n#### Petit\n\n###### Minuscule")
    assert "<h3>Titre</h3>" in html
    assert "<h4>Sous-titre</h4>" in html
    assert "<h6>Petit</h6>" in html and "<h6>Minuscule</h6>" in html
    assert "<h1" not in html and "<h2" not in html


def test_links_are_kept_with_rel_nofollow_ugc_noopener():
    html = render_markdown("[Notre site](https://exemple.org/) et [écrire](mailto:a@b.fr)")
    assert '<a href="https://exemple.org/" rel="nofollow ugc noopener">Notre site</a>' in html
    assert 'href="mailto:a@b.fr"' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<p onclick="alert(1)">clic</p>',
        "<svg onload=alert(1)>",
        "<iframe src=https://exemple.org></iframe>",
        '<a href="javascript:alert(1)">a</a>',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](jav&#x61;script:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        '<a href="data:text/html,<script>alert(1)</script>">a</a>',
        "<style>body{display:none}</style>",
        '<form action="https://exemple.org"><input name=a></form>',
        "![image](https://exemple.org/traceur.png)",
    ],
)
def test_scripts_handlers_dangerous_urls_and_images_come_out_inert(text):
    html = str(render_markdown(text)).lower()
    for forbidden in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "data:",
        "vbscript:",
        "<iframe",
        "<svg",
        "<img",
        "<style",
        "<form",
        "<input",
    ):
        assert forbidden not in html, (text, html)


def test_the_markdown_template_filter_is_the_same_sanitiser():
    text = "# Titre\n\n[x](javascript:alert(1)) <script>alert(1)</script>"
    rendered = Template("{% load places_tags %}{{ text|markdown }}").render(Context({"text": text}))
    assert rendered == str(render_markdown(text))
    assert "<h3>Titre</h3>" in rendered and "<script" not in rendered


def test_empty_text_renders_nothing():
    assert render_markdown("") == "" and render_markdown(None) == ""
