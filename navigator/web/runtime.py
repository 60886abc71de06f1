"""The navigator's runtime files, built for the site: Pyodide's core, a memory snapshot and the data.

Names carry a version or a content digest, so a file's bytes never change under its name; the service
worker can serve them from its cache without asking the network, and a page never mixes files of two
builds (the page names the exact files it needs, see `Runtime.config`).

- `assets/pyodide/<version>/`: the npm package's core (module, wasm, full standard library, lock file).
- `assets/navigator/snapshot-<digest>.bin`: Python's memory after importing the decision package and
  warming it up on the golden scenarios (navigator/web/snapshot.mjs, run in Node), stored in the form of
  navigator/web/snapshot_form.py: only the stretches of memory that differ from the wasm's own initial
  memory (its data segments, zeros elsewhere), 8.0 MB of 31 MB, uncompressed inside. The server sends the
  build's brotli or gzip copy of it (navigator/sitebuild/compress.py: 2.5 MB brotli, 3.6 MB gzip; gzip
  inside was 5.2 MB); the worker writes the records in place as they download and fills the rest from the
  fresh wasm instance's own initial memory. Restoring it replaces most of the start-up work. It is built
  again only when its inputs or its packing code change (cached in .cache/snapshot/).
- `assets/navigator/stdlib-<digest>.zip`: what the worker mounts instead of the 2.5 MB standard library
  zip. Every module the decision package uses is already imported in the snapshot, so it is empty
  (`SNAPSHOT_ONLY`); switched off, it holds the standard library files the snapshot imported.
- `assets/navigator/decision-<digest>.zip`: the decision package, the very files pytest imports.
- `assets/navigator/data/<partnership>-<digest>.json`: each partnership's compiled data.
- `assets/navigator/navigator-<digest>.js` and `worker-<digest>.js`: the page's script
  (navigator/web/result.js, form.js and navigator.js joined) and its Web Worker (snapshot_reader.js and
  worker.js joined), so the service worker serves them from its cache too and a later visit's worker
  starts without waiting for the network twice; the page names the worker (`worker`, beside the other names).

If the snapshot cannot be restored (damaged, cut short, made from another wasm), the worker falls back to a
plain start with the full standard library and the decision zip, and says which way it started and why.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.decision import Assessor
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.model.scenarios import load_scenarios
from navigator.sitebuild import minify
from navigator.web import bundle
from navigator.web.bundle import digest
from navigator.web.snapshot_form import RuntimeBuildError, initial_memory, packed, pyodide_header_length

REPOSITORY = Path(__file__).resolve().parents[2]
NODE_MODULES = REPOSITORY / "node_modules"
WEB = Path(__file__).resolve().parent
SNAPSHOT_SCRIPT = WEB / "snapshot.mjs"
SNAPSHOT_FORM = WEB / "snapshot_form.py"  # its code is part of the cache key: it makes the shipped bytes
PAGE_SCRIPTS = ("result.js", "form.js", "navigator.js")  # joined into one file: one request, one digest
WORKER_SCRIPTS = ("snapshot_reader.js", "worker.js")  # the worker's script, joined the same way
CACHE = REPOSITORY / ".cache" / "snapshot"
SNAPSHOT_FILE = "snapshot.packed"
NAVIGATOR = "assets/navigator"
CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Scenarios that take the decision package's error paths, so their imports are in the snapshot too.
ERROR_CASES = ('{"partnership": "nowhere"}', "{not json", '{"partnership": 1}')
SNAPSHOT_TIMEOUT_SECONDS = 300
# Every standard module the decision package uses is imported in the snapshot, so the zip mounted beside it
# can be empty (the 144 files Pyodide and the package imported are 785 KB more to download for nothing).
SNAPSHOT_ONLY = True


def pyodide_version(node_modules: Path = NODE_MODULES) -> str:
    package = json.loads((node_modules / "pyodide" / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


@dataclass
class Runtime:
    """Every runtime file: site path → bytes (generated) or source path (copied)."""

    pyodide: str  # site folder of the core, ending in "/"
    script: str  # the page's script: result.js and navigator.js joined (page_script)
    worker: str  # its Web Worker, worker.js
    snapshot: str
    stdlib: str
    decision: str
    data: dict[str, str]  # partnership id → site path
    lock_info: dict[str, Any]
    generated: dict[str, bytes] = field(default_factory=dict)
    copied: dict[str, Path] = field(default_factory=dict)

    def config(self, partnership: str) -> dict[str, Any]:
        """What the page tells its worker: URLs relative to assets/navigator/, and the lock file's info."""

        def relative(path: str) -> str:
            return path.removeprefix(f"{NAVIGATOR}/") if path.startswith(f"{NAVIGATOR}/") else f"../../{path}"

        return {
            "worker": relative(self.worker),
            "pyodide": relative(self.pyodide),
            "snapshot": relative(self.snapshot),
            "stdlib": relative(self.stdlib),
            "decision": relative(self.decision),
            "data": relative(self.data[partnership]),
            "lock": {"info": self.lock_info, "packages": {}},
        }


def _shape(partnership: Partnership) -> tuple[Any, ...]:
    """What decides which of the decision module's code paths a partnership's scenarios take."""
    document = partnership.document
    rules = document["rules"]
    return (
        rules["method"],
        tuple(sorted(rules)),
        bool(document.get("questions")),
        len(document["areas"]) > 1,
    )


def warm_up_partnerships(partnerships: list[Partnership]) -> list[Partnership]:
    """The first partnership of each shape (`_shape`): the code paths of all, the data of a few.

    Everything the warm-up loads stays in Python's memory, so the snapshot grew with each partnership
    (5.2 MB gzip with 3, 7.3 MB with 50: `make bench`); a partnership shaped like one already chosen
    would only add its data.
    """
    chosen: dict[tuple[Any, ...], Partnership] = {}
    for partnership in partnerships:
        chosen.setdefault(_shape(partnership), partnership)
    return list(chosen.values())


def warm_up_cases(partnerships: list[Partnership]) -> list[dict[str, Any]]:
    """The compiled data and the golden scenarios (plus error cases) the snapshot is warmed up on."""
    partnerships = warm_up_partnerships(partnerships)
    catalogue = compile_catalogue(partnerships)
    assessor = Assessor(catalogue)
    scenarios = [
        json.dumps(golden.scenario, sort_keys=True)
        for partnership in partnerships
        for golden in load_scenarios(partnership, assessor)
    ]
    return [{"catalogue": json.dumps(catalogue, sort_keys=True), "scenarios": [*scenarios, *ERROR_CASES]}]


def _make_snapshot(pyodide: Path, zip_bytes: bytes, warm_up: list[dict[str, Any]]) -> tuple[bytes, list[str]]:
    """Run snapshot.mjs in Node and pack its snapshot (snapshot_form.py `packed`, against the wasm's initial
    memory), cached by the digest of everything that makes the file: the wasm, the standard library, the
    decision zip, the script, the warm-up and the packing code. Returns the file and the standard library
    files the snapshot imported."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeBuildError(
            "Node.js is missing: the navigator's snapshot is made with Node (apt install nodejs)"
        )
    inputs = json.dumps(
        {
            "pyodide": digest(
                (pyodide / "pyodide.asm.wasm").read_bytes() + (pyodide / "python_stdlib.zip").read_bytes()
            ),
            "zip": digest(zip_bytes),
            "script": digest(SNAPSHOT_SCRIPT.read_bytes()),
            "warm_up": digest(json.dumps(warm_up, sort_keys=True).encode()),
            "form": digest(SNAPSHOT_FORM.read_bytes()),
        },
        sort_keys=True,
    )
    folder = CACHE / digest(inputs.encode())
    if (folder / SNAPSHOT_FILE).is_file() and (folder / "report.json").is_file():
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        return (folder / SNAPSHOT_FILE).read_bytes(), report["stdlib"]
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "decision.zip").write_bytes(zip_bytes)
        request = {
            "pyodide": str(pyodide),
            "zip_path": str(work / "decision.zip"),
            "warm_up": warm_up,
            "snapshot_path": str(work / "snapshot.bin"),
        }
        (work / "input.json").write_text(json.dumps(request), encoding="utf-8")
        done = subprocess.run(
            [node, str(SNAPSHOT_SCRIPT), str(work / "input.json")],
            capture_output=True,
            text=True,
            timeout=SNAPSHOT_TIMEOUT_SECONDS,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeBuildError(
                f"the navigator's Pyodide snapshot failed:\n{done.stderr.strip()[-2000:]}"
            )
        report = json.loads(done.stdout)
        memory = (work / "snapshot.bin").read_bytes()
        wasm = pyodide / "pyodide.asm.wasm"
        snapshot = packed(memory, initial_memory(wasm.read_bytes(), str(wasm)), pyodide_header_length(memory))
        # Keep only this build's snapshot in the cache: write it whole, then swap it in (another build
        # running at the same time may have done the same; either copy will do).
        CACHE.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=CACHE))
        (staging / SNAPSHOT_FILE).write_bytes(snapshot)
        (staging / "report.json").write_text(json.dumps(report), encoding="utf-8")
        for old in CACHE.iterdir():
            if not old.name.startswith(".") and old != folder:
                shutil.rmtree(old, ignore_errors=True)
        try:
            staging.rename(folder)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    return snapshot, report["stdlib"]


def stdlib_subset(full_zip: Path, names: list[str]) -> bytes:
    """A zip of only the named members of Pyodide's standard library zip (same bytes, same order)."""
    wanted = set(names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(full_zip) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        missing = wanted - set(source.namelist())
        if missing:
            raise RuntimeBuildError(
                f"{full_zip} lacks {sorted(missing)}: node_modules/pyodide is not the expected one"
            )
        for info in source.infolist():
            if info.filename in wanted:
                target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def worker_script() -> bytes:
    """The navigator's Web Worker: the snapshot's reader (snapshot_reader.js), then the worker itself."""
    return b"\n".join((WEB / name).read_bytes() for name in WORKER_SCRIPTS)


def page_script() -> bytes:
    """The navigator page's one script: the result panel (result.js), the form (form.js), then the glue."""
    return b"\n".join((WEB / name).read_bytes() for name in PAGE_SCRIPTS)


def build(partnerships: list[Partnership], node_modules: Path = NODE_MODULES) -> Runtime:
    """Every runtime file of the site, named by version or digest."""
    pyodide = node_modules / "pyodide"
    core = f"assets/pyodide/{pyodide_version(node_modules)}/"
    zip_bytes = bundle.decision_zip()
    snapshot, stdlib_names = _make_snapshot(pyodide, zip_bytes, warm_up_cases(partnerships))
    stdlib = stdlib_subset(pyodide / "python_stdlib.zip", [] if SNAPSHOT_ONLY else stdlib_names)
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    # The page's script is minified before it is named, so its name is the digest of what is served.
    glue, worker = minify.minify({"navigator.js": page_script()})["navigator.js"], worker_script()
    runtime = Runtime(
        pyodide=core,
        script=f"{NAVIGATOR}/navigator-{digest(glue)}.js",
        worker=f"{NAVIGATOR}/worker-{digest(worker)}.js",
        snapshot=f"{NAVIGATOR}/snapshot-{digest(snapshot)}.bin",
        stdlib=f"{NAVIGATOR}/stdlib-{digest(stdlib)}.zip",
        decision=f"{NAVIGATOR}/decision-{digest(zip_bytes)}.zip",
        data={},
        lock_info=lock["info"],
        copied={f"{core}{name}": pyodide / name for name in CORE},
    )
    runtime.generated = {runtime.snapshot: snapshot, runtime.stdlib: stdlib, runtime.decision: zip_bytes}
    runtime.generated |= {runtime.script: glue, runtime.worker: worker}
    for partnership in partnerships:
        data = json.dumps(
            compile_catalogue([partnership]), ensure_ascii=False, separators=(",", ":")
        ).encode()
        runtime.data[partnership.id] = f"{NAVIGATOR}/data/{partnership.id}-{digest(data)}.json"
        runtime.generated[runtime.data[partnership.id]] = data
    return runtime
