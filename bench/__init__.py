"""Benchmarks of the directory (`make bench`, never CI): each case against its floor and peer.

`python -m bench 10000 50000 100000` seeds `fabrique_bench` (generate.py) at each size and,
in one process, alternates the candidate (the real code path), its floor (bare SQL giving the
same bytes or rows) and a naive peer; it prints medians, ratios and PASS/FAIL per target and
writes bench/results.json. Cases: G1/G2/G3 map documents (cases_map.py), G5/G6 nearest places
(cases_near.py), G7 full-text search (cases_search.py), G9 browser (browser*.py). What the
report proposes to change in the app is measured beside it in proposals.py. The exit status
is 1 when a target fails.
"""
