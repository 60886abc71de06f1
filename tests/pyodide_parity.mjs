// Runs the decision module under Pyodide in Node (the npm package in node_modules), so
// tests/test_pyodide_parity.py can compare its JSON byte for byte with CPython's.
//
// Usage: node tests/pyodide_parity.mjs INPUT.json
//   INPUT.json: {"zip_path": ..., "catalogue_path": ..., "scenarios": [<scenario JSON string>, ...]}
// Prints one JSON object on stdout: {"python": sys.version, "results": [<assess_json string>, ...]}.
// Everything else (Pyodide's own messages, Python's print) goes to stderr; any failure exits 1.

import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const repository = new URL("../", import.meta.url);
const pyodideURL = new URL("node_modules/pyodide/", repository);
const pyodideFolder = fileURLToPath(pyodideURL);
const LIBRARY = "/home/pyodide/lib";

function fail(message) {
  process.stderr.write(`pyodide_parity: ${message}\n`);
  process.exit(1);
}

async function main() {
  const inputPath = process.argv[2];
  if (!inputPath) {
    fail("usage: node tests/pyodide_parity.mjs INPUT.json");
  }
  const input = JSON.parse(await readFile(inputPath, "utf8"));
  for (const key of ["zip_path", "catalogue_path", "scenarios"]) {
    if (!(key in input)) {
      fail(`${inputPath} has no ${JSON.stringify(key)}`);
    }
  }
  if (!Array.isArray(input.scenarios) || !input.scenarios.every((s) => typeof s === "string")) {
    fail("scenarios must be a list of JSON strings");
  }
  const zip = await readFile(input.zip_path);
  const catalogue = await readFile(input.catalogue_path, "utf8");

  // Keep stdout for the result alone: anything logged while Pyodide starts goes to stderr.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  let pyodide;
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
    pyodide = await loadPyodide({
      indexURL: pyodideFolder,
      stdout: (line) => process.stderr.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    console.log = log;
  }

  pyodide.unpackArchive(new Uint8Array(zip), "zip", { extractDir: LIBRARY });
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(LIBRARY)})`);
  const python = pyodide.runPython("import sys\nsys.version");
  const Assessor = pyodide.runPython("from navigator.decision.api import Assessor\nAssessor");
  const assessor = Assessor(catalogue);
  const results = input.scenarios.map((scenario) => assessor.assess_json(scenario));
  assessor.destroy();
  Assessor.destroy();

  // Exit once the result is flushed, so nothing Pyodide leaves pending can hold the process open.
  process.stdout.write(`${JSON.stringify({ python, results })}\n`, () => process.exit(0));
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
