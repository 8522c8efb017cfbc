// The list page: "autour de moi" and filters that apply when ticked.
import { formQuery, wireAutoApply, wireGeolocation } from "./search-form.js";

const form = document.getElementById("search-form");
wireGeolocation(form);
wireAutoApply(form);
// A tidy address (no empty fields), the one people copy and share.
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = formQuery(form).toString();
  location.assign(query ? `${form.action}?${query}` : form.action);
});
