"""The "Network" section of docs/performance.md, from tests/bench/network.py's figures.

Targets (issue 23), at 10 Mbps and 60 ms: the navigator's cold first suggestion at most 0.6 times a bare
Pyodide start's over the same link; a cold navigator visit moves at most 5 MB (decimal); a warm visit no
slower than on 127.0.0.1 (reported only: the page is asked of the server first, so one round trip at least
is its due).
"""

from __future__ import annotations

from navigator.web.runtime import pyodide_version
from tests.bench.host import GZIP_LEVEL
from tests.bench.network import (
    BARE_BYTES,
    BARE_COLD,
    BARE_WARM,
    BYTES_FIRST,
    BYTES_VISIT,
    COLD,
    LOOPBACK,
    TARGET_LINK,
    WARM,
    LinkSettings,
    NetworkFigures,
)
from tests.bench.throttle import CHUNK_BYTES

MB = 1_000_000
COLD_RATIO = 0.6
COLD_VISIT_BYTES = 5 * MB
FILES_SHOWN = 8


def network_section(figures: NetworkFigures) -> str:
    def ms(link: LinkSettings, what: str) -> str:
        values = figures.values[link.measure(what)]
        median = figures.median(link.measure(what))
        return f"{median:.0f} ms" + (f" ({min(values):.0f}–{max(values):.0f})" if len(values) > 1 else "")

    def megabytes(link: LinkSettings, what: str) -> str:
        values = figures.values[link.measure(what)]
        median = figures.median(link.measure(what))
        spread = f" ({min(values) / MB:.2f}–{max(values) / MB:.2f})" if len(values) > 1 else ""
        return f"{median / MB:.2f} MB{spread}"

    def ratio(link: LinkSettings, what: str, against: LinkSettings, bare: str) -> float:
        return figures.median(link.measure(what)) / figures.median(against.measure(bare))

    links = figures.links
    runs = f"{figures.runs} run" + ("s" if figures.runs != 1 else "")
    loopback = LOOPBACK if LOOPBACK in links else None
    lines = [
        "## Network",
        "",
        f"Headless Debian chromium {figures.chromium}, Pyodide {pyodide_version()}, partnership "
        f"`derby-derbyshire`; medians of {runs} (lowest and highest in brackets). The built site is "
        "served by `tests/bench/throttle.py` as a static host across a link: one downstream bandwidth "
        f"shared by every connection (sent in {CHUNK_BYTES // 1024} KB chunks), each response one round trip "
        "after its request and a new connection's first one a round trip later still (its handshake); "
        "upstream free, TCP's slow start not modelled; HTTP/1.1 keep-alive. The host "
        "(`tests/bench/host.py`) sends the precompressed `.br`, else `.gz`, sibling the browser accepts, "
        f"else gzip level {GZIP_LEVEL} made on the fly for text, JSON, SVG, XML, wasm and the snapshot, "
        "with `Vary: Accept-Encoding` and an ETag (a `no-cache` file comes back 304). This build: "
        f"{figures.host}. “127.0.0.1” is the same server not throttled. Each visit opens a tab and "
        "navigates once the browser is quiet, as in the Navigator section. Cold: a fresh browser context "
        "(empty caches, no service worker). Warm: the next visit in the same context (the HTTP cache for "
        "bare Pyodide; for the navigator, once the service worker has kept its files and the page has "
        "primed the code cache).",
        "",
        "| Link | Bare Pyodide, cold | Navigator, first suggestion, cold | Navigator ÷ bare |",
        "|---|---|---|---|",
        *[
            f"| {link.name} | {ms(link, BARE_COLD)} | {ms(link, COLD)} | "
            f"{ratio(link, COLD, link, BARE_COLD):.3f} × |"
            for link in links
        ],
        "",
        "| Link | Bare Pyodide, warm | Navigator, first suggestion, warm | ÷ its warm on 127.0.0.1 |",
        "|---|---|---|---|",
        *[
            f"| {link.name} | {ms(link, BARE_WARM)} | {ms(link, WARM)} | "
            + (f"{ratio(link, WARM, loopback, WARM):.2f} × |" if loopback else "not measured |")
            for link in links
        ],
        "",
        "Bytes are what the server sent, headers and bodies as compressed: a cold navigator visit until the "
        "service worker has kept the navigator's files and the site's pages of no partnership (what the "
        "cold-visit budget counts), and the part of it sent by the first suggestion; a cold bare start.",
        "",
        "| Link | Navigator, cold visit | … by the first suggestion | Bare Pyodide, cold |",
        "|---|---|---|---|",
        *[
            f"| {link.name} | {megabytes(link, BYTES_VISIT)} | {megabytes(link, BYTES_FIRST)} | "
            f"{megabytes(link, BARE_BYTES)} |"
            for link in links
        ],
        "",
        *_targets(figures, loopback),
        *_files(figures),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _targets(figures: NetworkFigures, loopback: LinkSettings | None) -> list[str]:
    link = TARGET_LINK
    if link not in figures.links:
        return [f"The targets are set at {link.name}, which this run did not measure.", ""]
    cold = figures.median(link.measure(COLD)) / figures.median(link.measure(BARE_COLD))
    visit = figures.median(link.measure(BYTES_VISIT))
    warm = figures.median(link.measure(WARM))
    rows = [
        (
            "First suggestion, cold, ≤ 0.6 × bare Pyodide cold",
            f"{cold:.3f} ×",
            _verdict(cold - COLD_RATIO, f"{cold - COLD_RATIO:.3f} ×"),
        ),
        (
            "A cold navigator visit moves ≤ 5 MB",
            f"{visit / MB:.2f} MB",
            _verdict(visit - COLD_VISIT_BYTES, f"{(visit - COLD_VISIT_BYTES) / MB:.2f} MB"),
        ),
    ]
    if loopback is not None:
        on_loopback = figures.median(loopback.measure(WARM))
        rows.append(
            (
                "First suggestion, warm, no slower than on 127.0.0.1 (reported only)",
                f"{warm:.0f} ms against {on_loopback:.0f} ms",
                _verdict(warm - on_loopback, f"{warm - on_loopback:.0f} ms"),
            )
        )
    return [
        f"### Targets at {link.name}",
        "",
        "| Target | Result | Verdict |",
        "|---|---|---|",
        *[f"| {name} | {value} | {verdict} |" for name, value, verdict in rows],
        "",
    ]


def _files(figures: NetworkFigures) -> list[str]:
    """The biggest transfers of the last cold navigator visit at the target link (else the first)."""
    if not figures.files:
        return []
    name = TARGET_LINK.name if TARGET_LINK.name in figures.files else next(iter(figures.files))
    files = figures.files[name]
    shown = list(files.items())[:FILES_SHOWN]
    rest = sum(files.values()) - sum(size for _, size in shown)
    return [
        f"### What a cold navigator visit moves ({name}, last run)",
        "",
        "| File (status, coding) | Sent |",
        "|---|---|",
        *[f"| `{file}` | {size / MB:.3f} MB |" for file, size in shown],
        *([f"| {len(files) - len(shown)} other files | {rest / MB:.3f} MB |"] if rest else []),
        "",
    ]


def _verdict(excess: float, by: str) -> str:
    return "met" if excess <= 0 else f"**missed** by {by}"
