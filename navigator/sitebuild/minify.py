"""Our scripts and style sheet minified at build time by esbuild (npm, pinned), run once per build by node.

Lighthouse (tests/bench/lighthouse.py) counted our unminified files against every page: the theme's
polyfill in every page's `<head>` (31 KB as npm ships it, 8 KB minified), our style sheet and scripts, and
the navigator's page script. Minified, a phone on a slow link gets the page's render-blocking files sooner,
compressed or not. Comments and spaces go, local names get shorter; nothing is bundled, nothing is added
but vendor prefixes for the browsers below, and no file changes what it does.

No file is written in syntax newer than its own: a script is minified for ES5 when it can be (handbook.js,
search.js and the polyfill are ES5, and the polyfill exists for old browsers), else ES2020, else the latest
(diagrams.js awaits at its top level); so the minifier never makes a file unreadable to a browser that read
it before. Style sheets are minified for the browsers in CSS_TARGET, so rules are not merged into syntax
those lack (`inset` for top/right/bottom/left, say).

node is on the build's path already (the navigator's snapshot, navigator/web/runtime.py); esbuild runs
through its JavaScript API, which finds its platform package's binary itself (no install script needed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path, PurePosixPath

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
SCRIPT_TARGETS = ("es5", "es2020", "esnext")  # the first a script can be written in is used
CSS_TARGET = ("chrome80", "edge80", "firefox78", "safari13", "ios13")
LOADERS = {".js": "js", ".mjs": "js", ".css": "css"}

# Reads [{name, code, loader}] as JSON on stdin; writes [code] on stdout, or exits 1 with the errors. A
# script whose syntax cannot be written for a target ("... is not supported yet") tries the next one.
RUNNER = r"""
const esbuild = require(process.argv[1]);
const [scriptTargets, cssTarget] = JSON.parse(process.argv[2]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const failed = [];
  const output = JSON.parse(input).map(({ name, code, loader }) => {
    const targets = loader === "css" ? [cssTarget] : scriptTargets;
    for (const [index, target] of targets.entries()) {
      try {
        return esbuild.transformSync(code, { loader, target, minify: true, legalComments: "inline" }).code;
      } catch (error) {
        if (index + 1 === targets.length) failed.push(`${name}: ${error.message}`);
      }
    }
    return null;
  });
  if (failed.length) {
    process.stderr.write(failed.join("\n"));
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(output));
});
"""


class MinifyError(RuntimeError):
    """node or esbuild is missing, or esbuild could not read a file."""


def loader(path: str) -> str:
    """esbuild's loader for a file, by its suffix; anything else is refused rather than passed through."""
    suffix = PurePosixPath(path).suffix
    if suffix not in LOADERS:
        raise MinifyError(
            f"{path}: cannot minify a {suffix or 'suffixless'} file (only {', '.join(LOADERS)})"
        )
    return LOADERS[suffix]


def minify(sources: dict[str, bytes], node_modules: Path = NODE_MODULES) -> dict[str, bytes]:
    """Each file's minified content, by the same path; one node process for all of them."""
    if not sources:
        return {}
    jobs = [
        {"name": path, "code": code.decode("utf-8"), "loader": loader(path)} for path, code in sources.items()
    ]
    node = shutil.which("node")
    esbuild = node_modules / "esbuild"
    if node is None or not (esbuild / "package.json").is_file():
        raise MinifyError(
            f"{'node' if node is None else esbuild} is missing: install Node.js and run `npm ci` (or "
            "`make build`, which runs it) before building the site"
        )
    targets = json.dumps([list(SCRIPT_TARGETS), list(CSS_TARGET)])
    done = subprocess.run(
        [node, "-e", RUNNER, str(esbuild), targets],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if done.returncode != 0:
        raise MinifyError(f"esbuild could not minify: {done.stderr.strip()}")
    minified: list[str] = json.loads(done.stdout)
    return {path: code.encode("utf-8") for path, code in zip(sources, minified, strict=True)}
