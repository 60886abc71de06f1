"""Serve the built site with Debian's nginx, with the same headers a host that reads `_headers` sends.

    python -m navigator.sitebuild.nginx serve  --site site --port 8080 [--host 127.0.0.1] [--run DIR]
    python -m navigator.sitebuild.nginx config --site site --port 8080 [--host 127.0.0.1] [--run DIR]

`config` writes DIR/nginx.conf (deploy/nginx.conf with its @@NAMES@@ filled in) and DIR/headers.conf (the
site's `_headers` as nginx maps and add_header lines) and checks them with `nginx -t`; `serve` then runs
nginx in the foreground (`make serve-nginx`). The header policy itself lives in headers.py; this module only
translates it: a `/folder/*` rule becomes a map entry matching the folder, an exact path an exact entry,
and `/*` plain add_header lines. Content-Type comes from nginx's own `types` (deploy/nginx.conf).
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import shutil
import subprocess
import sys
from pathlib import Path

from navigator.sitebuild import headers

REPOSITORY = Path(__file__).resolve().parents[2]
TEMPLATE = REPOSITORY / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
FROM_TYPES = frozenset({"Content-Type"})  # nginx's `types` sets it; a second header would contradict it
UNQUOTABLE = re.compile(r'["\\$]')


class NginxError(RuntimeError):
    """nginx or its brotli module is missing, the site is not built, or nginx refused the configuration."""


def _variable(name: str) -> str:
    return "$handbook_" + re.sub(r"[^a-z0-9]+", "_", name.lower())


def _quoted(value: str, where: str) -> str:
    if UNQUOTABLE.search(value):
        raise NginxError(f"{where}: {value!r} holds a character nginx would read as syntax")
    return f'"{value}"'


def _key(pattern: str) -> str:
    """A `_headers` path as a map key: a splat matches the folder (a regular expression), else exactly."""
    if pattern.endswith("/*"):  # a character class for each other character: no backslash to quote
        return _quoted("~^" + re.sub(r"([^A-Za-z0-9/_-])", r"[\1]", pattern[:-1]), pattern)
    return _quoted(pattern, pattern)


def headers_conf(rule_list: list[tuple[str, headers.Headers]]) -> str:
    """The `_headers` rules as nginx configuration for the http block."""
    lines = ["# Written by navigator/sitebuild/nginx.py from the site's _headers (see headers.py)."]
    by_name: dict[str, list[tuple[str, str]]] = {}
    for pattern, rule in rule_list:
        for name, value in rule.items():
            if name in FROM_TYPES:
                continue
            if pattern == "/*":
                lines.append(f"add_header {name} {_quoted(value, pattern)} always;")
            else:
                by_name.setdefault(name, []).append((pattern, value))
    for name, entries in sorted(by_name.items()):
        variable = _variable(name)
        lines.append(f"map $uri {variable} {{")
        lines.append('    default "";')
        lines += [f"    {_key(pattern)} {_quoted(value, pattern)};" for pattern, value in entries]
        lines.append("}")
        lines.append(f"add_header {name} {variable} always;")
    return "\n".join(lines) + "\n"


def _user_line(site: Path) -> str:
    """Workers run as the site folder's owner when nginx starts as root (so they can read it); else as us."""
    if os.geteuid() != 0:
        return "# (not started as root: the workers run as the user who started nginx)"
    return f"user {pwd.getpwuid(site.stat().st_uid).pw_name};"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if found is None:
        raise NginxError("nginx is missing: `make nginx` installs Debian's nginx (apt-get install nginx)")
    if not BROTLI_MODULE.is_file():
        raise NginxError(
            f"{BROTLI_MODULE} is missing: `make nginx` installs it "
            "(apt-get install libnginx-mod-http-brotli-static)"
        )
    return found


def config(site: Path, port: int, run: Path, host: str = "127.0.0.1") -> Path:
    """Write run/nginx.conf and run/headers.conf for the built site and check them with `nginx -t`."""
    site = site.resolve()
    rule_list = headers.read(site)  # a clear error when the site is not built
    run = run.resolve()
    for folder in TEMP_FOLDERS:
        (run / folder).mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in {
        "@@USER@@": _user_line(site),
        "@@RUN@@": str(run),
        "@@SITE@@": str(site),
        "@@LISTEN@@": f"{host}:{port}",
        "@@BROTLI_MODULE@@": str(BROTLI_MODULE),
    }.items():
        text = text.replace(name, value)
    if "@@" in text:
        raise NginxError(f"{TEMPLATE}: a @@NAME@@ nobody fills in: {text[text.index('@@') :][:40]!r}")
    (run / "headers.conf").write_text(headers_conf(rule_list), encoding="utf-8")
    target = run / "nginx.conf"
    target.write_text(text, encoding="utf-8")
    checked = subprocess.run(
        [nginx_binary(), "-t", "-q", "-e", "stderr", "-p", str(run), "-c", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if checked.returncode != 0:
        raise NginxError(f"nginx refused {target}:\n{checked.stderr.strip()}")
    return target


def command(conf: Path) -> list[str]:
    """nginx in the foreground with this configuration (its error log on stderr)."""
    return [nginx_binary(), "-e", "stderr", "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m navigator.sitebuild.nginx", description=__doc__)
    parser.add_argument("action", choices=("config", "serve"))
    parser.add_argument("--site", type=Path, default=REPOSITORY / "site")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--run", type=Path, default=REPOSITORY / ".cache" / "nginx")
    arguments = parser.parse_args(argv)
    try:
        conf = config(arguments.site, arguments.port, arguments.run, arguments.host)
    except (NginxError, headers.HeaderPolicyError) as error:
        print(f"serve-nginx: {error}", file=sys.stderr)
        return 1
    if arguments.action == "config":
        print(conf)
        return 0
    where = f"http://{arguments.host}:{arguments.port}/"
    print(f"Serving {arguments.site} with nginx on {where} (Ctrl+C to stop)", flush=True)
    os.execv(command(conf)[0], command(conf))  # noqa: S606 (a fixed program, our own arguments)
    return 0  # not reached: nginx replaces this process


if __name__ == "__main__":
    raise SystemExit(main())
