# Two commands for a newcomer: `make serve` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PORT ?= 8000
SITE ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve serve-nginx test lint bench chromium nginx screenshots clean

setup: $(PYTHON_STAMP) $(NODE_STAMP)

$(PYTHON_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Build into a temporary folder and swap it in only when the whole build succeeded: never a partial site.
build: setup
	rm -rf $(SITE).tmp
	$(BIN)/mkdocs build --strict --quiet --site-dir $(SITE).tmp || { rm -rf $(SITE).tmp; exit 1; }
	rm -rf $(SITE) && mv $(SITE).tmp $(SITE)

serve: build
	@echo "Serving the handbook on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

# The site as it is served for real: Debian's nginx with the production headers and the build's brotli and
# gzip copies (deploy/nginx.conf, navigator/sitebuild/nginx.py), in the foreground, on PORT (8080 here).
serve-nginx: PORT = 8080
serve-nginx: build nginx
	$(BIN)/python -m navigator.sitebuild.nginx serve --site $(SITE) --port $(PORT) --run .cache/nginx

# Debian's nginx and its brotli module, installed when missing and we are root. No service is started: a
# policy-rc.d that refuses is put in place for the install when the machine has none.
BROTLI_MODULE := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
nginx:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -f $(BROTLI_MODULE) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    made=; if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; \
	      chmod +x /usr/sbin/policy-rc.d; made=1; fi; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx \
	      libnginx-mod-http-brotli-static >/dev/null; status=$$?; \
	    [ -z "$$made" ] || rm -f /usr/sbin/policy-rc.d; exit $$status; \
	  else echo "Debian nginx is missing: run 'sudo apt-get install nginx libnginx-mod-http-brotli-static'" >&2; \
	    exit 1; fi; fi

# Debian's chromium for the browser tests; installed when missing and we are root (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Debian chromium is missing: run 'sudo apt-get install chromium' and try again" >&2; exit 1; fi; }

lint: setup
	$(BIN)/ruff check navigator tests macros.py
	$(BIN)/ruff format --check navigator tests macros.py
	$(BIN)/mypy

test: setup chromium nginx lint
	$(BIN)/thresholds validate
	$(BIN)/pytest

bench: setup
	$(BIN)/python -m tests.bench

# Pictures of the handbook and the navigator, desktop and phone, for the README (docs/screenshots/).
screenshots: build chromium
	$(BIN)/python -m tests.screenshots

clean:
	rm -rf site site.tmp .pytest_cache .mypy_cache .ruff_cache .hypothesis
