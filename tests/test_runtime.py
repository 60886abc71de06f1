"""The navigator's runtime files in the built site: named by version or digest, complete, as pages say."""

from __future__ import annotations

import html
import io
import json
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.web import bundle, runtime

PARTNERSHIPS = ("derby-derbyshire", "stoke-staffordshire", "york")
SNAPSHOT_MAGIC = b"\x00snp"  # Pyodide's memory snapshot header


def unsparse(stored: bytes) -> bytes:
    """What worker.js does with the stored snapshot, written again from the layout in runtime.sparse."""
    assert stored[:8] == runtime.SPARSE_MAGIC
    total, size, count = struct.unpack_from("<3I", stored, 8)
    indices = struct.unpack_from(f"<{count}I", stored, 20)
    memory = bytearray(total)
    offset = 20 + 4 * count
    for index in indices:
        length = min(size, total - index * size)
        memory[index * size : index * size + length] = stored[offset : offset + length]
        offset += length
    assert offset == len(stored)
    return bytes(memory)


def page_runtime(built_site: Path, pid: str) -> tuple[str, dict[str, Any]]:
    page = (built_site / pid / "navigator" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="module" async src="([^"]+)" data-runtime="([^"]+)"></script>', page)
    assert match, f"{pid}: no navigator script with data-runtime"
    return page, json.loads(html.unescape(match.group(2)))


def test_each_navigator_page_names_files_of_this_build_that_exist(built_site: Path) -> None:
    folder = built_site / "assets" / "navigator"
    for pid in PARTNERSHIPS:
        _, config = page_runtime(built_site, pid)
        for key in ("snapshot", "stdlib", "decision", "data"):
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
    for key in ("snapshot", "stdlib", "decision"):
        content = (folder / config[key]).read_bytes()
        assert bundle.digest(content) in config[key], key
    assert (folder / config["decision"]).read_bytes() == bundle.decision_zip()  # the files pytest imports
    stored = (folder / config["snapshot"]).read_bytes()
    memory = unsparse(stored)
    assert memory[:4] == SNAPSHOT_MAGIC
    assert len(stored) < 0.75 * len(memory)  # the zero pages stay out of the download
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
    script = head.index('<script type="module" async src="../../assets/navigator/navigator.js"')
    assert head.index('http-equiv="Content-Security-Policy"') < script
    assert script < head.index("<link rel=")  # before the stylesheets, so the worker starts at once
    assert page.count("navigator.js") == 1


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


def test_sparse_drops_zero_pages_and_keeps_everything_else() -> None:
    page = runtime.SPARSE_PAGE
    memory = b"\x00snp" + bytes(page - 4) + bytes(3 * page) + b"x" * page + b"tail" + bytes(10)
    stored = runtime.sparse(memory)
    assert struct.unpack_from("<3I", stored, 8) == (len(memory), page, 3)  # pages 0, 4 and the short last one
    assert len(stored) < len(memory) - 2 * page
    assert unsparse(stored) == memory
    assert unsparse(runtime.sparse(bytes(2 * page))) == bytes(2 * page)


def test_config_paths_are_relative_to_the_navigator_scripts() -> None:
    built = runtime.Runtime(
        pyodide="assets/pyodide/1.2.3/",
        snapshot="assets/navigator/snapshot-ab.bin",
        stdlib="assets/navigator/stdlib-cd.zip",
        decision="assets/navigator/decision-ef.zip",
        data={"york": "assets/navigator/data/york-01.json"},
        lock_info={"abi_version": "2026_0"},
    )
    assert built.config("york") == {
        "pyodide": "../../assets/pyodide/1.2.3/",
        "snapshot": "snapshot-ab.bin",
        "stdlib": "stdlib-cd.zip",
        "decision": "decision-ef.zip",
        "data": "data/york-01.json",
        "lock": {"info": {"abi_version": "2026_0"}, "packages": {}},
    }
