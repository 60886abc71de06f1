// The navigator page's glue: reads the form, sends the scenario (a JSON string) to the worker and shows the
// assessment the Python decision module returns. It decides nothing itself. Nothing is sent anywhere: the
// worker runs in this tab, a shared scenario lives only in the link's #fragment, a saved one only in a file.
//
// The script is loaded `async` from the page's <head>, so the worker (and Python) starts while the page is
// still being parsed; everything that touches the form waits for the document and init() (`page`).
const script = document.querySelector("script[data-runtime]");
const base = new URL(".", import.meta.url); // the runtime's names are relative to this folder
const names = JSON.parse(script.dataset.runtime); // this build's runtime files (worker.js `addresses`)
const SAVED_FORMAT = "threshold-navigator-scenario";
const page = new Promise((resolve) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve, { once: true });
  else resolve();
}).then(() => init());
let root, form, status, body, message, partnership, pageVersion;

let worker = null;
let latest = 0;
let dataVersion = null;

// ---- the scenario ----------------------------------------------------------------------------------------
function scenario() {
  const chosen = (name) => form.querySelector(`input[name="${CSS.escape(name)}"]:checked`);
  const areaInput = form.querySelector('input[name="area"][type="hidden"]') || chosen("area");
  const flags = {};
  for (const box of form.querySelectorAll('input[type="checkbox"][data-flag]')) {
    if (box.checked) flags[box.dataset.flag] = true;
  }
  for (const radio of form.querySelectorAll('input[type="radio"][data-flag]:checked')) {
    if (radio.value) flags[radio.dataset.flag] = radio.value;
  }
  const answers = {};
  for (const input of form.querySelectorAll("input[data-answer]")) {
    const id = input.dataset.answer;
    if (input.type === "number" && input.value !== "" && Number.isInteger(Number(input.value))) {
      answers[id] = Number(input.value);
    } else if (input.type === "radio" && input.checked && input.value) {
      answers[id] = input.value === "true" ? true : input.value === "false" ? false : input.value;
    }
  }
  const indicators = [...form.querySelectorAll('input[name="indicator"]:checked')].map((box) => box.value);
  const result = { partnership, indicators, answers, flags };
  if (areaInput && areaInput.value) result.area = areaInput.value;
  return result;
}

function applyScenario(saved) {
  form.reset();
  const missing = [];
  for (const id of saved.indicators || []) {
    const box = form.querySelector(`input[name="indicator"][value="${CSS.escape(id)}"]`);
    if (box) box.checked = true;
    else missing.push(id);
  }
  if (saved.area) {
    const area = form.querySelector(`input[name="area"][value="${CSS.escape(saved.area)}"]`);
    if (area) area.checked = true;
  }
  for (const [flag, value] of Object.entries(saved.flags || {})) {
    const input =
      value === true
        ? form.querySelector(`input[type="checkbox"][data-flag="${CSS.escape(flag)}"]`)
        : form.querySelector(`input[data-flag="${CSS.escape(flag)}"][value="${CSS.escape(String(value))}"]`);
    if (input) input.checked = true;
  }
  for (const [id, value] of Object.entries(saved.answers || {})) {
    const number = form.querySelector(`input[type="number"][data-answer="${CSS.escape(id)}"]`);
    if (number) number.value = String(value);
    const radio = form.querySelector(`input[data-answer="${CSS.escape(id)}"][value="${CSS.escape(String(value))}"]`);
    if (radio) radio.checked = true;
  }
  return missing;
}

// ---- talking to the worker ------------------------------------------------------------------------------
// Sent as soon as the form can be read, before the runtime has started: the worker answers the latest
// scenario it was sent the moment Python is ready, with no round trip through this page first.
function request() {
  if (worker === null || root.dataset.state === "failed") return;
  latest += 1;
  const current = { ...scenario(), now: new Date().toISOString() };
  worker.postMessage({ type: "assess", id: latest, scenario: JSON.stringify(current) });
}

function fail(reason) {
  page.then(() => failed(reason));
}

function failed(reason) {
  if (worker) worker.terminate();
  body.replaceChildren();
  status.textContent = "The navigator could not start, so no suggestion is shown.";
  document.getElementById("nav-failed").hidden = false;
  root.dataset.state = "failed";
  root.dataset.failure = reason;
  document.dispatchEvent(new Event("navigator-started"));
}

// Once the runtime has started, ask the site's service worker (sw.js) to keep the navigator's files, so
// the next visit works offline. The files come from this browser's cache; nothing leaves the device.
function keepForOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (data && data.type === "navigator-cached") primeCodeCache(data.stored || []);
  });
  navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: "cache-navigator", partnership }),
  );
}

// When the service worker has just kept Pyodide's scripts, a spare worker imports them from its copy once
// (worker.js `prime`), so the browser keeps their compiled code for the next visit: without this only
// the visit after next would start from it (docs/performance.md). The page's data-primed says how it went;
// a runtime with `prime: false` does not prime (the benchmark's lever).
const PRIME_GIVES_UP_MS = 20000;

function primeCodeCache(stored) {
  const module = new URL(`${names.pyodide}pyodide.asm.mjs`, base).href;
  if (names.prime === false || !stored.includes(module) || root.dataset.primed) return;
  if (!navigator.serviceWorker.controller) {
    root.dataset.primed = "not controlled"; // its imports would not come from the service worker's copy
    return;
  }
  root.dataset.primed = "priming";
  const spare = new Worker(new URL(names.worker, base), { type: "module" });
  const end = (how) => {
    spare.terminate();
    clearTimeout(timer);
    root.dataset.primed = how;
  };
  const timer = setTimeout(() => end("gave up"), PRIME_GIVES_UP_MS);
  spare.onerror = () => end("failed");
  spare.onmessage = ({ data }) => end(data.type === "primed" ? "primed" : "failed");
  spare.postMessage({ type: "prime", runtime: names });
}

function start() {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    fail("no WebAssembly or Web Workers");
    return;
  }
  // The build names the exact runtime files of this page, the worker's own script among them (a digest in
  // each name); the worker resolves them against its folder. They are the worker's name, which it has from
  // its first moment, so it starts Python at once, without waiting for a message from this page
  // (worker.js `launch`).
  worker = new Worker(new URL(names.worker, base), { type: "module", name: script.dataset.runtime });
  performance.mark("navigator-worker-started");
  const timer = setTimeout(() => fail("the runtime did not start within 60 seconds"), 60000);
  worker.onerror = (event) => {
    clearTimeout(timer);
    fail(event.message || "the worker stopped");
  };
  worker.onmessage = ({ data }) => page.then(() => receive(data, timer));
}

function receive(data, timer) {
  if (data.type === "ready") {
    clearTimeout(timer);
    dataVersion = data.versions[partnership];
    root.dataset.state = "ready";
    status.textContent = `Ready (version ${dataVersion}). The suggestion updates as you choose.`;
    root.dataset.started = data.how;
    root.dataset.snapshot = data.snapshot || ""; // how the worker read it (worker.js `start`)
    root.dataset.startPhases = JSON.stringify(data.phases);
    performance.mark("navigator-ready");
    if (latest === 0) request();
    document.dispatchEvent(new Event("navigator-started")); // handbook.js registers the service worker now
    keepForOffline();
  } else if (data.type === "practised") {
    // The worker's practice after the first suggestion (worker.js `practise`), for the tests and benchmark.
    const { scenarios, spaced, settled } = data;
    root.dataset.practised = JSON.stringify({ scenarios, spaced, settled });
  } else if (data.type === "failed") {
    clearTimeout(timer);
    fail(data.message);
  } else if (data.type === "result" && data.id === latest) {
    const reply = JSON.parse(data.result);
    dataVersion = render(body, reply, pageVersion) ?? dataVersion;
    summarise(reply, scenario()); // result.js: the phone's bar and the one-line live message
    root.dataset.shown = String(data.id);
    root.dataset.assessMs = data.milliseconds.toFixed(2);
    const first = performance.getEntriesByName("navigator-first-result").length === 0;
    if (first) performance.mark("navigator-first-result");
  }
}

// ---- save, load, share, print --------------------------------------------------------------------------
function versionInUse() {
  return dataVersion || pageVersion;
}

function saved() {
  return { format: SAVED_FORMAT, partnership, thresholds_version: versionInUse(), scenario: scenario() };
}

function load(data, how) {
  if (!data || data.format !== SAVED_FORMAT || data.partnership !== partnership || !data.scenario) {
    message.textContent = `That ${how} is not a scenario for this partnership's navigator; nothing was changed.`;
    return;
  }
  const missing = applyScenario(data.scenario);
  const notes = [];
  if (data.thresholds_version !== versionInUse()) {
    notes.push(`It was saved under version ${data.thresholds_version}; this page uses version ${versionInUse()}.`);
  }
  if (missing.length) notes.push(`These indicators no longer exist and were left out: ${missing.join(", ")}.`);
  message.textContent = `Scenario loaded from the ${how}. ${notes.join(" ")}`.trim();
  request();
}

function fromFragment() {
  const match = location.hash.match(/^#scenario=(.+)$/);
  if (!match) return;
  try {
    load(JSON.parse(decodeURIComponent(match[1])), "link");
  } catch {
    message.textContent = "The link's scenario could not be read; nothing was changed.";
  }
}

function init() {
  root = document.getElementById("navigator");
  form = document.getElementById("nav-form");
  status = document.getElementById("nav-status");
  body = document.getElementById("nav-result-body");
  message = document.getElementById("nav-tools-message");
  partnership = form.dataset.partnership;
  pageVersion = form.dataset.version;
  form.addEventListener("change", request);
  form.addEventListener("input", (event) => {
    if (event.target.type === "number") request();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  setUpForm(form); // form.js: the folds, the filters and the scenario list
  setUpResultDialog(); // result.js: the full result over the form, from the phone's bar
  document.getElementById("nav-print").addEventListener("click", () => window.print());
  document.getElementById("nav-save").addEventListener("click", () => {
    const file = new Blob([JSON.stringify(saved(), null, 2)], { type: "application/json" });
    const link = element("a", { href: URL.createObjectURL(file), download: `${partnership}-scenario.json` });
    link.click();
    URL.revokeObjectURL(link.href);
    message.textContent = "Scenario saved as a file on this device.";
  });
  document.getElementById("nav-load").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    if (!file) return;
    try {
      load(JSON.parse(await file.text()), "file");
    } catch {
      message.textContent = "That file could not be read as a saved scenario; nothing was changed.";
    }
    event.target.value = "";
  });
  document.getElementById("nav-share").addEventListener("click", async () => {
    const fragment = `#scenario=${encodeURIComponent(JSON.stringify(saved()))}`;
    history.replaceState(null, "", fragment);
    try {
      await navigator.clipboard.writeText(location.href);
      message.textContent = "Link copied. The scenario is only in the part after #, which browsers never send.";
    } catch {
      message.textContent = "The address bar now holds a link to this scenario (after the #, never sent).";
    }
  });
  document.getElementById("nav-clear").addEventListener("click", () => {
    form.reset();
    history.replaceState(null, "", location.pathname);
    message.textContent = "Started again.";
    request();
  });
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
  if (latest === 0) request();
}

start();
