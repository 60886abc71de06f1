// The navigator's Web Worker: starts Pyodide (served from this site, never a CDN), loads the decision
// package (the same Python files pytest imports) and the partnership's compiled data, then answers each
// scenario with Assessor.assess_json. JSON strings in, JSON strings out; no decision logic here.
import { loadPyodide } from "../pyodide/pyodide.mjs";

let assess = null;

async function start({ zipUrl, dataUrl }) {
  const started = performance.now();
  const [pyodide, zip, data] = await Promise.all([
    loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href }),
    fetch(zipUrl).then((response) => {
      if (!response.ok) throw new Error(`${zipUrl}: ${response.status}`);
      return response.arrayBuffer();
    }),
    fetch(dataUrl).then((response) => {
      if (!response.ok) throw new Error(`${dataUrl}: ${response.status}`);
      return response.text();
    }),
  ]);
  pyodide.unpackArchive(new Uint8Array(zip), "zip", { extractDir: "/home/pyodide/navigator-lib" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/navigator-lib')");
  const Assessor = pyodide.runPython("from navigator.decision.api import Assessor\nAssessor");
  const assessor = Assessor(data);
  assess = assessor.assess_json;
  const versions = assessor.versions().toJs({ dict_converter: Object.fromEntries });
  return { versions, milliseconds: performance.now() - started };
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
    self.postMessage({ type: "result", id: message.id, result: assess(message.scenario) });
  }
};
