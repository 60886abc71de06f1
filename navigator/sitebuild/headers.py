"""One header policy for every built file, written for nginx and for hosts that read a `_headers` file.

`policy(site_dir)` says which headers each address of the built site gets; everything else is written from
it, so nginx (deploy/nginx.conf, navigator/sitebuild/nginx.py) and a static host that reads `_headers` (the
Netlify and Cloudflare Pages format) send the same headers:

- every address: `Referrer-Policy: no-referrer` (no page's address leaves with a reader's click),
  `X-Content-Type-Options: nosniff`, a Permissions-Policy that turns off what the site never uses (camera,
  microphone, geolocation and the like), `Cross-Origin-Opener-Policy: same-origin`;
- pages: their Content-Security-Policy (the one security.py put in the page's `<meta>`, which a page keeps
  for hosts that set no headers) plus `frame-ancestors 'none'`, which only a header can carry;
- `Cache-Control`: files whose names carry their version or digest (offline.py `immutable`) are kept a year
  and never asked again; pages, `sw.js` and everything else are asked again every time (`no-cache`), so a
  reader never gets an outdated page and a new version is picked up;
- `.wasm` as `application/wasm` (streaming compilation needs it).

A host that reads `_headers` applies every rule whose path matches and joins two values of one header with
a comma, which would turn two Cache-Control or Content-Security-Policy values into a different policy. So
`rules` gives each header of each address exactly one matching rule: shared values go in `/*`, a folder
whose files all agree gets one `/folder/*` rule, the rest exact paths. `applied` reads rules as such a host
does; the tests check it gives back `policy` for every address.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path, PurePosixPath

from navigator.sitebuild import offline

HEADERS_FILE = "_headers"
SHARED = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": (
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
FRAME_ANCESTORS = "frame-ancestors 'none'"
TYPES = {".wasm": "application/wasm"}  # the one type a host may get wrong that matters
META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
NOT_SERVED = (HEADERS_FILE,)  # the host reads it; it is not a page of the site
SIBLINGS = (".br", ".gz")  # compress.py's copies: sent in place of the file, never under their own name

Headers = dict[str, str]


class HeaderPolicyError(ValueError):
    """A built page has no Content-Security-Policy to send, or a value a header file cannot carry."""


def served(path: str, names: frozenset[str]) -> bool:
    """Whether a built file is served under its own name (not `_headers`, not a compressed sibling)."""
    if path in NOT_SERVED:
        return False
    return not (path.endswith(SIBLINGS) and path.rsplit(".", 1)[0] in names)


def addresses(path: str) -> list[str]:
    """The addresses a file answers: a page also by its folder (`level-1/index.html` as `/level-1/`)."""
    if path == "index.html":
        return ["/", "/index.html"]
    if path.endswith("/index.html"):
        return [f"/{path.removesuffix('index.html')}", f"/{path}"]
    return [f"/{path}"]


def page_policy(html: str, where: str) -> str:
    """The page's own Content-Security-Policy (its `<meta>`), with `frame-ancestors 'none'`."""
    found = META_POLICY.search(html)
    if found is None:
        raise HeaderPolicyError(f"{where}: the page has no Content-Security-Policy <meta> to send")
    return f"{found.group(1)}; {FRAME_ANCESTORS}"


def file_headers(site_dir: Path, path: str) -> Headers:
    """The headers one built file is sent with."""
    headers = dict(SHARED)
    if path.endswith(".html"):
        headers["Content-Security-Policy"] = page_policy(
            (site_dir / path).read_text(encoding="utf-8"), str(site_dir / path)
        )
    headers["Cache-Control"] = IMMUTABLE if offline.immutable(path) else REVALIDATE
    suffix = PurePosixPath(path).suffix
    if suffix in TYPES:
        headers["Content-Type"] = TYPES[suffix]
    return headers


def built_files(site_dir: Path) -> list[str]:
    names = frozenset(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    return sorted(path for path in names if served(path, names))


def policy(site_dir: Path) -> dict[str, Headers]:
    """Every address of the built site → the headers it is sent with."""
    result: dict[str, Headers] = {}
    for path in built_files(site_dir):
        headers = file_headers(site_dir, path)
        for address in addresses(path):
            result[address] = headers
    return result


def _folders(address: str) -> list[str]:
    """`/a/b/c.js` → ["/a/", "/a/b/"]: the folders an address lies in, outermost first."""
    parts = address.split("/")[1:-1]
    return ["/" + "/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]


def rules(by_address: dict[str, Headers]) -> list[tuple[str, Headers]]:
    """`_headers` rules that give every address its headers, each header by exactly one matching rule."""
    names = sorted({name for headers in by_address.values() for name in headers})
    shared: Headers = {}
    patterns: dict[str, Headers] = defaultdict(dict)
    for name in names:
        values = {address: headers.get(name) for address, headers in by_address.items()}
        everywhere = set(values.values())
        if len(everywhere) == 1 and None not in everywhere:
            shared[name] = str(everywhere.pop())
            continue
        under: dict[str, set[str | None]] = defaultdict(set)
        for address, value in values.items():
            for folder in _folders(address):
                under[folder].add(value)
        for address, value in values.items():
            if value is None:
                continue
            uniform = [folder for folder in _folders(address) if under[folder] == {value}]
            patterns[f"{uniform[0]}*" if uniform else address][name] = value
    ordered = sorted(patterns.items(), key=lambda item: item[0])
    return [("/*", shared), *ordered] if shared else ordered


def _matches(pattern: str, address: str) -> bool:
    return address.startswith(pattern[:-1]) if pattern.endswith("*") else address == pattern


def applied(rule_list: list[tuple[str, Headers]], address: str) -> Headers:
    """The headers a host that reads `_headers` sends for an address: every matching rule, one value of a
    header joined to another by ", " (as Netlify and Cloudflare Pages do)."""
    result: Headers = {}
    for pattern, headers in rule_list:
        if _matches(pattern, address):
            for name, value in headers.items():
                result[name] = f"{result[name]}, {value}" if name in result else value
    return result


def render(rule_list: list[tuple[str, Headers]]) -> str:
    lines = [
        "# Written by the build (navigator/sitebuild/headers.py): the headers every file of this site is",
        "# sent with, in the format Netlify and Cloudflare Pages read; one rule per header of an address.",
    ]
    for pattern, headers in rule_list:
        lines.append(pattern)
        for name, value in headers.items():
            if "\n" in value:
                raise HeaderPolicyError(f"{pattern}: {name} holds a line break")
            lines.append(f"  {name}: {value}")
    return "\n".join(lines) + "\n"


def parse(text: str, where: str) -> list[tuple[str, Headers]]:
    """`_headers` as rules; a clear error naming file and line for anything else."""
    result: list[tuple[str, Headers]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            if not line.startswith("/"):
                raise HeaderPolicyError(f"{where}:{number}: a rule starts with a path, not {line!r}")
            result.append((line.strip(), {}))
            continue
        name, colon, value = line.strip().partition(":")
        if not colon or not result:
            raise HeaderPolicyError(f"{where}:{number}: expected `Name: value` under a path, not {line!r}")
        result[-1][1][name.strip()] = value.strip()
    return result


def write(site_dir: Path) -> Path:
    """Write `_headers` at the site's root (after every page and `sw.js` is written)."""
    target = site_dir / HEADERS_FILE
    target.write_text(render(rules(policy(site_dir))), encoding="utf-8")
    return target


def read(site_dir: Path) -> list[tuple[str, Headers]]:
    target = site_dir / HEADERS_FILE
    if not target.is_file():
        raise HeaderPolicyError(f"{target}: missing: build the site first (make build)")
    return parse(target.read_text(encoding="utf-8"), str(target))
