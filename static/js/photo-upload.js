// Photos chosen on a phone: each one shown with its own description field (required), in
// place of the single description that serves them all without JavaScript.

function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_, name) => values[name] ?? "");
}

export function enhancePhotoUpload({ fileInput, previews, singleAlt, strings }) {
  const single = singleAlt.querySelector("input");
  let urls = [];
  fileInput.addEventListener("change", () => {
    urls.forEach((url) => URL.revokeObjectURL(url));
    urls = [];
    const files = [...fileInput.files];
    previews.replaceChildren(...files.map((file, index) => {
      const url = URL.createObjectURL(file);
      urls.push(url);
      const id = `alt-new-${index}`;
      const image = Object.assign(document.createElement("img"), { src: url, alt: "" });
      const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: fill(strings.altFor, { name: file.name }) });
      const input = Object.assign(document.createElement("input"), { type: "text", name: "alt", id, maxLength: 250, required: true });
      const field = Object.assign(document.createElement("div"), { className: "field" });
      field.append(label, input);
      const row = Object.assign(document.createElement("div"), { className: "photo-preview" });
      row.append(image, field);
      return row;
    }));
    singleAlt.hidden = files.length > 0;
    single.disabled = files.length > 0;
  });
}
