// Builds the navigator's Pyodide memory snapshot at build time, in Node, from the npm `pyodide` package the
// site ships. The browser restores it instead of starting Python and importing the decision package, which
// is most of the start-up time.
//
// Usage: node navigator/web/snapshot.mjs INPUT.json
//   INPUT.json: {"pyodide": folder, "zip_path": the decision package zip, "warm_up": [{"catalogue": JSON
//                string, "scenarios": [scenario JSON strings]}], "snapshot_path": where to write it}
// Prints one JSON object on stdout: {"stdlib": [names of python_stdlib.zip members the snapshot imported],
// "python": sys.version}. Any failure exits 1 with the reason on stderr.
//
// What the snapshot holds: the interpreter with the decision package (the very files pytest imports, from
// the zip) imported and every code path warmed up by the golden scenarios, so lazily imported standard
// modules are in too. It holds no partnership data (the worker loads that at run time) and no JavaScript
// object (Pyodide refuses to snapshot those). Free memory is zeroed first (`zeroFreeMemory`), so it is left
// out of the shipped file (navigator/web/snapshot_form.py).

import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const LIBRARY = "/home/pyodide/navigator-lib";

function fail(message) {
  process.stderr.write(`snapshot: ${message}\n`);
  process.exit(1);
}

const PREPARE = `
import sys
sys.path.insert(0, ${JSON.stringify(LIBRARY)})
import importlib, pkgutil
import navigator.decision
for _module in pkgutil.walk_packages(navigator.decision.__path__, "navigator.decision."):
    importlib.import_module(_module.name)
from navigator.decision.api import Assessor
`;

const WARM_UP = `
import json
for _case in json.loads(_warm_up):
    _assessor = Assessor(_case["catalogue"])
    for _scenario in _case["scenarios"]:
        json.loads(_assessor.assess_json(_scenario))
`;

// Drop the zip directory cache (its offsets belong to the full standard library zip, the browser mounts a
// smaller one), collect, and report which standard library files were imported.
const FINISH = `
import gc, zipimport
for _name in ("_case", "_assessor", "_scenario", "_warm_up", "_module"):
    globals().pop(_name, None)
gc.collect()
zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
gc.collect()
_STDLIB = "/lib/python314.zip/"
_members = set()
for _mod in list(sys.modules.values()):
    _file = getattr(_mod, "__file__", None) or ""
    if _file.startswith(_STDLIB):
        _members.add(_file[len(_STDLIB):])
_report = json.dumps({"stdlib": sorted(_members), "python": sys.version})
del _members, _mod, _file
`;

// Zero the memory that is free (what Python freed while starting and warming up, and the heap's unused
// top): the allocator leaves old bytes there, which the snapshot would carry for nothing. Every free block
// below the heap's end is taken with malloc, largest first, zeroed, and given back. A malloc that finds no
// free block below the end grows the heap by about its size and the allocator's 64 KB step, so only sizes
// that keep that within the wasm's memory are tried: the memory never grows, and the snapshot is restored
// into the memory the wasm starts with. (This replaced allocating 1 MB of Python bytearrays of each of
// seven sizes, which reached fewer free blocks: 8.0 MB shipped instead of 8.4 MB, 4% less as brotli.)
function zeroFreeMemory(module) {
  const end = module._sbrk(0) >>> 0;
  const taken = [];
  for (let size = 1 << 20; size >= 16; size >>= 1) {
    if (end + size + (1 << 17) > module.HEAPU8.length) continue;
    for (;;) {
      const block = module._malloc(size) >>> 0;
      if (block === 0 || block + size > end) {
        if (block !== 0) module._free(block);
        break;
      }
      module.HEAPU8.fill(0, block, block + size);
      taken.push(block);
    }
  }
  for (const block of taken) module._free(block);
}

async function main() {
  const inputPath = process.argv[2];
  if (!inputPath) fail("usage: node navigator/web/snapshot.mjs INPUT.json");
  const input = JSON.parse(await readFile(inputPath, "utf8"));
  for (const key of ["pyodide", "zip_path", "warm_up", "snapshot_path"]) {
    if (!(key in input)) fail(`${inputPath} has no ${JSON.stringify(key)}`);
  }
  const log = console.log;
  console.log = (...parts) => process.stderr.write(`${parts.join(" ")}\n`);
  const folder = input.pyodide.endsWith("/") ? input.pyodide : `${input.pyodide}/`;
  const { loadPyodide } = await import(pathToFileURL(`${folder}pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: folder, _makeSnapshot: true });
  pyodide.unpackArchive(new Uint8Array(await readFile(input.zip_path)), "zip", { extractDir: LIBRARY });
  pyodide.runPython(PREPARE);
  pyodide.globals.set("_warm_up", JSON.stringify(input.warm_up));
  pyodide.runPython(WARM_UP);
  pyodide.runPython(FINISH);
  const report = pyodide.globals.get("_report");
  pyodide.runPython("del _report");
  zeroFreeMemory(pyodide._module);
  const snapshot = pyodide.makeMemorySnapshot();
  await writeFile(input.snapshot_path, snapshot);
  log(report);
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
