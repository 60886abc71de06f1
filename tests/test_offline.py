"""The service worker's manifest: which built files are kept for offline use, and when its version changes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from navigator.sitebuild import offline

FAKE_SITE = {
    "index.html": "home",
    "404.html": "not found",
    "sitemap.xml": "<urlset/>",
    "sitemap.xml.gz": "gz",
    "sw.js": "an old worker",
    "york/level-1/index.html": "level 1",
    "search/search_index.json": "{}",
    "search/york.json": "{}",
    "york/open-data/york.json": "{}",
    "assets/images/favicon.png": "png",
    "assets/javascripts/bundle.a5f9d56c.min.js": "theme",
    "assets/javascripts/bundle.a5f9d56c.min.js.map": "map",
    "assets/javascripts/workers/search.a7633da7.min.js": "search",
    "assets/javascripts/lunr/min/lunr.de.min.js": "lunr",
    "assets/stylesheets/main.57a0d79d.min.css": "css",
    "assets/stylesheets/palette.fb2fffe2.min.css": "css",
    "javascripts/handbook-da273553e12ae189.js": "ours",
    "javascripts/vendor/resize-observer-9220821a37146b6c.js": "polyfill",
    "javascripts/vendor/mermaid/mermaid.esm.min.mjs": "mermaid",
    "javascripts/vendor/mermaid/chunks/mermaid.esm.min/chunk-MWUZ53VY.mjs": "chunk",
    "assets/pyodide/314.0.7/pyodide.mjs": "pyodide",
    "assets/pyodide/314.0.7/pyodide.asm.wasm": "wasm",
    "assets/pyodide/314.0.7/python_stdlib.zip": "stdlib",
    "assets/pyodide/314.0.7/pyodide-lock.json": "lock",
    "assets/navigator/navigator-5d41402abc4b2a76.js": "page glue",
    "assets/navigator/worker-7d793037a0760186.js": "worker",
    "assets/navigator/snapshot-08c632b562f88814.bin": "snapshot",
    "assets/navigator/data/york-876d60bf2f7c8802.json": "data",
}
TEMPLATE = "const MANIFEST = null;\n"


@pytest.fixture
def fake_site(tmp_path: Path) -> Path:
    for path, content in FAKE_SITE.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, encoding="utf-8")
    return tmp_path


def written_manifest(site: Path) -> dict[str, Any]:
    manifest = offline.read_manifest(site)
    assert manifest, "sw.js has no manifest"
    return manifest


def test_every_file_is_sorted_into_its_list(fake_site: Path) -> None:
    manifest = offline.manifest(fake_site, TEMPLATE, ["york", "north"])
    assert manifest["precache"] == [  # in the order of the files' paths
        "404.html",
        "assets/images/favicon.png",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/workers/search.a7633da7.min.js",
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/stylesheets/palette.fb2fffe2.min.css",
        "./",  # index.html, by the address links use
        "javascripts/handbook-da273553e12ae189.js",
        "javascripts/vendor/resize-observer-9220821a37146b6c.js",
        "search/search_index.json",
    ]
    # A partnership's own files are kept only once one of its pages is open.
    assert manifest["partnerships"] == {
        "north": [],
        "york": ["search/york.json", "york/level-1/", "york/open-data/york.json"],
    }
    assert manifest["navigator"] == [
        "assets/navigator/navigator-5d41402abc4b2a76.js",
        "assets/navigator/snapshot-08c632b562f88814.bin",
        "assets/navigator/worker-7d793037a0760186.js",
        "assets/pyodide/314.0.7/pyodide.asm.wasm",
        "assets/pyodide/314.0.7/pyodide.mjs",
    ]
    assert manifest["navigator_data"] == {
        "north": [],
        "york": ["assets/navigator/data/york-876d60bf2f7c8802.json"],
    }
    # Only a fallback for the runtime: never downloaded just to be kept.
    assert manifest["fallback"] == [
        "assets/pyodide/314.0.7/pyodide-lock.json",
        "assets/pyodide/314.0.7/python_stdlib.zip",
    ]
    listed = {*manifest["precache"], *manifest["navigator"], *manifest["fallback"]}
    listed |= {
        path
        for group in ("partnerships", "navigator_data")
        for paths in manifest[group].values()
        for path in paths
    }
    assert not [path for path in listed if "mermaid" in path or "sitemap" in path or path.endswith(".map")]
    assert not [path for path in listed if "/lunr/" in path]  # English only: no other search language
    assert "sw.js" not in listed


def test_without_partnerships_named_every_page_is_kept_at_install(fake_site: Path) -> None:
    manifest = offline.manifest(fake_site, TEMPLATE)
    assert "york/level-1/" in manifest["precache"]
    assert "assets/navigator/data/york-876d60bf2f7c8802.json" in manifest["navigator"]
    assert manifest["partnerships"] == manifest["navigator_data"] == {}


def test_only_the_runtime_folder_and_digest_named_files_are_immutable(fake_site: Path) -> None:
    assert offline.manifest(fake_site, TEMPLATE)["immutable"] == [
        "assets/pyodide/",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/workers/search.a7633da7.min.js",
        "assets/navigator/data/york-876d60bf2f7c8802.json",
        "assets/navigator/navigator-5d41402abc4b2a76.js",
        "assets/navigator/snapshot-08c632b562f88814.bin",
        "assets/navigator/worker-7d793037a0760186.js",
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/stylesheets/palette.fb2fffe2.min.css",
        "javascripts/handbook-da273553e12ae189.js",
        "javascripts/vendor/resize-observer-9220821a37146b6c.js",
    ]
    # Nothing is kept inflated any more: the snapshot has no gzip inside; the worker keeps it as it comes.
    assert "inflated" not in offline.manifest(fake_site, TEMPLATE)
    # Same address, new content after a build: asked of the network first.
    for path in ("javascripts/handbook.js", "assets/navigator/navigator.js", "stylesheets/handbook.css"):
        assert not offline.immutable(path), path
    assert not offline.immutable("assets/navigator/data/york.json")  # no digest in the name
    assert not offline.immutable("search/search_index.json")


def test_the_version_follows_the_content_of_listed_files_only(fake_site: Path) -> None:
    first = offline.manifest(fake_site, TEMPLATE)["version"]
    assert offline.manifest(fake_site, TEMPLATE)["version"] == first
    (fake_site / "sitemap.xml").write_text("<urlset>changed</urlset>", encoding="utf-8")
    (fake_site / "javascripts/vendor/mermaid/mermaid.esm.min.mjs").write_text("changed", encoding="utf-8")
    assert offline.manifest(fake_site, TEMPLATE)["version"] == first
    (fake_site / "york/level-1/index.html").write_text("level 1, revised", encoding="utf-8")
    second = offline.manifest(fake_site, TEMPLATE)["version"]
    assert second != first
    assert offline.manifest(fake_site, f"// changed\n{TEMPLATE}")["version"] != second


def test_the_written_worker_is_the_template_with_the_manifest(fake_site: Path) -> None:
    offline.write_service_worker(fake_site)
    script = (fake_site / "sw.js").read_text(encoding="utf-8")
    assert offline.PLACEHOLDER not in script
    assert 'self.addEventListener("fetch"' in script
    manifest = written_manifest(fake_site)
    assert manifest == offline.manifest(fake_site, offline.TEMPLATE.read_text(encoding="utf-8"))
    offline.write_service_worker(fake_site)  # its own output is not listed: the same version again
    assert written_manifest(fake_site)["version"] == manifest["version"]


def test_a_template_without_its_placeholder_is_refused(
    fake_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tmp_path / "sw-template.js"
    template.write_text("const MANIFEST = {};\n", encoding="utf-8")
    monkeypatch.setattr(offline, "TEMPLATE", template)
    with pytest.raises(ValueError, match="exactly once"):
        offline.write_service_worker(fake_site)


def test_the_built_sites_worker_lists_only_files_that_exist(built_site: Path) -> None:
    manifest = written_manifest(built_site)
    assert re.fullmatch(r"[0-9a-f]{16}", manifest["version"])
    listed = [*manifest["precache"], *manifest["navigator"], *manifest["fallback"]]
    listed += [
        path
        for group in ("partnerships", "navigator_data")
        for paths in manifest[group].values()
        for path in paths
    ]
    files = [built_site / (f"{path}index.html" if path.endswith("/") else path) for path in listed]
    assert [path for path in files if not path.is_file()] == []
    assert "./" in manifest["precache"]
    assert "404.html" in manifest["precache"]
    assert sorted(manifest["partnerships"]) == ["derby-derbyshire", "stoke-staffordshire", "york"]
    assert "derby-derbyshire/navigator/" in manifest["partnerships"]["derby-derbyshire"]
    assert not [path for path in manifest["precache"] if path.startswith("derby-derbyshire/")]
    assert len(manifest["navigator_data"]["york"]) == 1
    # The navigator's two scripts carry a digest: kept with the navigator, and served from the cache first.
    scripts = [
        path
        for path in manifest["navigator"]
        if re.fullmatch(r"assets/navigator/(navigator|worker)-[0-9a-f]{16}\.js", path)
    ]
    assert [path.split("-")[0] for path in scripts] == [
        "assets/navigator/navigator",
        "assets/navigator/worker",
    ]
    assert set(scripts) <= set(manifest["immutable"])
    assert not (built_site / "assets/navigator/navigator.js").exists()
    assert not (built_site / "assets/navigator/worker.js").exists()
    assert any(path.endswith(".wasm") for path in manifest["navigator"])
    assert manifest["immutable"][0] == "assets/pyodide/"
    assert all((built_site / path).is_file() for path in manifest["immutable"][1:])


def test_reading_the_manifest_back_needs_a_worker_with_one(fake_site: Path) -> None:
    (fake_site / "sw.js").unlink()
    assert offline.read_manifest(fake_site) == {}  # no service worker: nothing kept
    (fake_site / "sw.js").write_text("const CACHE = 1;\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has no `const MANIFEST"):
        offline.read_manifest(fake_site)
    offline.write_service_worker(fake_site, ["york"])
    assert offline.read_manifest(fake_site)["partnerships"]["york"][0] == "search/york.json"
