// The navigator's Web Worker: starts Pyodide (served from this site, never a CDN), loads the decision
// package (the same Python files pytest imports) and the partnership's compiled data, then answers each
// scenario with Assessor.assess_json. JSON strings in, JSON strings out; no decision logic here.
//
// Start-up restores the build's memory snapshot (Python with the decision package already imported, see
// navigator/web/runtime.py), mounting the standard library zip the build made for it (empty: every module
// needed is already imported) and giving Pyodide the lock file's info, so nothing else is fetched. If the
// snapshot cannot be restored, it starts Python the plain way and says so. The page names every file
// (`runtime`, the page's data-runtime) as this worker's name or in a start message (`launch`); a null
// snapshot or lock asks for the plain way; `precompile`, `inflateAtOnce` (read the snapshot at once; the
// name is older than the form, which has nothing to inflate), `practice` and `spacedPractice` switch the
// levers below (the benchmark measures each). A spare worker may be sent {type: "prime"} instead (`prime`).
const LIBRARY = "/home/pyodide/navigator-lib";

let assess = null;
let pending = null; // the page's latest scenario, sent before Python had started
let practice = () => []; // navigator/decision/warm_up.py: assessed, and thrown away, after "ready"
let spacedPractice = true; // the second part of the practice (`practise`)
let afterFirst = () => undefined; // start-up's last steps, done once the first suggestion is sent (`start`)
// `unpack` and `watched` (the snapshot's reader) come from snapshot_reader.js, joined before this file.

async function fetched(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

// Pyodide's two modules, from this site: its loader and its module factory.
async function importPyodide(runtime) {
  const [{ loadPyodide }, { default: factory }] = await Promise.all([
    import(`${runtime.pyodide}pyodide.mjs`),
    import(`${runtime.pyodide}pyodide.asm.mjs`),
  ]);
  return { loadPyodide, factory };
}

async function startPython({ loadPyodide, factory }, runtime, snapshot, phase) {
  const plain = { indexURL: runtime.pyodide, ...(runtime.lock ? { lockFileContents: runtime.lock } : {}) };
  if (!snapshot) return { pyodide: await loadPyodide(plain), how: "plain" };
  const filled = snapshot.filled.then((source) => (phase(`snapshot ${source}`), source));
  const compiling = () => (phase("wasm asked for"), snapshot.compiling());
  try {
    const pyodide = await loadPyodide({
      ...plain,
      stdLibURL: runtime.stdlib,
      createPyodideModule: watched(factory, { compiling, instantiated: snapshot.instantiated }, phase),
      _loadSnapshot: snapshot.memory,
      fsInit: () => filled.catch(() => undefined),
    });
    return { pyodide, how: "snapshot", snapshot: await filled };
  } catch (error) {
    snapshot.compiling(); // if Pyodide failed before asking for its wasm
    snapshot.giveUp(); // or before instantiating it
    // The unpacking's own failure says more than Pyodide refusing the half-written memory, unless it only
    // stopped waiting for the wasm Pyodide never instantiated.
    const cause = await filled.then(
      () => error,
      (failure) => (failure === snapshot.stopped ? error : failure),
    );
    const reason = String(cause && cause.message ? cause.message : cause);
    return { pyodide: await loadPyodide(plain), how: `plain (the snapshot could not be used: ${reason})` };
  }
}

// The page passes the build's names (relative to this folder, assets/navigator/): make them addresses.
function addresses(names) {
  const runtime = { ...names };
  for (const key of ["pyodide", "snapshot", "stdlib", "decision", "data"]) {
    if (runtime[key]) runtime[key] = new URL(runtime[key], import.meta.url).href;
  }
  return runtime;
}

async function start({ runtime: names }) {
  const runtime = addresses(names);
  const started = performance.now();
  const phases = {};
  const phase = (name) => (phases[name] = Math.round(performance.now() - started));
  // A second compile of the wasm, started at once beside Pyodide's own (which starts once its module is
  // imported), was measured slower on 2 cores (`make bench`, docs/performance.md): off unless asked for.
  if (runtime.precompile === true) {
    WebAssembly.compileStreaming(fetch(`${runtime.pyodide}pyodide.asm.wasm`)).catch(() => null);
  }
  let snapshot = null;
  if (runtime.snapshot) {
    let compiling;
    const asked = new Promise((resolve) => (compiling = resolve));
    snapshot = { ...unpack(runtime.snapshot, runtime.inflateAtOnce === true ? null : asked), compiling };
  }
  const zip = fetched(runtime.decision, "bytes");
  const data = fetched(runtime.data, "text");
  const modules = await importPyodide(runtime);
  phase("Pyodide imported");
  const { pyodide, how, snapshot: source } = await startPython(modules, runtime, snapshot, phase);
  phase("Python started");
  // The package's files: the plain start imports them; a restored snapshot has imported them already, so
  // they are written after the first suggestion (`afterFirst`), for tracebacks and any later import.
  const archive = new Uint8Array(await zip);
  const files = () => {
    pyodide.unpackArchive(archive, "zip", { extractDir: LIBRARY });
    pyodide.runPython(`import sys\nif ${JSON.stringify(LIBRARY)} not in sys.path: sys.path.insert(0, ${JSON.stringify(LIBRARY)})`);
  };
  if (how !== "snapshot") files();
  const Assessor = pyodide.runPython("from navigator.decision.api import Assessor\nAssessor");
  phase("decision package imported");
  const assessor = Assessor(await data);
  // After the first suggestion: the files (above), then everything made so far, which lives as long as
  // the worker, is kept out of the garbage collector's scans, so a collection during an assessment is
  // short (the 95th-percentile round trip).
  afterFirst = () => {
    if (how === "snapshot") files();
    pyodide.runPython("import gc\ngc.freeze()");
  };
  assess = assessor.assess_json;
  const versions = assessor.versions().toJs({ dict_converter: Object.fromEntries });
  spacedPractice = runtime.spacedPractice !== false;
  if (runtime.practice !== false) {
    // Made after "ready" (practise), not here: nothing before the first suggestion waits for it.
    const now = () => new Date().toISOString();
    practice = () => Object.keys(versions).flatMap((id) => assessor.warm_up_scenarios(id, now()).toJs());
  }
  phase("data loaded");
  return { versions, how, snapshot: source, phases, milliseconds: performance.now() - started };
}

function answer(message) {
  const started = performance.now();
  const result = assess(message.scenario);
  self.postMessage({ type: "result", id: message.id, result, milliseconds: performance.now() - started });
}

// Practice, in two parts. First each scenario in turn, one per task (so a scenario from the page waits
// for one at most): Pyodide's wasm functions on each path are compiled. Then one scenario every SPACED_MS
// until SETTLED of them in a row take under SLOW times the fastest practice: V8 compiles the busiest
// functions again in the background, guessing from the practice which functions each call reaches, and
// the first call to reach the new code may find a guess wrong and go back (a "deopt", about 5 to 10 ms
// of Python instead of 1). Those first calls are practice, not a person's tick (docs/performance.md).
const SPACED_MS = 200;
const SETTLED = 5;
const SLOW = 4;
const MOST_SPACED = 50;

function practise(scenarios, settle, state = { at: 0, fastest: Infinity, quick: 0, spaced: 0 }) {
  const report = (settled) => settle({ scenarios: scenarios.length, spaced: state.spaced, settled });
  if (scenarios.length === 0) {
    report(false);
    return;
  }
  const started = performance.now();
  assess(scenarios[state.at % scenarios.length]);
  const milliseconds = performance.now() - started;
  if (state.at >= scenarios.length) {
    state.spaced += 1;
    state.quick = milliseconds < SLOW * state.fastest ? state.quick + 1 : 0;
  }
  state.fastest = Math.min(state.fastest, milliseconds);
  state.at += 1;
  if (state.at < scenarios.length) setTimeout(practise, 0, scenarios, settle, state);
  else if (spacedPractice && state.quick < SETTLED && state.spaced < MOST_SPACED) {
    setTimeout(practise, SPACED_MS, scenarios, settle, state);
  } else report(state.quick >= SETTLED);
}

// Starts Python once, whoever asks first: the navigator page gives the runtime as this worker's name, so
// the start does not wait for the page's first message (which waits for the page's own busy thread); a
// page may send {type: "start", runtime} instead. (Not the address's #fragment: a worker served from the
// service worker's copy has the copy's address, without it.)
let starting = null;
function launch(names) {
  if (starting !== null) return starting;
  starting = (async () => {
    let ready;
    try {
      ready = { type: "ready", ...(await start({ runtime: names })) };
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
      return;
    }
    self.postMessage(ready);
    if (pending !== null) answer(pending);
    pending = null;
    try {
      afterFirst();
    } catch {
      // the files are for tracebacks, and gc.freeze() for speed: the answers do not depend on either
    }
    const practised = (report) => self.postMessage({ type: "practised", ...report });
    setTimeout(() => practise(practice(), practised), 0);
  })();
  return starting;
}

// A spare worker's errand, once the site's service worker has just kept Pyodide's scripts: import them
// from that copy and run Pyodide's module until it asks for its wasm, then stop. The browser compiles a
// script it takes from the service worker's cache for the first time and keeps the compiled code with
// it, so the next visit's worker starts from that code (docs/performance.md). No Python starts here.
const PRIMED_AFTER_MS = 200; // time for the browser to write its code cache before the page ends this

async function prime(names) {
  const runtime = addresses(names);
  const { loadPyodide, factory } = await importPyodide(runtime);
  await new Promise((asked, failed) => {
    const stopAtWasm = (settings) => {
      settings.instantiateWasm = () => (asked(), {}); // never instantiated: the worker ends here
      return factory(settings);
    };
    // The files a start asks for before the wasm: the kept ones the navigator's own worker asks for.
    const kept = { indexURL: runtime.pyodide, stdLibURL: runtime.stdlib, lockFileContents: runtime.lock };
    loadPyodide({ ...kept, createPyodideModule: stopAtWasm }).catch(failed);
  });
  setTimeout(() => self.postMessage({ type: "primed" }), PRIMED_AFTER_MS);
}

if (self.name) launch(JSON.parse(self.name));

self.onmessage = ({ data: message }) => {
  if (message.type === "start") launch(message.runtime);
  else if (message.type === "assess") {
    if (assess === null) pending = message;
    else answer(message);
  } else if (message.type === "prime") {
    prime(message.runtime).catch((error) => self.postMessage({ type: "failed", message: String(error) }));
  }
};
