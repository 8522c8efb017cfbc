// Clusters the map's markers off the main thread (supercluster), so 100,000 places
// neither block the page while loading nor when panning.
let index = null;
let Supercluster = null;
let loading = Promise.resolve(); // views asked for during a load wait for its index

function features(points) {
  // Compact payload: [id, lon, lat, type_id] per place.
  const list = new Array(points.length);
  let west = 180, south = 90, east = -180, north = -90;
  for (let i = 0; i < points.length; i++) {
    const [id, lon, lat, type] = points[i];
    list[i] = { type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: { id, t: type } };
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return { list, bounds: points.length ? [[south, west], [north, east]] : null };
}

async function load(message) {
  try {
    const response = await fetch(message.url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { list, bounds } = features(await response.json());
    index = new Supercluster({ radius: 56, maxZoom: 15, minPoints: 3 }).load(list);
    self.postMessage({ type: "loaded", requestId: message.requestId, count: list.length, bounds, partial: message.partial });
  } catch (error) {
    self.postMessage({ type: "failed", requestId: message.requestId, error: String(error) });
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    importScripts(message.lib);
    Supercluster = self.Supercluster;
    return;
  }
  if (message.type === "load") {
    loading = load(message);
    return;
  }
  await loading;
  if (!index) return;
  if (message.type === "clusters") {
    const items = index.getClusters(message.bbox, message.zoom).map((feature) => {
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      return p.cluster ? { lat, lon, count: p.point_count, cluster: p.cluster_id } : { lat, lon, id: p.id, t: p.t };
    });
    self.postMessage({ type: "clusters", requestId: message.requestId, viewId: message.viewId, items });
  } else if (message.type === "expand") {
    let zoom;
    try {
      zoom = Math.min(index.getClusterExpansionZoom(message.cluster), 18);
    } catch {
      return; // a cluster of an index replaced since the click
    }
    self.postMessage({ type: "expand", requestId: message.requestId, zoom, lat: message.lat, lon: message.lon });
  }
};
