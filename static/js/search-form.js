// The search form shared by the map and the list: its query, "autour de moi".

/** The form's non-empty fields as a query (what the URL and every endpoint take). */
export function formQuery(form) {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") query.append(name, value.trim());
  }
  return query;
}

/** Puts a query back into the form (back and forward buttons). */
export function fillForm(form, query) {
  fillFields(form.elements, query);
}

/** Puts a query back into some fields of the form. */
export function fillFields(elements, query) {
  for (const element of elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") {
      element.checked = query.getAll(element.name).includes(element.value);
    } else if (element.tagName === "SELECT" || element.type === "text" || element.type === "search" || element.type === "hidden") {
      element.value = query.get(element.name) ?? "";
    }
  }
}

/** "Autour de moi": the browser's position becomes `near`, or a kind word when refused. */
export function wireGeolocation(form) {
  const button = form.querySelector("#locate-me");
  const message = form.querySelector("#locate-message");
  if (!button || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    message.textContent = button.dataset.searching;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude } = position.coords;
        form.elements.near.value = `${latitude.toFixed(5)},${longitude.toFixed(5)}`;
        form.elements.ou.value = "";
        message.textContent = "";
        form.requestSubmit();
      },
      (error) => {
        message.textContent = error.code === error.PERMISSION_DENIED ? button.dataset.denied : button.dataset.unavailable;
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 },
    );
  });
  // Typing a town replaces a position found earlier.
  form.elements.ou.addEventListener("input", () => { form.elements.near.value = ""; });
}
