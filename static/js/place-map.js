// The map page: every place of the search as clustered markers beside the list. One search
// lives in the URL: the form, the list, the markers and the history all follow it.
import { createMap } from "./map.js";
import { wireFilters } from "./filters-panel.js";
import { createMarkers } from "./map-markers.js";
import { fillForm, formQuery, wireGeolocation } from "./search-form.js";

const config = JSON.parse(document.getElementById("map-config").textContent);
const strings = config.strings;
const form = document.getElementById("search-form");
const page = document.querySelector(".map-layout");
const phone = window.matchMedia("(max-width: 47.99rem)");
const announce = document.getElementById("announce");
const mapElement = document.getElementById("map");
// Beyond this many places, markers of the current view come first, then all of them.
const VIEWPORT_FIRST = 5000;

// On a touch screen one finger scrolls the page, two move and zoom the map.
const map = createMap(mapElement, config, { zoomSnap: 0.5, dragging: !L.Browser.mobile });
map.fitBounds(config.territory);
let origin = null;
let pending = null; // the search whose markers are loading

const markers = createMarkers(map, config, {
  onOpen: openPopup,
  onLoaded(message) {
    if (message.partial) markers.loadRest(markersUrl(pending.query));
    else if (pending?.fit) fitResults(message.bounds);
  },
  onFailed() {
    announce.textContent = strings.failed;
  },
});

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

function markersUrl(query, bbox) {
  const params = new URLSearchParams(query);
  params.delete("page");
  if (bbox) params.set("bbox", bbox);
  const text = params.toString();
  return new URL(text ? `${config.urls.markers}?${text}` : config.urls.markers, location.href).href;
}

function loadMarkers(query, { fit, count }) {
  pending = { query, fit };
  if (count > VIEWPORT_FIRST && !query.has("bbox")) {
    const view = map.getBounds().pad(0.25);
    const bbox = [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()].map((v) => v.toFixed(4)).join(",");
    markers.load(markersUrl(query, bbox), { partial: true });
  } else {
    markers.load(markersUrl(query));
  }
}

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
  filters.update(results);
  if (results.dataset.title) document.title = results.dataset.title;
  const errors = [...results.querySelectorAll(".errors li")].map((item) => item.textContent);
  announce.textContent = [results.dataset.summary, ...errors].join(" ");
  showOrigin(results);
  if (!hasFilters(query)) map.fitBounds(config.territory, { animate: false });
  if (results.hasAttribute("data-invalid")) {
    markers.clear();
  } else {
    loadMarkers(query, { fit: hasFilters(query), count: Number(results.dataset.count || 0) });
  }
}

// On a phone the results are below the fold: the map comes up, and the count of the list
// right under it. After a search sent from the form (or the filters' panel, which closes),
// the heading of the results takes the focus: reading goes on there.
function revealResults({ focus }) {
  if (!phone.matches) return;
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  mapElement.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
  if (focus) document.getElementById("results-title")?.focus({ preventScroll: true });
}

const filters = wireFilters(form, { apply: () => search(formQuery(form), { push: true }) });
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(formQuery(form), { push: true }).then(() => revealResults({ focus: true }));
});
// Shortcuts and pagination stay on the page: the same search, through the URL.
page.addEventListener("click", (event) => {
  const link = event.target.closest(".shortcuts a, .pagination a, .active-filters a, .suggestions a");
  if (link) {
    event.preventDefault();
    const query = new URL(link.href).searchParams;
    fillForm(form, query);
    // After a page change, reading resumes at the top of the new results.
    search(query, { push: true }).then(() => {
      if (link.closest(".shortcuts")) revealResults({ focus: false });
      else if (link.closest(".pagination")) document.getElementById("results-title")?.focus();
    });
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
const initial = new URLSearchParams(location.search);
const firstResults = document.getElementById("results");
showOrigin(firstResults);
if (firstResults.hasAttribute("data-invalid")) mapElement.dataset.state = "ready";
else loadMarkers(initial, { fit: hasFilters(initial), count: config.count });
