"""Third-party browser files the site ships from its own origin, copied from node_modules (npm, pinned).

Never a CDN: the theme looks for `mermaid` and `ResizeObserver` before it would fetch them from unpkg, and
both are served from here. (Pyodide, the navigator's runtime, is shipped by navigator.web.runtime.)
"""

from __future__ import annotations

from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VENDOR = "javascripts/vendor"
# site path: path under node_modules
FILES = {
    f"{VENDOR}/resize-observer.js": "resize-observer-polyfill/dist/ResizeObserver.global.js",
    f"{VENDOR}/resize-observer.LICENSE": "resize-observer-polyfill/LICENSE",
    f"{VENDOR}/mermaid/mermaid.esm.min.mjs": "mermaid/dist/mermaid.esm.min.mjs",
    f"{VENDOR}/mermaid/LICENSE": "mermaid/LICENSE",
}
# Folders whose .mjs files are all copied (mermaid's lazily imported chunks).
FOLDERS = {f"{VENDOR}/mermaid/chunks/mermaid.esm.min": "mermaid/dist/chunks/mermaid.esm.min"}


class MissingAssetsError(RuntimeError):
    """node_modules is missing or incomplete."""


def vendor_files(node_modules: Path = NODE_MODULES) -> list[tuple[str, Path]]:
    """(site path, absolute source) of every vendored file; a clear error when npm has not run."""
    files = [(site, node_modules / source) for site, source in FILES.items()]
    for site, source in FOLDERS.items():
        files += [(f"{site}/{path.name}", path) for path in sorted((node_modules / source).glob("*.mjs"))]
    missing = [str(source) for _, source in files if not source.is_file()]
    if missing or not any(site.startswith(f"{VENDOR}/mermaid/chunks/") for site, _ in files):
        raise MissingAssetsError(
            f"npm packages are missing ({', '.join(missing) or 'mermaid chunks'}): run `npm ci` "
            "(or `make build`, which runs it) before building the site"
        )
    return files
