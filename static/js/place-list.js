// The list page: "autour de moi" and filters that apply when ticked.
import { wireAutoApply, wireGeolocation } from "./search-form.js";

const form = document.getElementById("search-form");
wireGeolocation(form);
wireAutoApply(form);
