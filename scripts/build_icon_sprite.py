"""Builds static/img/icons.svg, an SVG sprite of the Lucide icons the site uses (ISC)."""

import re
import sys
from pathlib import Path

ICONS = [
    # place types
    "hammer",
    "laptop",
    "chef-hat",
    "drill",
    "lightbulb",
    "wheat",
    "drama",
    "coffee",
    "recycle",
    "users",
    "sprout",
    "shopping-basket",
    "map-pin",
    # services
    "wifi",
    "printer",
    "utensils",
    "bed-double",
    "accessibility",
    "presentation",
    "square-parking",
    "baby",
    "monitor",
    "book-open",
    "wrench",
    "plug",
    "handshake",
    # interface
    "locate-fixed",
    "list",
    "map",
    "search",
    "x",
    "clock",
    "phone",
    "mail",
    "globe",
    "navigation",
    "calendar",
    "info",
    "sliders-horizontal",
    "door-open",
    "external-link",
    "chevron-right",
    "chevron-left",
    # the edit page
    "eye",
    "check",
    "arrow-up",
    "arrow-down",
    "trash-2",
    "upload",
]


def main(source: str, target: str) -> None:
    symbols = []
    for name in ICONS:
        svg = (Path(source) / f"{name}.svg").read_text()
        body = svg[svg.index(">", svg.index("<svg")) + 1 : svg.rindex("</svg>")]
        body = re.sub(r"\s*\n\s*", "", body)
        symbols.append(f'<symbol id="{name}" viewBox="0 0 24 24">{body}</symbol>')
    Path(target).write_text(
        "<!-- Lucide icons (ISC licence, see static/vendor/lucide/LICENSE) -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\n'
        + "\n".join(symbols)
        + "\n</svg>\n"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
