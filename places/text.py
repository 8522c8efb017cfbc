"""The one sanitiser of what people write: Markdown to HTML that cannot run or mislead.

Every text a user can write and the site renders as HTML goes through `render_markdown`
(the `markdown` template filter calls it). Plain fields (names, addresses...) are never
rendered as HTML: templates escape them.
"""

import xml.etree.ElementTree as ElementTree

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# No javascript:, data:, vbscript: or any other scheme; relative links stay relative.
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Links people write are theirs, not the network's: no ranking, no window.opener.
LINK_REL = "nofollow ugc noopener"
# The page has its own h1 and h2: a host's "# Title" becomes an h3, and so on down to h6.
HEADING_SHIFT = 2


class _DemoteHeadings(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(int(element.tag[1]) + HEADING_SHIFT, 6)}"


class DemoteHeadings(Extension):
    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 0)


def sanitise_html(html: str) -> str:
    """HTML reduced to the allow-list: no script, no event handler, no dangerous URL."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str | None) -> SafeString:
    """Markdown written by hosts, as HTML stripped of anything but simple formatting."""
    html = markdown_lib.markdown(
        text or "", extensions=["sane_lists", DemoteHeadings()], output_format="html"
    )
    return mark_safe(sanitise_html(html))  # noqa: S308 — cleaned by nh3 just above
