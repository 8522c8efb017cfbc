// The map page: every place of the search as clustered markers beside the list. One search
// lives in the URL: the form, the list, the markers and the history all follow it.
import { fillForm, formQuery, wireGeolocation } from "./search-form.js";

const config = JSON.parse(document.getElementById("map-config").textContent);
const strings = config.strings;
const form = document.getElementById("search-form");
const page = document.querySelector(".map-layout");
const phone = window.matchMedia("(max-width: 47.99rem)");
const announce = document.getElementById("announce");
const mapElement = document.getElementById("map");
const SVG = "http://www.w3.org/2000/svg";
const number = new Intl.NumberFormat(document.documentElement.lang || "fr");
// Beyond this many places, markers of the current view come first, then all of them.
const VIEWPORT_FIRST = 5000;

// On a touch screen one finger scrolls the page, two move and zoom the map.
const map = L.map(mapElement, { minZoom: 5, maxZoom: 19, zoomSnap: 0.5, zoomControl: false, dragging: !L.Browser.mobile });
L.control.zoom({ zoomInTitle: strings.zoomIn, zoomOutTitle: strings.zoomOut }).addTo(map);
map.attributionControl.setPrefix(false);
L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: config.tiles.maxZoom }).addTo(map);
map.fitBounds(config.territory);
const markers = L.layerGroup().addTo(map);
let origin = null;

const worker = new Worker(config.urls.worker);
worker.postMessage({ type: "init", lib: new URL(config.urls.supercluster, location.href).href });
let requestId = 0; // the search whose markers are shown
let viewId = 0; // the map view they are drawn for
let pending = null;

function icon(name) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("aria-hidden", "true");
  const use = document.createElementNS(SVG, "use");
  use.setAttribute("href", `${config.urls.icons}#${name}`);
  svg.append(use);
  return svg;
}

function placeMarker(item) {
  const type = config.types[item.t] || { label: "", colour: "#55606b", icon: "map-pin" };
  const element = document.createElement("div");
  element.className = "marker";
  element.style.setProperty("--marker", type.colour);
  element.append(icon(type.icon));
  const marker = L.marker([item.lat, item.lon], {
    icon: L.divIcon({ html: element, className: "marker-icon", iconSize: [32, 32], iconAnchor: [16, 38], popupAnchor: [0, -36] }),
    title: `${type.label} — ${strings.open}`,
    alt: type.label,
    riseOnHover: true,
  });
  marker.on("click", () => openPopup(item.id, marker.getLatLng()));
  onKeyboardPress(marker, () => openPopup(item.id, marker.getLatLng(), { focus: true }));
  return marker;
}

// Leaflet makes markers focusable buttons; Enter and Space must press them too.
function onKeyboardPress(marker, action) {
  marker.on("add", () => {
    marker.getElement().addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        action();
      }
    });
  });
}

function clusterMarker(item) {
  const size = Math.round(30 + Math.min(Math.log10(item.count), 4) * 10);
  const element = document.createElement("div");
  element.className = "cluster";
  element.style.width = element.style.height = `${size}px`;
  element.textContent = number.format(item.count);
  const marker = L.marker([item.lat, item.lon], {
    icon: L.divIcon({ html: element, className: "cluster-icon", iconSize: [size, size] }),
    title: strings.cluster.replace("%(count)s", number.format(item.count)),
  });
  const expand = () => worker.postMessage({ type: "expand", requestId, cluster: item.cluster, lat: item.lat, lon: item.lon });
  marker.on("click", expand);
  onKeyboardPress(marker, expand);
  return marker;
}

async function openPopup(id, latlng, { focus = false } = {}) {
  const opener = document.activeElement;
  const response = await fetch(config.urls.popup.replace("/0/", `/${id}/`), { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  const place = await response.json();
  const content = document.createElement("div");
  const types = document.createElement("p");
  types.className = "popup__types";
  types.textContent = place.types.map((slug) => Object.values(config.types).find((t) => t.slug === slug)?.label || slug).join(" · ");
  const name = document.createElement("h3");
  name.className = "popup__name";
  const link = document.createElement("a");
  link.href = place.url;
  link.textContent = place.name;
  name.append(link);
  const commune = document.createElement("p");
  commune.className = "popup__commune";
  commune.textContent = place.commune;
  content.append(types, name, commune);
  if (place.summary) {
    const summary = document.createElement("p");
    summary.className = "popup__summary";
    summary.textContent = place.summary;
    content.append(summary);
  }
  const more = document.createElement("a");
  more.href = place.url;
  more.textContent = strings.open;
  more.setAttribute("aria-label", `${strings.open} : ${place.name}`);
  content.append(more);
  // Above the pin rather than over it; Escape closes it and gives the focus back.
  const popup = L.popup({ maxWidth: 280, autoPanPadding: [20, 20], offset: [0, -30] });
  popup.setLatLng(latlng).setContent(content).openOn(map);
  content.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    map.closePopup(popup);
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  if (focus) link.focus();
}

function render(items) {
  // Drawn as one batch, then flagged ready (tests and the benchmark wait on data-state).
  markers.clearLayers();
  for (const item of items) markers.addLayer(item.cluster === undefined ? placeMarker(item) : clusterMarker(item));
  mapElement.dataset.state = "ready";
}

function requestClusters() {
  const bounds = map.getBounds();
  viewId += 1;
  worker.postMessage({
    type: "clusters",
    requestId,
    viewId,
    bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    zoom: Math.floor(map.getZoom()),
  });
}

function markersUrl(query, bbox) {
  const params = new URLSearchParams(query);
  params.delete("page");
  if (bbox) params.set("bbox", bbox);
  const text = params.toString();
  return new URL(text ? `${config.urls.markers}?${text}` : config.urls.markers, location.href).href;
}

function loadMarkers(query, { fit, count }) {
  requestId += 1;
  mapElement.dataset.state = "loading";
  pending = { query, fit };
  if (count > VIEWPORT_FIRST && !query.has("bbox")) {
    const view = map.getBounds().pad(0.25);
    const bbox = [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()].map((v) => v.toFixed(4)).join(",");
    worker.postMessage({ type: "load", requestId, url: markersUrl(query, bbox), partial: true });
  } else {
    worker.postMessage({ type: "load", requestId, url: markersUrl(query), partial: false });
  }
}

worker.onmessage = (event) => {
  const message = event.data;
  if (message.requestId !== requestId) return; // an older search
  if (message.type === "loaded") {
    mapElement.dataset.markers = message.partial ? "" : String(message.count);
    if (!message.partial && pending?.fit) fitResults(message.bounds);
    requestClusters();
    if (message.partial) worker.postMessage({ type: "load", requestId, url: markersUrl(pending.query), partial: false });
  } else if (message.type === "clusters") {
    if (message.viewId === viewId) render(message.items); // else the map has moved since

  } else if (message.type === "expand") {
    map.flyTo([message.lat, message.lon], message.zoom, { duration: 0.4 });
  } else if (message.type === "failed") {
    mapElement.dataset.state = "failed";
    announce.textContent = strings.failed;
  }
};

function fitResults(bounds) {
  // Around a point: the point and its nearest places; otherwise every result.
  if (origin) {
    const near = [...document.querySelectorAll("#results .show-on-map")].slice(0, 5).map((b) => [Number(b.dataset.lat), Number(b.dataset.lon)]);
    map.fitBounds(L.latLngBounds([origin.getLatLng(), ...near]), { padding: [40, 40], maxZoom: 13, animate: false });
  } else if (bounds) {
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 13, animate: false });
  }
}

function showOrigin(results) {
  if (origin) origin.remove();
  origin = null;
  if (!results?.dataset.origin) return;
  const [lat, lon] = results.dataset.origin.split(",").map(Number);
  origin = L.circleMarker([lat, lon], { radius: 9, color: "#ffffff", weight: 3, fillColor: "#a44a22", fillOpacity: 1, interactive: false }).addTo(map);
}

function updateFacets(scope) {
  const data = scope.querySelector("#facets-data");
  if (!data) return;
  const facets = JSON.parse(data.textContent);
  for (const count of form.querySelectorAll("[data-facet]")) {
    const [group, slug] = count.dataset.facet.split(":");
    count.textContent = facets[group]?.[slug] ?? 0;
  }
}

function hasFilters(query) {
  return [...query.keys()].some((key) => key !== "page");
}

async function search(query, { push }) {
  const text = query.toString();
  const address = text ? `${location.pathname}?${text}` : location.pathname;
  if (push) history.pushState(null, "", address);
  let response, html;
  try {
    response = await fetch(text ? `${config.urls.results}?${text}` : config.urls.results);
    html = await response.text();
  } catch {
    location.assign(address); // no answer (a weak connection): the plain page will do
    return;
  }
  const fragment = new DOMParser().parseFromString(html, "text/html");
  const results = fragment.getElementById("results");
  if (!results) return;
  document.getElementById("results").replaceWith(results);
  for (const name of ["q", "ou"]) {
    const field = form.elements[name];
    if (results.querySelector(`#error-${name}`)) {
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", `error-${name}`);
    } else {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    }
  }
  updateFacets(results);
  if (results.dataset.title) document.title = results.dataset.title;
  const errors = [...results.querySelectorAll(".errors li")].map((item) => item.textContent);
  announce.textContent = [results.dataset.summary, ...errors].join(" ");
  showOrigin(results);
  if (!hasFilters(query)) map.fitBounds(config.territory, { animate: false });
  if (results.hasAttribute("data-invalid")) {
    markers.clearLayers();
    mapElement.dataset.state = "ready";
  } else {
    loadMarkers(query, { fit: hasFilters(query), count: Number(results.dataset.count || 0) });
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // On a phone the results are below the fold: bring the map (and the list under it) up.
  search(formQuery(form), { push: true }).then(() => { if (phone.matches) mapElement.scrollIntoView({ behavior: "smooth" }); });
});
form.addEventListener("change", (event) => {
  if (event.target.matches("input[type=checkbox], select")) search(formQuery(form), { push: true });
});
// Shortcuts and pagination stay on the page: the same search, through the URL.
page.addEventListener("click", (event) => {
  const link = event.target.closest(".shortcuts a, .pagination a, .active-filters a, .suggestions a");
  if (link) {
    event.preventDefault();
    const query = new URL(link.href).searchParams;
    fillForm(form, query);
    // After a page change, reading resumes at the top of the new results.
    search(query, { push: true }).then(() => { if (link.closest(".pagination")) document.getElementById("results-title")?.focus(); });
    return;
  }
  const button = event.target.closest(".show-on-map");
  if (button) {
    const latlng = L.latLng(Number(button.dataset.lat), Number(button.dataset.lon));
    map.setView(latlng, Math.max(map.getZoom(), 15));
    if (phone.matches) mapElement.scrollIntoView({ behavior: "smooth" });
    openPopup(button.dataset.id, latlng, { focus: true });
  }
});
window.addEventListener("popstate", () => {
  const query = new URLSearchParams(location.search);
  fillForm(form, query);
  search(query, { push: false });
});

wireGeolocation(form);
map.on("moveend", requestClusters);
const initial = new URLSearchParams(location.search);
const firstResults = document.getElementById("results");
showOrigin(firstResults);
if (firstResults.hasAttribute("data-invalid")) mapElement.dataset.state = "ready";
else loadMarkers(initial, { fit: hasFilters(initial), count: config.count });
