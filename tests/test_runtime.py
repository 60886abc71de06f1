"""The navigator's runtime files in the built site: named by version or digest, complete, as pages say."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import io
import json
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from navigator.model.catalogue import load_all
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.web import bundle, runtime
from tests.bench.generate import generate

PARTNERSHIPS = ("derby-derbyshire", "stoke-staffordshire", "york")
SNAPSHOT_MAGIC = b"\x00snp"  # Pyodide's memory snapshot header


def page_runtime(built_site: Path, pid: str) -> tuple[str, dict[str, Any]]:
    page = (built_site / pid / "navigator" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="module" async src="([^"]+)" data-runtime="([^"]+)"></script>', page)
    assert match, f"{pid}: no navigator script with data-runtime"
    return page, json.loads(html.unescape(match.group(2)))


def test_each_navigator_page_names_files_of_this_build_that_exist(built_site: Path) -> None:
    folder = built_site / "assets" / "navigator"
    for pid in PARTNERSHIPS:
        _, config = page_runtime(built_site, pid)
        for key in ("worker", "snapshot", "stdlib", "decision", "data"):
            assert (folder / config[key]).is_file(), (pid, key)
        core = (folder / config["pyodide"]).resolve()
        assert core.name == runtime.pyodide_version()
        for name in runtime.CORE:
            assert (core / name).is_file(), name
        assert config["data"].startswith(f"data/{pid}-")
        assert config["lock"]["packages"] == {}
        assert re.fullmatch(r"\d{4}_\d+", config["lock"]["info"]["abi_version"])


def test_digest_named_files_hold_what_their_names_say(
    built_site: Path, partnerships: list[Partnership]
) -> None:
    folder = built_site / "assets" / "navigator"
    _, config = page_runtime(built_site, "york")
    for key in ("worker", "snapshot", "stdlib", "decision"):
        content = (folder / config[key]).read_bytes()
        assert bundle.digest(content) in config[key], key
    assert (folder / config["decision"]).read_bytes() == bundle.decision_zip()  # the files pytest imports
    # The page's glue and the worker are the repository's scripts, each under its digest.
    page, _ = page_runtime(built_site, "york")
    glue = re.search(r'<script type="module" async src="../../assets/navigator/([^"]+)"', page)
    assert glue is not None
    assert glue.group(1) == f"navigator-{bundle.digest(runtime.page_script())}.js"
    assert (folder / glue.group(1)).read_bytes() == runtime.page_script()
    assert runtime.page_script().startswith((runtime.WEB / "result.js").read_bytes())
    assert runtime.page_script().endswith((runtime.WEB / "navigator.js").read_bytes())
    assert config["worker"] == f"worker-{bundle.digest((runtime.WEB / 'worker.js').read_bytes())}.js"
    assert (folder / config["worker"]).read_bytes() == (runtime.WEB / "worker.js").read_bytes()
    stored = (folder / config["snapshot"]).read_bytes()
    memory = runtime.unpacked(stored)  # what worker.js `unpack` does
    assert memory[:4] == SNAPSHOT_MAGIC
    assert len(stored) < 0.25 * len(memory)  # zeros and freed blocks stay out of the download
    inflated = gzip.decompress(stored)  # what the service worker keeps (sw.js `forCache`)
    assert inflated[:4] == runtime.PACKED_MAGIC
    assert len(inflated) < 0.5 * len(memory)  # zeros stay out of what is inflated too
    york = next(p for p in partnerships if p.id == "york")
    data = json.loads((folder / config["data"]).read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(compile_catalogue([york])))
    # One snapshot, one decision zip, and one data file per partnership: no stale files from other builds.
    assert len(list(folder.glob("snapshot-*.bin"))) == 1
    assert len(list(folder.glob("decision-*.zip"))) == 1
    assert sorted(p.name.rsplit("-", 1)[0] for p in (folder / "data").iterdir()) == sorted(PARTNERSHIPS)


def test_the_script_starts_first_in_the_head_after_the_policy(built_site: Path) -> None:
    page, _ = page_runtime(built_site, "derby-derbyshire")
    head = page[: page.index("</head>")]
    script = head.index('<script type="module" async src="../../assets/navigator/navigator-')
    assert head.index('http-equiv="Content-Security-Policy"') < script
    assert script < head.index("<link rel=")  # before the stylesheets, so the worker starts at once
    assert page.count("assets/navigator/navigator-") == 1


def test_stdlib_subset_keeps_only_the_named_members(tmp_path: Path) -> None:
    full = tmp_path / "python_stdlib.zip"
    with zipfile.ZipFile(full, "w") as archive:
        for name in ("json/__init__.py", "json/decoder.py", "asyncio/__init__.py"):
            archive.writestr(name, f"# {name}\n")
    subset = zipfile.ZipFile(io.BytesIO(runtime.stdlib_subset(full, ["json/decoder.py", "json/__init__.py"])))
    assert subset.namelist() == ["json/__init__.py", "json/decoder.py"]
    assert subset.read("json/decoder.py") == b"# json/decoder.py\n"
    assert zipfile.ZipFile(io.BytesIO(runtime.stdlib_subset(full, []))).namelist() == []
    with pytest.raises(runtime.RuntimeBuildError, match="lacks"):
        runtime.stdlib_subset(full, ["nowhere.py"])


def test_the_snapshot_is_stored_packed_and_the_same_memory_gives_the_same_file() -> None:
    memory = SNAPSHOT_MAGIC + bytes(1 << 20) + b"python" * 1000 + bytes(63) + b"x" + bytes(64) + b"end"
    stored = runtime.packed(memory)
    assert runtime.unpacked(stored) == memory
    assert stored == runtime.packed(memory)  # no time stamp: a rebuild keeps the digest and the name
    assert len(stored) < len(memory) // 100
    assert runtime.packed(memory + b"x") != stored
    inflated = gzip.decompress(stored)
    # The megabyte of zeros is left out; a run shorter than ZERO_RUN stays inside its record.
    assert len(inflated) < 6100 + 3 * 8 + 8 + 64
    assert struct.unpack_from("<4sI", inflated) == (runtime.PACKED_MAGIC, len(memory))
    records = []
    position = 8
    while position < len(inflated):
        offset, size = struct.unpack_from("<II", inflated, position)
        records.append((offset, size))
        position += 8 + size
    assert records == [(0, 4), (4 + (1 << 20), 6000 + 63 + 1), (4 + (1 << 20) + 6064 + 64, 3)]


def test_the_snapshot_ends_and_begins_with_data_or_zeros_alike() -> None:
    for memory in (bytes(200), b"abc", bytes(100) + b"abc", b"abc" + bytes(100), b""):
        assert runtime.unpacked(runtime.packed(memory)) == memory


@pytest.mark.parametrize(
    ("inflated", "problem"),
    [
        (b"XXXX" + struct.pack("<I", 10), "not a packed snapshot"),
        (runtime.PACKED_MAGIC + struct.pack("<IIIxxxx", 10, 8, 4), "out of place at byte 8"),
        (runtime.PACKED_MAGIC + struct.pack("<IIIx", 10, 0, 4), "out of place at byte 0"),
        (runtime.PACKED_MAGIC + struct.pack("<IIIxIIx", 10, 5, 1, 2, 1), "out of place at byte 2"),
        (runtime.PACKED_MAGIC + struct.pack("<III", 10, 0, 0), "out of place at byte 0"),
    ],
)
def test_a_damaged_snapshot_is_refused_not_restored(inflated: bytes, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        runtime.unpacked(gzip.compress(inflated))


def test_config_paths_are_relative_to_the_navigator_scripts() -> None:
    built = runtime.Runtime(
        pyodide="assets/pyodide/1.2.3/",
        script="assets/navigator/navigator-12.js",
        worker="assets/navigator/worker-34.js",
        snapshot="assets/navigator/snapshot-ab.bin",
        stdlib="assets/navigator/stdlib-cd.zip",
        decision="assets/navigator/decision-ef.zip",
        data={"york": "assets/navigator/data/york-01.json"},
        lock_info={"abi_version": "2026_0"},
    )
    assert built.config("york") == {
        "worker": "worker-34.js",
        "pyodide": "../../assets/pyodide/1.2.3/",
        "snapshot": "snapshot-ab.bin",
        "stdlib": "stdlib-cd.zip",
        "decision": "decision-ef.zip",
        "data": "data/york-01.json",
        "lock": {"info": {"abi_version": "2026_0"}, "packages": {}},
    }


def test_the_snapshot_warms_up_on_one_partnership_of_each_shape_not_on_all(
    partnerships: list[Partnership], tmp_path: Path
) -> None:
    assert [p.id for p in runtime.warm_up_partnerships(partnerships)] == [
        "derby-derbyshire",
        "stoke-staffordshire",
        "york",
    ]
    generate(tmp_path, 9)  # three renamed copies of each
    many = load_all(tmp_path, dt.date(2026, 11, 22))
    chosen = runtime.warm_up_partnerships(many)
    assert sorted(p.id.split("-copy-")[0] for p in chosen) == [
        "derby-derbyshire",
        "stoke-staffordshire",
        "york",
    ]
    cases = runtime.warm_up_cases(many)
    assert [p["id"] for p in json.loads(cases[0]["catalogue"])["partnerships"]] == [p.id for p in chosen]
