"""Benchmarks of what users feel (`make bench`, never CI), judged in one run.

`python -m bench 1000 10000 100000` recreates the `fabrique_bench` database, seeds each size
(generate.py) and times whole requests through Django's request path, the cases taking turns
(timing.py): the searches on `/`, `/lieux/` and `/api/places/`, a place page and its 304, the
whole-map documents against their SQL floor and DRF-gis (cases.py); Chromium's time to first
marker, the map page's weight and the first visitor after a change (browser.py); an import
while a host saves (imports.py). The naive peers are in naive.py. It prints medians and
PASS/FAIL per target, writes bench/results.json and exits 1 when a target fails. It reads the
site only through its URLs and its models, so that the read path can change beneath it.
"""
