// The navigator's form on screen: what makes a long list of indicators usable on a phone. It decides
// nothing and sends nothing. Built into the page's script before navigator.js (navigator/web/runtime.py
// `page_script`), after result.js; navigator.js calls `setUpForm` once the page is there.
//
// - Each domain folds (<details>, navigator_page.py `_domain`): closed on a phone, a short list of domain
//   names; open on a wide screen. Its summary says how many of its indicators are ticked.
// - "Your scenario" lists what is chosen, each with a button that takes it out again exactly as unticking
//   by hand would: the same change event navigator.js listens for.
// - The filters (words, level) only narrow the list on screen: their events never reach the scenario.
const WIDE_SCREEN = window.matchMedia("(min-width: 60em)"); // the form and the result side by side
let openBeforeFiltering = null; // the domains open when a filter was first set, opened again when cleared

function setUpForm(form) {
  if (WIDE_SCREEN.matches) for (const domain of form.querySelectorAll("details.nav-domain")) domain.open = true;
  const filters = form.querySelector(".nav-filter");
  filters?.addEventListener("input", () => applyFilters(form));
  filters?.addEventListener("change", (event) => event.stopPropagation()); // not the scenario: no assessment
  form.addEventListener("change", () => afterPaint(() => showChoices(form)));
  form.addEventListener("input", (event) => {
    if (event.target.type === "number") afterPaint(() => showChoices(form));
  });
  // Start again and a loaded scenario reset the form without change events; the reset is done just after.
  form.addEventListener("reset", () =>
    setTimeout(() => {
      applyFilters(form);
      showChoices(form);
    }),
  );
  window.addEventListener("beforeprint", () => {
    for (const domain of form.querySelectorAll("details.nav-domain")) {
      if (domain.querySelector("input:checked")) domain.open = true; // what was ticked is printed
    }
  });
  showChoices(form);
}

// ---- the folds' counts and "Your scenario" ------------------------------------------------------------
// Redrawn once the change's result has been painted, not with the change: the list sits above the long
// form, so redrawing it lays the whole form out again, and in the same frame as the result it held the
// result back (per change p95 4 ms before the list, 18 ms with it: docs/performance.md). A tab that is
// not shown paints nothing, so a timer stands in after 100 ms.
let choicesShown = null; // the list as last drawn: drawn again only when what is chosen changed
let paintPending = false;

function afterPaint(callback) {
  if (paintPending) return;
  paintPending = true;
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    paintPending = false;
    callback();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, 100);
}

function showChoices(form) {
  for (const domain of form.querySelectorAll("details.nav-domain")) {
    const ticked = domain.querySelectorAll('input[name="indicator"]:checked').length;
    const count = domain.querySelector(".nav-domain-count");
    if (count.textContent !== `— ${ticked} ticked`) count.textContent = `— ${ticked} ticked`;
  }
  const items = chosen(form);
  const drawn = items.map(({ input, text }) => `${input.name}\u0000${input.value}\u0000${text}`).join("\n");
  if (drawn === choicesShown) return;
  choicesShown = drawn;
  const list = document.getElementById("nav-scenario-list");
  list.replaceChildren(...items.map((choice, index) => scenarioItem(form, choice, index)));
  document.getElementById("nav-scenario-empty").hidden = list.children.length > 0;
}

function scenarioItem(form, { input, text, level }, index) {
  const remove = element("button", { type: "button", class: "nav-remove", "aria-label": `Remove: ${text}` }, "Remove");
  remove.addEventListener("click", () => removeChoice(form, input, index));
  const badge = level ? element("span", { class: "indicator-level" }, level) : "";
  return element("li", {}, element("span", { class: "nav-scenario-text" }, badge, " ", text), " ", remove);
}

// What is chosen, in the form's order: urgent flags, answers, indicators, consent and work so far.
function chosen(form) {
  const items = [];
  for (const input of form.querySelectorAll("input[data-flag], input[data-answer], input[name='indicator']")) {
    if (input.type === "number") {
      const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
      if (input.value !== "") items.push({ input, text: `${label.textContent}: ${input.value}` });
    } else if (input.type === "radio") {
      const legend = input.closest("fieldset").querySelector("legend");
      if (input.checked && input.value) {
        items.push({ input, text: `${legend.textContent}: ${input.parentElement.textContent.trim()}` });
      }
    } else if (input.checked) {
      const label = input.closest("label");
      const text = label.querySelector(".indicator-text")?.textContent ?? label.textContent.trim();
      items.push({ input, text, level: label.querySelector(".indicator-level")?.textContent });
    }
  }
  return items;
}

// Take one choice out as a person would: untick, back to "Not stated", or empty; then keep the focus in
// the list (the next item, else the last, else the list's heading).
function removeChoice(form, input, index) {
  let changed = input;
  if (input.type === "number") input.value = "";
  else if (input.type === "radio") {
    changed = form.querySelector(`input[type="radio"][name="${CSS.escape(input.name)}"][value=""]`);
    changed.checked = true;
  } else input.checked = false;
  changed.dispatchEvent(new Event("change", { bubbles: true }));
  showChoices(form); // at once, to move the focus within the new list (the redraw after paint then skips)
  const buttons = document.querySelectorAll("#nav-scenario-list button");
  (buttons[Math.min(index, buttons.length - 1)] || document.getElementById("nav-scenario-title")).focus();
}

// ---- the filters -------------------------------------------------------------------------------------------
function applyFilters(form) {
  const words = document.getElementById("nav-filter")?.value.trim().toLocaleLowerCase("en-GB") || "";
  const level = document.getElementById("nav-level-filter")?.value || "";
  const domains = [...form.querySelectorAll("details.nav-domain")];
  const filtering = Boolean(words || level);
  if (filtering && openBeforeFiltering === null) openBeforeFiltering = domains.filter((domain) => domain.open);
  let shown = 0;
  for (const label of form.querySelectorAll("label.indicator")) {
    const match = label.dataset.text.includes(words) && (!level || label.dataset.level === level);
    label.hidden = !match;
    if (match) shown += 1;
  }
  for (const domain of domains) {
    domain.hidden = !domain.querySelector("label.indicator:not([hidden])");
    if (filtering) domain.open = !domain.hidden; // open where something matches
    else if (openBeforeFiltering !== null) domain.open = openBeforeFiltering.includes(domain);
  }
  if (!filtering) openBeforeFiltering = null;
  const count = document.getElementById("nav-filter-count");
  if (count) count.textContent = filtering ? `${shown} ${shown === 1 ? "indicator" : "indicators"} shown` : "";
}
