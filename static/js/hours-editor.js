// An editor of opening hours for people: days and time ranges, months closed, public holidays.
// It writes the OpenStreetMap `opening_hours` syntax into the plain text field (which stays
// editable, and is all there is without JavaScript) and shows the result in words, as the
// server reads it (places/hours.py), in a live region.

export const DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

function expand(spec, names) {
  const out = [];
  for (const part of spec.split(",")) {
    const [from, to] = part.split("-");
    const start = names.indexOf(from);
    const end = to === undefined ? start : names.indexOf(to);
    if (start < 0 || end < 0 || end < start) return null;
    for (let i = start; i <= end; i += 1) out.push(names[i]);
  }
  return out;
}

function compress(indexes, names) {
  const runs = [];
  for (const index of indexes) {
    const last = runs.at(-1);
    if (last && index === last[1] + 1) last[1] = index;
    else runs.push([index, index]);
  }
  return runs
    .flatMap(([a, b]) => (b - a >= 2 ? [`${names[a]}-${names[b]}`] : b > a ? [names[a], names[b]] : [names[a]]))
    .join(",");
}

/** The editor's state of an `opening_hours` text, or null when it uses other rules. */
export function parseHours(text) {
  const state = { days: Object.fromEntries(DAYS.map((d) => [d, []])), holidaysClosed: false, closedMonths: new Set() };
  for (const rule of text.split(";").map((r) => r.trim()).filter(Boolean)) {
    if (rule === "PH off") {
      state.holidaysClosed = true;
      continue;
    }
    const months = rule.match(/^([A-Z][a-z]{2}(?:[-,][A-Z][a-z]{2})*) off$/);
    if (months) {
      const names = expand(months[1], MONTHS);
      if (!names) return null;
      names.forEach((m) => state.closedMonths.add(m));
      continue;
    }
    const days = rule.match(/^([A-Z][a-z](?:[-,][A-Z][a-z])*) (\S+)$/);
    if (!days) return null;
    const names = expand(days[1], DAYS);
    if (!names) return null;
    const ranges = [];
    for (const range of days[2].split(",")) {
      const [start, end, extra] = range.split("-");
      if (extra !== undefined || !TIME.test(start || "") || !TIME.test(end || "")) return null;
      ranges.push([start, end]);
    }
    names.forEach((d) => { state.days[d] = ranges.map((r) => [...r]); });
  }
  return state;
}

/** The `opening_hours` text of an editor's state (days with the same ranges grouped). */
export function formatHours(state) {
  const groups = new Map();
  DAYS.forEach((day, index) => {
    const ranges = state.days[day].filter(([a, b]) => TIME.test(a) && TIME.test(b));
    if (!ranges.length) return;
    const key = ranges.map(([a, b]) => `${a}-${b}`).join(",");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(index);
  });
  const rules = [...groups].map(([key, indexes]) => `${compress(indexes, DAYS)} ${key}`);
  const months = MONTHS.map((m, i) => (state.closedMonths.has(m) ? i : -1)).filter((i) => i >= 0);
  if (months.length) rules.push(`${compress(months, MONTHS)} off`);
  if (state.holidaysClosed) rules.push("PH off");
  return rules.join("; ");
}

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  for (const child of children) node.append(child);
  return node;
}

function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_, name) => values[name] ?? "");
}

/** Builds the editor in `container` for the text field `input`; `words` shows the result. */
export function enhanceHours({ input, container, words, url, strings }) {
  let state = parseHours(input.value) ?? null;
  let lastWritten = input.value;
  let timer = null;

  const showWords = async () => {
    try {
      const response = await fetch(`${url}?${new URLSearchParams({ h: input.value })}`, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const answer = await response.json();
      const nodes = [];
      if (!answer.valid) nodes.push(element("p", { className: "errors", textContent: answer.error }));
      else if (answer.empty) nodes.push(element("p", { className: "hint", textContent: strings.empty }));
      else {
        nodes.push(element("p", { className: "hours-words__title", textContent: strings.week }));
        nodes.push(element("ul", { className: "hours-words__week" }, answer.week.map((day) => element("li", {}, [
          element("strong", { textContent: day.label.charAt(0).toUpperCase() + day.label.slice(1) }), ` : ${day.words}`,
        ]))));
      }
      words.replaceChildren(...nodes);
    } catch {
      // Offline: the words shown stay those of the last answer; the field is still saved.
    }
  };
  const wordsSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(showWords, 350);
  };
  const write = () => {
    input.value = formatHours(state);
    lastWritten = input.value;
    wordsSoon();
  };

  const render = () => {
    container.hidden = false;
    if (state === null) {
      const restart = element("button", { type: "button", className: "button button--small", textContent: strings.restart });
      restart.addEventListener("click", () => {
        state = parseHours("");
        write();
        render();
      });
      container.replaceChildren(element("p", { className: "notice", textContent: strings.unsupported }), restart);
      return;
    }
    const children = [element("p", { className: "hint", textContent: strings.help })];
    DAYS.forEach((day, index) => children.push(dayEditor(day, index)));
    // Only from an open Monday: copying a closed one would silently close the whole week.
    const copy = element("button", { type: "button", className: "button button--small", textContent: strings.copyMonday, disabled: !state.days.Mo.length });
    copy.addEventListener("click", () => {
      for (const other of DAYS.slice(1, 5)) state.days[other] = state.days.Mo.map((r) => [...r]);
      write();
      render();
      container.querySelector("#hours-Tu-open")?.focus();
    });
    children.push(element("p", {}, [copy]));
    children.push(closings());
    container.replaceChildren(...children);
  };

  const dayEditor = (day, index) => {
    const name = strings.days[index];
    const ranges = state.days[day];
    const open = element("input", { type: "checkbox", id: `hours-${day}-open`, checked: ranges.length > 0 });
    open.addEventListener("change", () => {
      if (open.checked) {
        const previous = DAYS.slice(0, index).reverse().find((d) => state.days[d].length);
        state.days[day] = previous ? state.days[previous].map((r) => [...r]) : [["09:00", "18:00"]];
      } else {
        state.days[day] = [];
      }
      write();
      render();
      container.querySelector(`#hours-${day}-open`)?.focus();
    });
    const head = element("div", { className: "hours-day__head" }, [
      element("label", { htmlFor: open.id }, [open, name]),
    ]);
    if (!ranges.length) head.append(element("span", { className: "hours-day__closed", textContent: strings.closed }));
    const box = element("div", { className: "hours-day" }, [head]);
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", name);
    ranges.forEach((range, n) => {
      const row = element("div", { className: "hours-range" });
      ["from", "to"].forEach((end, side) => {
        const id = `hours-${day}-${n}-${end}`;
        const time = element("input", { type: "time", id, value: range[side], step: 300, required: true });
        time.addEventListener("change", () => {
          range[side] = time.value;
          write();
        });
        row.append(element("label", { htmlFor: id, textContent: strings[end] }), time);
        time.setAttribute("aria-label", fill(strings[`${end}Label`], { day: name, n: n + 1 }));
      });
      const remove = element("button", { type: "button", className: "button button--small" }, [
        strings.remove, element("span", { className: "visually-hidden", textContent: fill(strings.removeLabel, { day: name, n: n + 1 }) }),
      ]);
      remove.addEventListener("click", () => {
        ranges.splice(n, 1);
        write();
        render();
        container.querySelector(`#hours-${day}-open`)?.focus();
      });
      row.append(remove);
      box.append(row);
    });
    if (ranges.length) {
      const add = element("button", { type: "button", className: "link-button hours-day__add" }, [
        strings.add, element("span", { className: "visually-hidden", textContent: fill(strings.addLabel, { day: name }) }),
      ]);
      add.addEventListener("click", () => {
        const last = ranges.at(-1);
        ranges.push(last && last[1] < "14:00" ? ["14:00", "18:00"] : ["09:00", "12:00"]);
        write();
        render();
        container.querySelector(`#hours-${day}-${ranges.length - 1}-from`)?.focus();
      });
      box.append(add);
    }
    return box;
  };

  const closings = () => {
    const holidays = element("input", { type: "checkbox", id: "hours-ph", checked: state.holidaysClosed });
    holidays.addEventListener("change", () => {
      state.holidaysClosed = holidays.checked;
      write();
    });
    const months = element("div", { className: "hours-months" }, MONTHS.map((month, index) => {
      const box = element("input", { type: "checkbox", id: `hours-month-${month}`, checked: state.closedMonths.has(month) });
      box.addEventListener("change", () => {
        if (box.checked) state.closedMonths.add(month);
        else state.closedMonths.delete(month);
        write();
      });
      return element("label", { htmlFor: box.id }, [box, strings.months[index]]);
    }));
    return element("fieldset", { className: "hours-more" }, [
      element("legend", { textContent: strings.closings }),
      element("label", { className: "hours-check", htmlFor: holidays.id }, [holidays, strings.holidays]),
      element("p", { className: "hint", textContent: strings.monthsHelp }),
      months,
    ]);
  };

  // Typed by hand: the editor follows when it can read the text, and says so when not.
  input.addEventListener("input", () => {
    if (input.value === lastWritten) return;
    lastWritten = input.value;
    state = parseHours(input.value);
    render();
    wordsSoon();
  });
  render();
}
