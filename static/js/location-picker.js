// The place's position on the edit page: a pin to tap or drag, the address to propose a point.
// The latitude and longitude fields stay the truth (and the way without a map or a mouse).
import { createMap } from "./map.js";

function format(value) {
  return (Math.round(value * 1e6) / 1e6).toFixed(6);
}

function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_, name) => values[name] ?? "");
}

/**
 * Enhances the position fields: `config` holds the map settings, `strings` and
 * `urls.geocode`. Returns nothing; every change is written into the two inputs.
 */
export function enhanceLocation({ mapElement, latInput, lonInput, locateButton, status, fields, config }) {
  const strings = config.strings;
  const read = () => [Number.parseFloat(latInput.value), Number.parseFloat(lonInput.value)];
  const say = (text) => {
    status.textContent = text;
    status.hidden = !text;
  };
  let [lat, lon] = read();
  const known = Number.isFinite(lat) && Number.isFinite(lon);
  const map = createMap(mapElement, config, { scrollWheelZoom: false });
  // A place being proposed has no position yet: the Bocage, until the pin is placed.
  const start = known ? [lat, lon] : [48.66, -0.55];
  const pin = document.createElement("span");
  pin.className = "pin";
  const marker = L.marker(start, {
    draggable: true,
    autoPan: true,
    title: strings.marker,
    alt: strings.marker,
    icon: L.divIcon({ html: pin, className: "", iconSize: [26, 26], iconAnchor: [13, 31] }),
  });
  map.setView(start, known ? 16 : 10);
  if (known) marker.addTo(map);

  const place = (latLng, { pan = false, message = true } = {}) => {
    latInput.value = format(latLng.lat);
    lonInput.value = format(latLng.lng);
    marker.setLatLng(latLng);
    if (!map.hasLayer(marker)) marker.addTo(map);
    if (pan) map.setView(latLng, Math.max(map.getZoom(), 17));
    if (message) say(fill(strings.moved, { lat: latInput.value, lon: lonInput.value }));
  };

  map.on("click", (event) => place(event.latlng));
  marker.on("dragend", () => place(marker.getLatLng()));
  for (const input of [latInput, lonInput]) {
    input.addEventListener("change", () => {
      const [newLat, newLon] = read();
      if (Number.isFinite(newLat) && Number.isFinite(newLon) && Math.abs(newLat) <= 90 && Math.abs(newLon) <= 180) {
        marker.setLatLng([newLat, newLon]);
        if (!map.hasLayer(marker)) marker.addTo(map);
        map.panTo([newLat, newLon]);
      }
    });
  }

  // Without JavaScript the button submits the form, which asks the geocoder and comes back.
  locateButton.addEventListener("click", async (event) => {
    event.preventDefault();
    const query = new URLSearchParams({
      address: fields.address.value.trim(),
      postcode: fields.postcode.value.trim(),
      commune: fields.commune.value.trim(),
    });
    say(strings.searching);
    try {
      const response = await fetch(`${config.urls.geocode}?${query}`, { headers: { Accept: "application/json" } });
      if (response.status === 404) return say(strings.notFound);
      if (!response.ok) return say(strings.down);
      const found = await response.json();
      place(L.latLng(found.lat, found.lon), { pan: true, message: false });
      say(fill(strings.found, { label: found.label }));
    } catch {
      say(strings.down);
    }
  });
}
