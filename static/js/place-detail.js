// A place's page: a small, quiet map of where it is.
const config = JSON.parse(document.getElementById("place-map-config").textContent);
const element = document.getElementById("place-map");
const map = L.map(element, { scrollWheelZoom: false, keyboard: false, zoomControl: true });
map.attributionControl.setPrefix(false);
L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: config.tiles.maxZoom }).addTo(map);
map.setView(config.point, 15);
L.circleMarker(config.point, { radius: 10, color: "#ffffff", weight: 3, fillColor: "#2f5e3f", fillOpacity: 1, interactive: false }).addTo(map);
