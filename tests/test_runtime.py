"""The navigator's runtime files in the built site: named by version or digest, complete, as pages say."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from navigator.model.catalogue import load_all
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.sitebuild import minify
from navigator.web import bundle, runtime, snapshot_form
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
    # minified by the build (navigator.web.runtime), then named by the digest of what is served
    minified = minify.minify({"glue.js": runtime.page_script()})["glue.js"]
    assert glue.group(1) == f"navigator-{bundle.digest(minified)}.js"
    assert (folder / glue.group(1)).read_bytes() == minified
    assert len(minified) < 0.8 * len(runtime.page_script())
    assert runtime.page_script().startswith((runtime.WEB / "result.js").read_bytes())
    assert runtime.page_script().endswith((runtime.WEB / "navigator.js").read_bytes())
    assert config["worker"] == f"worker-{bundle.digest(runtime.worker_script())}.js"
    assert (folder / config["worker"]).read_bytes() == runtime.worker_script()
    stored = (folder / config["snapshot"]).read_bytes()
    wasm = (folder / config["pyodide"] / "pyodide.asm.wasm").read_bytes()
    initial = snapshot_form.initial_memory(wasm, "pyodide.asm.wasm")
    memory = snapshot_form.unpacked(stored, initial)  # what worker.js `unpack` does
    assert memory[:4] == SNAPSHOT_MAGIC
    # Only what differs from the wasm's own initial memory, uncompressed: the server sends its brotli copy.
    assert stored[:4] == snapshot_form.PACKED_MAGIC
    assert len(stored) < 0.3 * len(memory)
    # The round trip on the real snapshot: the memory read back packs to the very same file.
    assert snapshot_form.packed(memory, initial, snapshot_form.pyodide_header_length(memory)) == stored
    # Python's start leaves the data segments almost as they were: most of them are not in the file.
    base_at = snapshot_form.pyodide_header_length(memory)
    unchanged = sum(a == b for a, b in zip(memory[base_at : base_at + len(initial)], initial, strict=True))
    assert unchanged > 0.95 * len(initial)  # 98% here
    york = next(p for p in partnerships if p.id == "york")
    data = json.loads((folder / config["data"]).read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(compile_catalogue([york])))
    # One snapshot, one decision zip, and one data file per partnership: no stale files from other builds.
    assert len(list(folder.glob("snapshot-*.bin"))) == 1
    assert len(list(folder.glob("decision-*.zip"))) == 1
    assert sorted(p.name.rsplit("-", 1)[0] for p in (folder / "data").glob("*.json")) == sorted(PARTNERSHIPS)


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
