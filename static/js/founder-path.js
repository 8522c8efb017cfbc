// The founder's path: "autour de moi" for the mentor places, and printing one stage's checklist.
import { wireGeolocation } from "./search-form.js";

const form = document.querySelector(".mentors__form");
if (form) wireGeolocation(form);

// Printing one stage: the print stylesheet shows only the stage marked for printing.
for (const button of document.querySelectorAll(".print-stage")) {
  button.hidden = false;
  button.addEventListener("click", () => {
    const stage = document.getElementById(`etape-${button.dataset.stage}`);
    document.body.classList.add("printing-one");
    stage.classList.add("stage--printing");
    window.addEventListener("afterprint", () => {
      document.body.classList.remove("printing-one");
      stage.classList.remove("stage--printing");
    }, { once: true });
    window.print();
  });
}
