"""G9 rows: time to first marker at a small and a large size, and the weight of the map page."""

import json
from pathlib import Path

from bench import generate
from bench.report import Row, Target, guarded

LOG = Path(__file__).resolve().parent.parent / "var" / "bench" / "gunicorn.log"
WEIGHT_LIMIT = 60_000  # bytes of brotli-11 (KB = 1,000 bytes)


def _ms(value: float | None) -> str:
    return "?" if value is None else f"{value:.0f}"


def run_browser(size: int, *, seeded: bool = False, errors: list[Row]) -> dict | None:
    """TTFM and weight at `size` places; on failure, a failing row in `errors` and None."""
    from django.test import Client

    from bench import browser, cases_map

    if not seeded:
        generate.seed(size)

    def measure() -> dict:
        client = Client()
        home = cases_map.home_page(client)
        data = browser.measure(log=LOG)
        # How many markers each document the page fetched holds (the viewport one first).
        data["markers_documents"] = {
            url: len(json.loads(client.get(url).content)) for url in data["markers_urls"]
        }
        return {
            **data,
            "home_html_in_process_ms": home.candidate_ms,
            "home_queries": home.extra["queries"],
        }

    [data] = guarded("G9", f"browser at {size:,}".replace(",", " "), lambda: [measure()])
    if isinstance(data, Row):
        errors.append(data)
        return None
    return data


def browser_rows(results: dict[int, dict]) -> list[Row]:
    if not results:
        return []
    small, large = min(results), max(results)
    rows = []
    for size in sorted(results):
        data = results[size]
        row = Row("G9", f"TTFM at {size:,} places".replace(",", " "), candidate_ms=data["ttfm_ms"])
        row.extra = data
        row.notes.append(
            "samples " + ", ".join(f"{value:.0f}" for value in data["ttfm_samples_ms"]) + " ms"
        )
        row.notes.append(
            "medians from navigation start: HTML received "
            f"{data['html_ms']:.0f} ms, DOMContentLoaded {data['dom_content_loaded_ms']:.0f} ms, "
            + (
                f"viewport markers received {data['viewport_markers_received_ms']:.0f} ms, "
                if data["viewport_markers_received_ms"]
                else ""
            )
            + f"all markers received {_ms(data['all_markers_received_ms'])} ms, "
            f"all {data['markers']:,} markers in the worker {data['all_markers_ms']:.0f} ms; "
            f"the home page takes {data['home_html_in_process_ms']:.0f} ms in-process "
            f"({data['home_queries']} queries)"
        )
        row.notes.append(
            "markers documents fetched: "
            + ", ".join(
                f"{count:,} places ({'viewport' if 'bbox=' in url else 'all'})"
                for url, count in sorted(data["markers_documents"].items(), key=lambda i: i[1])
            )
        )
        if data["errors"]:
            row.notes.append("page errors: " + " | ".join(data["errors"]))
        rows.append(row)
    if large != small:
        ratio = results[large]["ttfm_ms"] / results[small]["ttfm_ms"]
        rows[-1].targets += [
            Target("G9", f"TTFM ≤ 1.5× TTFM({small:,})".replace(",", " "), ratio, "<=", 1.5),
            Target("G9", "TTFM < 2000 ms", results[large]["ttfm_ms"], "<", 2000),
        ]
    files = results[small]["files"]
    weight = Row("G9", "map page JS + CSS, brotli-11")
    total = sum(item["brotli11"] for item in files)
    weight.targets.append(Target("G9", "≤ 60 KB (60,000 B)", float(total), "<=", WEIGHT_LIMIT))
    weight.extra = {"files": files, "total_brotli11": total}
    return [*rows, weight]
