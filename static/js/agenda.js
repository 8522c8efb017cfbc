// The agenda: "autour de moi", and a map of the searched events beside the list (the list
// is the page; the map only enhances it).
import { createMap } from "./map.js";
import { wireGeolocation } from "./search-form.js";

const config = JSON.parse(document.getElementById("agenda-map-config").textContent);
const form = document.getElementById("search-form");
const announce = document.getElementById("announce");
wireGeolocation(form);

const map = createMap(document.getElementById("agenda-map"), config, { scrollWheelZoom: false });
map.fitBounds(config.territory);
const layer = L.featureGroup().addTo(map);

function popup(properties) {
  const content = document.createElement("div");
  const title = document.createElement("a");
  title.href = properties.url;
  title.textContent = properties.title;
  const when = document.createElement("p");
  // A whole day's start is a date ("2026-12-06"), which Date reads as midnight UTC: read
  // back in UTC, it is that day wherever the visitor is.
  when.textContent = new Date(properties.start).toLocaleString(document.documentElement.lang || "fr", {
    dateStyle: "full",
    ...(properties.all_day ? { timeZone: "UTC" } : { timeStyle: "short" }),
  });
  content.append(title, when);
  return content;
}

async function load() {
  const query = new URLSearchParams(window.location.search);
  query.delete("page");
  try {
    const response = await fetch(`${config.urls.geojson}?${query}`, { headers: { Accept: "application/geo+json" } });
    if (!response.ok) throw new Error(String(response.status));
    const collection = await response.json();
    for (const feature of collection.features) {
      const [lon, lat] = feature.geometry.coordinates;
      const cancelled = feature.properties.status === "cancelled";
      L.circleMarker([lat, lon], { radius: 8, color: "#ffffff", weight: 2, fillColor: cancelled ? "#8a3b2b" : "#2f5e3f", fillOpacity: 1 })
        .bindPopup(() => popup(feature.properties))
        .addTo(layer);
    }
    if (collection.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20] });
  } catch {
    announce.textContent = config.strings.failed;
  }
}

load();
