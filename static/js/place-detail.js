// A place's page: a small, quiet map of where it is.
import { createMap } from "./map.js";

const config = JSON.parse(document.getElementById("place-map-config").textContent);
const map = createMap(document.getElementById("place-map"), config, { scrollWheelZoom: false, keyboard: false });
map.setView(config.point, 15);
L.circleMarker(config.point, { radius: 10, color: "#ffffff", weight: 3, fillColor: "#2f5e3f", fillOpacity: 1, interactive: false }).addTo(map);
