"""One header policy (navigator/sitebuild/headers.py) for nginx and for hosts that read `_headers`.

Made-up addresses for the rules' shape, then the session's built site: its `_headers`, read as Netlify and
Cloudflare Pages read it (every matching rule, one header's values joined by a comma), gives every address
exactly the headers the policy says, and nginx's translation (navigator/sitebuild/nginx.py) keeps them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from navigator.sitebuild import headers, nginx
from navigator.sitebuild.headers import IMMUTABLE, REVALIDATE

PAGE_A = {"Cache-Control": REVALIDATE, "Content-Security-Policy": "default-src 'self'; a"}
PAGE_B = {"Cache-Control": REVALIDATE, "Content-Security-Policy": "default-src 'self'; b"}
DIGEST = {"Cache-Control": IMMUTABLE}
PLAIN = {"Cache-Control": REVALIDATE}


def made_up() -> dict[str, headers.Headers]:
    shared = {"X-Content-Type-Options": "nosniff"}
    return {
        "/": {**shared, **PAGE_A},
        "/index.html": {**shared, **PAGE_A},
        "/york/": {**shared, **PAGE_B},
        "/york/index.html": {**shared, **PAGE_B},
        "/york/level-1/": {**shared, **PAGE_B},
        "/york/level-1/index.html": {**shared, **PAGE_B},
        "/assets/navigator/snapshot-0123456789abcdef.bin": {**shared, **DIGEST},
        "/assets/navigator/data/york-0123456789abcdef.json": {**shared, **DIGEST},
        "/assets/images/favicon.png": {**shared, **PLAIN},
        "/sw.js": {**shared, **PLAIN},
    }


def test_shared_headers_go_in_one_rule_for_every_address_and_folders_that_agree_get_one_rule_each() -> None:
    rules = headers.rules(made_up())
    patterns = [pattern for pattern, _ in rules]
    assert rules[0] == ("/*", {"X-Content-Type-Options": "nosniff"})
    assert "/york/*" in patterns  # three pages, one policy
    assert "/assets/navigator/*" in patterns  # every file digest-named
    assert "/" in patterns
    assert "/sw.js" in patterns
    assert dict(rules)["/york/*"] == PAGE_B
    assert dict(rules)["/assets/navigator/*"] == DIGEST


def test_a_host_reading_the_rules_sends_each_address_exactly_its_headers() -> None:
    policy = made_up()
    rules = headers.rules(policy)
    for address, wanted in policy.items():
        assert headers.applied(rules, address) == wanted, address


def test_a_folder_whose_files_disagree_gets_exact_paths_so_no_header_is_joined_to_another() -> None:
    policy = {"/a/one.js": DIGEST, "/a/two.js": PLAIN, "/a/b/three.js": PLAIN}
    rules = headers.rules(policy)
    assert [pattern for pattern, _ in rules] == ["/a/b/*", "/a/one.js", "/a/two.js"]
    assert headers.applied(rules, "/a/one.js") == DIGEST  # not "no-cache, public, …"


def test_headers_file_reads_back_as_written_and_bad_lines_name_file_and_line() -> None:
    rules = headers.rules(made_up())
    assert headers.parse(headers.render(rules), "_headers") == rules
    with pytest.raises(headers.HeaderPolicyError, match=r"^site/_headers:3: expected `Name: value`"):
        headers.parse("/*\n  X-A: b\n  no colon here\n", "site/_headers")
    with pytest.raises(headers.HeaderPolicyError, match=r"^site/_headers:1: a rule starts with a path"):
        headers.parse("X-A: b\n", "site/_headers")


def test_a_page_without_its_policy_is_refused_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><head></head></html>", encoding="utf-8")
    with pytest.raises(headers.HeaderPolicyError, match=r"index\.html: the page has no Content-Security"):
        headers.policy(tmp_path)


def test_the_built_sites_headers_file_gives_every_address_the_policy(built_site: Path) -> None:
    policy = headers.policy(built_site)
    rules = headers.read(built_site)
    assert rules == headers.rules(policy)  # the file the build wrote is the policy of what it built
    for address, wanted in policy.items():
        assert headers.applied(rules, address) == wanted, address
    assert len(policy) > 200


def test_the_built_sites_policy_for_each_kind_of_file(built_site: Path) -> None:
    policy = headers.policy(built_site)
    navigator = policy["/derby-derbyshire/navigator/"]
    meta = re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
        (built_site / "derby-derbyshire" / "navigator" / "index.html").read_text(encoding="utf-8"),
    )
    assert meta is not None
    assert navigator["Content-Security-Policy"] == f"{meta.group(1)}; frame-ancestors 'none'"
    assert "'wasm-unsafe-eval'" in navigator["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" not in policy["/derby-derbyshire/level-3/"]["Content-Security-Policy"]
    for address, sent in policy.items():
        assert sent["Referrer-Policy"] == "no-referrer"
        assert sent["X-Content-Type-Options"] == "nosniff"
        assert sent["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in sent["Permissions-Policy"]
        assert "geolocation=()" in sent["Permissions-Policy"]
        page = address.endswith(("/", ".html"))
        assert ("Content-Security-Policy" in sent) == page, address
        if page or address == "/sw.js":
            assert sent["Cache-Control"] == REVALIDATE, address
    wasm = [address for address in policy if address.endswith(".wasm")]
    assert wasm
    assert all(policy[address]["Content-Type"] == "application/wasm" for address in wasm)
    assert all(policy[address]["Cache-Control"] == IMMUTABLE for address in wasm)
    digest_named = [a for a in policy if a.startswith("/assets/navigator/") or "/javascripts/handbook-" in a]
    assert digest_named
    assert all(policy[a]["Cache-Control"] == IMMUTABLE for a in digest_named)
    assert "/_headers" not in policy
    # The compressed copies are sent in place of their file, never under their own names.
    assert not [address for address in policy if address.endswith((".br", ".gz"))]
    assert list((built_site / "assets" / "navigator").glob("*.br"))


def test_nginx_reads_a_splat_as_its_folder_and_refuses_what_it_would_read_as_syntax() -> None:
    rules = headers.rules(made_up())
    conf = nginx.headers_conf(rules)
    assert 'add_header X-Content-Type-Options "nosniff" always;' in conf
    assert '"~^/assets/navigator/" "public, max-age=31536000, immutable";' in conf
    assert '"/sw.js" "no-cache";' in conf
    assert "add_header Cache-Control $handbook_cache_control always;" in conf
    dotted = nginx.headers_conf([("/assets/pyodide/314.0.7/*", DIGEST)])
    assert '"~^/assets/pyodide/314[.]0[.]7/"' in dotted  # a dot is a dot, not any character
    with pytest.raises(nginx.NginxError, match=r"/x: .*syntax"):
        nginx.headers_conf([("/x", {"X-A": "$uri"})])
