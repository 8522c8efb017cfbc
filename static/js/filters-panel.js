// The filters of the search form. On a wide screen a ticked box applies at once. On a phone
// they open in a panel that takes the screen: ticks change only the count of its button
// ("Voir les 12 lieux"), asked of the results endpoint once the ticking pauses; the button
// applies them, closing (Escape, the cross, the summary) puts the ticks back as the search is.
import { fillFields, formQuery } from "./search-form.js";

const COUNT_DELAY_MS = 350;

/**
 * Wires the filters of `form`; `apply()` runs the search of the form as it is ticked.
 * Returns `update(results)`, which shows the counts of a results section (its facets, the
 * number of active filters, the button's label).
 */
export function wireFilters(form, { apply }) {
  const details = form.querySelector("#filters");
  const summary = details.querySelector("summary");
  const close = details.querySelector("#filters-close");
  const button = details.querySelector("#filters-apply");
  const status = details.querySelector("#filters-status");
  const badge = details.querySelector("#filters-badge");
  const phone = window.matchMedia("(max-width: 47.99rem)");
  const inert = []; // what the panel made inert, to give back
  let inPanel = false;
  let timer = null;
  let controller = null;

  form.classList.add("js-filters");

  function update(results) {
    const data = results.querySelector("#facets-data");
    if (data) {
      const facets = JSON.parse(data.textContent);
      for (const count of details.querySelectorAll("[data-facet]")) {
        const [group, key] = count.dataset.facet.split(":");
        count.textContent = facets[group]?.[key] ?? 0;
      }
    }
    badge.textContent = results.dataset.filtersLabel || "";
    badge.hidden = !badge.textContent;
    if (results.dataset.applyLabel) button.textContent = results.dataset.applyLabel;
  }

  // The page behind the panel can be neither read nor reached while the panel is open.
  function setOutsideInert(on) {
    if (!on) {
      for (const element of inert.splice(0)) element.inert = false;
      return;
    }
    for (let node = details; node.parentElement; node = node.parentElement) {
      for (const sibling of node.parentElement.children) {
        if (sibling !== node && !sibling.inert && sibling.tagName !== "SCRIPT") {
          sibling.inert = true;
          inert.push(sibling);
        }
      }
    }
  }

  function stopCounting() {
    clearTimeout(timer);
    controller?.abort();
    controller = null;
  }

  async function count() {
    controller?.abort();
    controller = new AbortController();
    const query = formQuery(form);
    let html;
    try {
      const response = await fetch(`${button.dataset.results}?${query}`, { signal: controller.signal });
      html = await response.text();
    } catch {
      return; // cancelled by a newer tick, or no answer: the button keeps its last count
    }
    const results = new DOMParser().parseFromString(html, "text/html").getElementById("results");
    if (!results || !inPanel) return;
    update(results);
    // Said once the ticking has paused, politely: not on every tick.
    status.textContent = results.dataset.summary;
  }

  function enter() {
    if (inPanel) return;
    inPanel = true;
    setOutsideInert(true);
    document.documentElement.classList.add("has-panel");
    status.textContent = "";
  }

  function leave({ keep }) {
    if (!inPanel) return;
    inPanel = false;
    stopCounting();
    setOutsideInert(false);
    document.documentElement.classList.remove("has-panel");
    if (!keep) {
      // The ticks, the counts and the badge of the search that is shown.
      fillFields(details.querySelectorAll("input[type=checkbox], select"), new URLSearchParams(location.search));
      update(document.getElementById("results"));
    }
  }

  function closePanel({ keep }) {
    leave({ keep });
    details.open = false;
    // Out of the panel that closes; once applied, the page moves it on to the results.
    summary.focus({ preventScroll: keep });
  }

  details.addEventListener("toggle", () => {
    if (details.open && phone.matches) enter();
    else if (!details.open) leave({ keep: false }); // the summary tapped
  });
  phone.addEventListener("change", () => {
    if (phone.matches && details.open) enter();
    else leave({ keep: false });
  });
  details.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && inPanel) {
      event.preventDefault();
      closePanel({ keep: false });
    }
  });
  close.addEventListener("click", () => closePanel({ keep: false }));
  form.addEventListener("submit", () => {
    if (inPanel) closePanel({ keep: true });
  });
  form.addEventListener("change", (event) => {
    if (!details.contains(event.target) || !event.target.matches("input[type=checkbox], select")) return;
    if (inPanel) {
      clearTimeout(timer);
      timer = setTimeout(count, COUNT_DELAY_MS);
    } else {
      apply();
    }
  });

  update(document.getElementById("results"));
  return { update };
}
