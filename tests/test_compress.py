"""The build's brotli and gzip copies (navigator/sitebuild/compress.py): beside what pays, byte for byte
the file, cached by content, and none with HANDBOOK_COMPRESS=0."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import brotli
import pytest

from navigator.sitebuild import compress


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(compress, "CACHE", folder)
    monkeypatch.setenv("HANDBOOK_COMPRESS", "1")
    return folder


def made_up_site(root: Path) -> Path:
    site = root / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>Made-up page, not guidance.</p>\n" * 200, encoding="utf-8")
    (site / "assets" / "module.wasm").write_bytes(b"\0asm\1\0\0\0" + bytes(range(64)) * 100)
    (site / "assets" / "random.bin").write_bytes(random.Random(23).randbytes(4000))  # no repeats to find
    (site / "assets" / "stdlib.zip").write_bytes(b"PK" + b"\0" * 5000)
    (site / "tiny.js").write_text("x()", encoding="utf-8")
    (site / "_headers").write_text("/*\n  X-A: b\n" * 50, encoding="utf-8")
    return site


def test_copies_are_written_beside_what_pays_and_decompress_to_the_file(tmp_path: Path, cache: Path) -> None:
    site = made_up_site(tmp_path)
    report = compress.write_siblings(site)
    for name in ("index.html", "assets/module.wasm"):
        original = (site / name).read_bytes()
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == original
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == original
    assert not (site / "assets" / "random.bin.br").exists()  # does not pay
    assert not (site / "assets" / "stdlib.zip.br").exists()  # compressed already
    assert not (site / "tiny.js.br").exists()  # too small to matter
    assert not (site / "_headers.br").exists()  # the host reads it; nobody downloads it
    assert report.brotli == 2
    assert report.gzip == 2
    assert report.files == 3  # the html, the wasm and the bin were considered
    assert report.bytes_brotli < report.bytes_in


def test_a_second_build_takes_its_copies_from_the_cache(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compress.write_siblings(made_up_site(tmp_path / "first"))
    kept = sorted(path.name for path in cache.iterdir())
    assert kept

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("compressed again although the cache holds it")

    monkeypatch.setattr(compress.brotli, "compress", refuse)
    second = made_up_site(tmp_path / "second")
    compress.write_siblings(second)
    assert (second / "index.html.br").is_file()
    assert sorted(path.name for path in cache.iterdir()) == kept


def test_no_copies_when_switched_off(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_COMPRESS", "0")
    site = made_up_site(tmp_path)
    assert compress.write_siblings(site).files == 0
    assert not list(site.rglob("*.br"))
    assert not list(site.rglob("*.gz"))


def test_the_built_site_has_brotli_copies_of_the_runtime_and_its_pages(built_site: Path) -> None:
    wasm = next(built_site.glob("assets/pyodide/*/pyodide.asm.wasm"))
    assert brotli.decompress(wasm.with_name(wasm.name + ".br").read_bytes()) == wasm.read_bytes()
    page = built_site / "derby-derbyshire" / "navigator" / "index.html"
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == page.read_bytes()
    assert not list(built_site.rglob("*.zip.br"))
