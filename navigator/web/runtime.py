"""The navigator's runtime files, built for the site: Pyodide's core, a memory snapshot and the data.

Names carry a version or a content digest, so a file's bytes never change under its name; the service
worker can serve them from its cache without asking the network, and a page never mixes files of two
builds (the page names the exact files it needs, see `Runtime.config`).

- `assets/pyodide/<version>/`: the npm package's core (module, wasm, full standard library, lock file).
- `assets/navigator/snapshot-<digest>.bin`: Python's memory after importing the decision package and
  warming it up on the golden scenarios (navigator/web/snapshot.mjs, run in Node), stored `packed`: its
  non-zero stretches only (12 MB of 31 MB), gzip-compressed (5 MB); the worker inflates it with the
  browser's DecompressionStream, so no host has to compress it. Restoring it replaces most of the start-up
  work. It is built again only when its inputs change (cached in .cache/snapshot/).
- `assets/navigator/stdlib-<digest>.zip`: what the worker mounts instead of the 2.5 MB standard library
  zip. Every module the decision package uses is already imported in the snapshot, so it is empty
  (`SNAPSHOT_ONLY`); switched off, it holds the standard library files the snapshot imported.
- `assets/navigator/decision-<digest>.zip`: the decision package, the very files pytest imports.
- `assets/navigator/data/<partnership>-<digest>.json`: each partnership's compiled data.
- `assets/navigator/navigator-<digest>.js` and `worker-<digest>.js`: the page's script
  (navigator/web/result.js, form.js and navigator.js joined) and its Web Worker (worker.js), so the
  service worker serves them from its cache too and a later visit's worker starts without waiting for the
  network twice; the page names the worker (`worker`, beside the other names).

If the snapshot cannot be restored, the worker falls back to a plain start with the full standard library
and the decision zip, and says which way it started.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import struct
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
from navigator.web import bundle
from navigator.web.bundle import digest

REPOSITORY = Path(__file__).resolve().parents[2]
NODE_MODULES = REPOSITORY / "node_modules"
WEB = Path(__file__).resolve().parent
SNAPSHOT_SCRIPT = WEB / "snapshot.mjs"
PAGE_SCRIPTS = ("result.js", "form.js", "navigator.js")  # joined into one file: one request, one digest
CACHE = REPOSITORY / ".cache" / "snapshot"
SNAPSHOT_FILE = "snapshot.packed"
NAVIGATOR = "assets/navigator"
CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Scenarios that take the decision package's error paths, so their imports are in the snapshot too.
ERROR_CASES = ('{"partnership": "nowhere"}', "{not json", '{"partnership": 1}')
SNAPSHOT_TIMEOUT_SECONDS = 300
# gzip level 6: level 9 saves 1% more and takes twice as long; level 1 is 10% larger.
SNAPSHOT_GZIP_LEVEL = 6
# The packed snapshot (`packed`, read by worker.js `unpack`): a header, then one record per stretch of memory
# that is not a run of at least ZERO_RUN zero bytes. 64 bytes: 6,300 records holding 11.7 MB of the 31 MB
# (16 bytes: 38,500 records, 11.0 MB; 1,024: 1,300 records, 13.4 MB).
PACKED_MAGIC = b"NVSN"
ZERO_RUN = 64
# Every standard module the decision package uses is imported in the snapshot, so the zip mounted beside it
# can be empty (the 144 files Pyodide and the package imported are 785 KB more to download for nothing).
SNAPSHOT_ONLY = True


class RuntimeBuildError(RuntimeError):
    """The snapshot could not be made (Node or npm missing, or Pyodide failed)."""


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
    """Run snapshot.mjs in Node (cached by the digest of its inputs): the snapshot `packed`, the stdlib it
    imported."""
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
            "form": [PACKED_MAGIC.decode(), ZERO_RUN, SNAPSHOT_GZIP_LEVEL],
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
        snapshot = packed((work / "snapshot.bin").read_bytes())
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


def packed(snapshot: bytes) -> bytes:
    """The snapshot as the site ships it: its non-zero stretches, gzip-compressed, with no time stamp (the
    same memory gives the same file, so the same name).

    Two thirds of Python's memory is zeros. Leaving them out of what the worker inflates halves the time
    inflating takes (31 MB of output become 12 MB: `make bench`, docs/performance.md). The form: "NVSN",
    the memory's length, then records of (offset, length, bytes), offsets rising, numbers as little-endian
    unsigned 32-bit; bytes no record covers are zero.
    """
    parts = [PACKED_MAGIC, struct.pack("<I", len(snapshot))]
    start = 0
    for zeros in re.finditer(rb"\x00{%d,}" % ZERO_RUN, snapshot):
        if zeros.start() > start:
            parts += [struct.pack("<II", start, zeros.start() - start), snapshot[start : zeros.start()]]
        start = zeros.end()
    if start < len(snapshot):
        parts += [struct.pack("<II", start, len(snapshot) - start), snapshot[start:]]
    return gzip.compress(b"".join(parts), compresslevel=SNAPSHOT_GZIP_LEVEL, mtime=0)


def unpacked(stored: bytes) -> bytes:
    """The memory a `packed` file holds, read as worker.js reads it (the tests' check of the form)."""
    data = gzip.decompress(stored)
    if data[:4] != PACKED_MAGIC:
        raise ValueError("not a packed snapshot")
    (length,) = struct.unpack_from("<I", data, 4)
    memory = bytearray(length)
    at, position = 0, 8
    while position < len(data):
        offset, size = struct.unpack_from("<II", data, position)
        position += 8
        if offset < at or size == 0 or offset + size > length or position + size > len(data):
            raise ValueError(f"a record out of place at byte {offset}")
        memory[offset : offset + size] = data[position : position + size]
        at, position = offset + size, position + size
    return bytes(memory)


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
    glue, worker = page_script(), (WEB / "worker.js").read_bytes()
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
