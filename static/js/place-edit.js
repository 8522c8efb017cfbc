// The edit page of a place: the map picker, the hours editor and the photos' descriptions.
// Each enhances plain fields that work without JavaScript.
import { enhanceHours } from "./hours-editor.js";
import { enhanceLocation } from "./location-picker.js";
import { enhancePhotoUpload } from "./photo-upload.js";

const config = JSON.parse(document.getElementById("edit-config").textContent);
const byId = (id) => document.getElementById(id);

enhanceLocation({
  mapElement: byId("edit-map"),
  latInput: byId("id_latitude"),
  lonInput: byId("id_longitude"),
  locateButton: byId("locate-address"),
  status: byId("locate-status"),
  fields: { address: byId("id_address"), postcode: byId("id_postcode"), commune: byId("id_commune") },
  config,
});

enhanceHours({
  input: byId("id_opening_hours"),
  container: byId("hours-editor"),
  words: byId("hours-words"),
  url: config.urls.hours,
  strings: config.hours,
});

if (byId("photo-upload")) {
  enhancePhotoUpload({
    fileInput: byId("id_photos"),
    previews: byId("photo-previews"),
    singleAlt: byId("single-alt"),
    strings: config.photos,
  });
}
