// The navigator's Web Worker: starts Pyodide (served from this site, never a CDN), loads the decision
// package (the same Python files pytest imports) and the partnership's compiled data, then answers each
// scenario with Assessor.assess_json. JSON strings in, JSON strings out; no decision logic here.
//
// Start-up restores the build's memory snapshot (Python with the decision package already imported, see
// navigator/web/runtime.py), mounting the standard library zip the build made for it (empty: every module
// needed is already imported) and giving Pyodide the lock file's info, so nothing else is fetched. If the snapshot cannot be restored, it starts Python the
// plain way and says so. The page's start message names every file (`runtime`, the page's data-runtime);
// a null snapshot or lock asks for the plain way (the benchmark measures each).
const LIBRARY = "/home/pyodide/navigator-lib";

let assess = null;

async function fetched(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

// The snapshot is stored gzip-compressed (navigator/web/runtime.py `compressed`): inflate it as it arrives.
async function inflated(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const memory = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(memory).arrayBuffer());
}

async function startPython(loadPyodide, runtime) {
  const plain = { indexURL: runtime.pyodide, ...(runtime.lock ? { lockFileContents: runtime.lock } : {}) };
  if (!runtime.snapshot) return { pyodide: await loadPyodide(plain), how: "plain" };
  try {
    const pyodide = await loadPyodide({
      ...plain,
      stdLibURL: runtime.stdlib,
      _loadSnapshot: inflated(runtime.snapshot),
    });
    return { pyodide, how: "snapshot" };
  } catch (error) {
    const reason = String(error && error.message ? error.message : error);
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
  // Compiling the wasm while the snapshot downloads (Pyodide compiles only once it has the snapshot) was
  // measured slower on 2 cores (`make bench`, docs/performance.md), so it is off unless asked for.
  if (runtime.precompile === true) {
    WebAssembly.compileStreaming(fetch(`${runtime.pyodide}pyodide.asm.wasm`)).catch(() => null);
  }
  const zip = fetched(runtime.decision, "bytes");
  const data = fetched(runtime.data, "text");
  const { loadPyodide } = await import(`${runtime.pyodide}pyodide.mjs`);
  phase("pyodide.mjs imported");
  const { pyodide, how } = await startPython(loadPyodide, runtime);
  phase("Python started");
  pyodide.unpackArchive(new Uint8Array(await zip), "zip", { extractDir: LIBRARY });
  pyodide.runPython(`import sys\nif ${JSON.stringify(LIBRARY)} not in sys.path: sys.path.insert(0, ${JSON.stringify(LIBRARY)})`);
  const Assessor = pyodide.runPython("from navigator.decision.api import Assessor\nAssessor");
  phase("decision package imported");
  const assessor = Assessor(await data);
  // Everything made so far lives as long as the worker: keep it out of the garbage collector's scans, so
  // a collection during an assessment is short (the 95th-percentile round trip).
  pyodide.runPython("import gc\ngc.freeze()");
  assess = assessor.assess_json;
  const versions = assessor.versions().toJs({ dict_converter: Object.fromEntries });
  phase("data loaded");
  return { versions, how, phases, milliseconds: performance.now() - started };
}

self.onmessage = async ({ data: message }) => {
  if (message.type === "start") {
    try {
      self.postMessage({ type: "ready", ...(await start(message)) });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
    }
  } else if (message.type === "assess") {
    if (assess === null) return;
    const started = performance.now();
    const result = assess(message.scenario);
    self.postMessage({ type: "result", id: message.id, result, milliseconds: performance.now() - started });
  }
};
