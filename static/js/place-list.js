// The list page: "autour de moi", the filters (a panel on a phone), a tidy address.
import { wireFilters } from "./filters-panel.js";
import { formQuery, wireGeolocation } from "./search-form.js";

const form = document.getElementById("search-form");
const phone = window.matchMedia("(max-width: 47.99rem)");

// On a phone the results are below the fold: the new page opens on them.
function go(address) {
  location.assign(phone.matches ? `${address}#results` : address);
}

wireGeolocation(form);
wireFilters(form, { apply: () => form.requestSubmit() });
// A tidy address (no empty fields), the one people copy and share.
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = formQuery(form).toString();
  go(query ? `${form.action}?${query}` : form.action);
});
document.querySelector(".shortcuts")?.addEventListener("click", (event) => {
  const link = event.target.closest("a");
  if (link && phone.matches) {
    event.preventDefault();
    go(link.href);
  }
});
