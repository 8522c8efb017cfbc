// Markers and clusters on a map: a compact payload `[[id, lon, lat, type_id], ...]` is
// clustered off the main thread (cluster-worker.js, supercluster); each marker shows its
// type's colour and icon, and is pressed with a click, Enter or Space. Shared by every map
// that shows many points (the places' map, and the agenda's and the embed's to come).

const SVG = "http://www.w3.org/2000/svg";
const FALLBACK_TYPE = { label: "", colour: "#55606b", icon: "map-pin" };

export function icon(href) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("aria-hidden", "true");
  const use = document.createElementNS(SVG, "use");
  use.setAttribute("href", href);
  svg.append(use);
  return svg;
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

/**
 * Clustered markers on `map`. `config` holds `types` ({id: {label, colour, icon}}),
 * `strings` ({open, cluster, failed}) and `urls` ({icons, worker, supercluster}).
 * `onOpen(id, latlng, {focus})` is called when a marker is pressed; `onLoaded(message)`
 * when a payload is loaded ({count, bounds, partial}); `onFailed()` when it could not be.
 * `map.getContainer().dataset.state` is "loading", then "ready" once drawn (tests and the
 * benchmark wait on it), or "failed"; `dataset.markers` is the count once all are loaded.
 */
export function createMarkers(map, config, { onOpen, onLoaded = () => {}, onFailed = () => {} }) {
  const strings = config.strings;
  const element = map.getContainer();
  const layer = L.layerGroup().addTo(map);
  const number = new Intl.NumberFormat(document.documentElement.lang || "fr");
  const worker = new Worker(config.urls.worker);
  worker.postMessage({ type: "init", lib: new URL(config.urls.supercluster, location.href).href });
  let requestId = 0; // the payload whose markers are shown
  let viewId = 0; // the map view they are drawn for

  function placeMarker(item) {
    const type = config.types[item.t] || FALLBACK_TYPE;
    const pin = document.createElement("div");
    pin.className = "marker";
    pin.style.setProperty("--marker", type.colour);
    pin.append(icon(`${config.urls.icons}#${type.icon}`));
    const marker = L.marker([item.lat, item.lon], {
      icon: L.divIcon({ html: pin, className: "marker-icon", iconSize: [32, 32], iconAnchor: [16, 38], popupAnchor: [0, -36] }),
      title: `${type.label} — ${strings.open}`,
      alt: type.label,
      riseOnHover: true,
    });
    marker.on("click", () => onOpen(item.id, marker.getLatLng(), { focus: false }));
    onKeyboardPress(marker, () => onOpen(item.id, marker.getLatLng(), { focus: true }));
    return marker;
  }

  function clusterMarker(item) {
    const size = Math.round(30 + Math.min(Math.log10(item.count), 4) * 10);
    const bubble = document.createElement("div");
    bubble.className = "cluster";
    bubble.style.width = bubble.style.height = `${size}px`;
    bubble.textContent = number.format(item.count);
    const marker = L.marker([item.lat, item.lon], {
      icon: L.divIcon({ html: bubble, className: "cluster-icon", iconSize: [size, size] }),
      title: strings.cluster.replace("%(count)s", number.format(item.count)),
    });
    const expand = () => worker.postMessage({ type: "expand", requestId, cluster: item.cluster, lat: item.lat, lon: item.lon });
    marker.on("click", expand);
    onKeyboardPress(marker, expand);
    return marker;
  }

  function render(items) {
    // Drawn as one batch, then flagged ready.
    layer.clearLayers();
    for (const item of items) layer.addLayer(item.cluster === undefined ? placeMarker(item) : clusterMarker(item));
    element.dataset.state = "ready";
  }

  function redraw() {
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

  worker.onmessage = (event) => {
    const message = event.data;
    if (message.requestId !== requestId) return; // an older payload
    if (message.type === "loaded") {
      element.dataset.markers = message.partial ? "" : String(message.count);
      onLoaded(message);
      redraw();
    } else if (message.type === "clusters") {
      if (message.viewId === viewId) render(message.items); // else the map has moved since
    } else if (message.type === "expand") {
      map.flyTo([message.lat, message.lon], message.zoom, { duration: 0.4 });
    } else if (message.type === "failed") {
      element.dataset.state = "failed";
      onFailed();
    }
  };
  map.on("moveend", redraw);

  return {
    /** Loads the payload at `url` (a partial one first when `partial`); a newer load wins. */
    load(url, { partial = false } = {}) {
      requestId += 1;
      element.dataset.state = "loading";
      worker.postMessage({ type: "load", requestId, url, partial });
    },
    /** Loads the rest after a partial payload, for the same request. */
    loadRest(url) {
      worker.postMessage({ type: "load", requestId, url, partial: false });
    },
    clear() {
      requestId += 1;
      layer.clearLayers();
      element.dataset.state = "ready";
    },
  };
}
