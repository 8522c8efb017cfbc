// A Leaflet map as the settings describe it: tiles, attribution and zoom limits all come from
// the page's configuration (LEAFLET_CONFIG through json_script), never from this file.

/**
 * Creates a map in `element`. `config` holds `tiles` ({url, attribution, maxZoom}), `zoom`
 * ({min, max}) and, for French zoom buttons, `strings.zoomIn` / `strings.zoomOut`.
 * `options` are Leaflet map options (e.g. `dragging`, `scrollWheelZoom`).
 */
export function createMap(element, config, { zoomControl = true, ...options } = {}) {
  const map = L.map(element, { minZoom: config.zoom.min, maxZoom: config.zoom.max, ...options, zoomControl: false });
  if (zoomControl) {
    const strings = config.strings || {};
    L.control.zoom({ zoomInTitle: strings.zoomIn || "+", zoomOutTitle: strings.zoomOut || "−" }).addTo(map);
  }
  map.attributionControl.setPrefix(false);
  L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: Math.min(config.tiles.maxZoom || config.zoom.max, config.zoom.max) }).addTo(map);
  return map;
}
