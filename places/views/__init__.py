"""The site's pages: each view validates the query, calls a selector and renders.

`search` (the map and the list), `detail` (a place's page), `site` (robots.txt, the favicon,
the open data downloads); `maps` holds what the map pages pass to their scripts."""
